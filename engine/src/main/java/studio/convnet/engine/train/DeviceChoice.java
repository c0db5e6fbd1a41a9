package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where training runs: {@code auto} takes the first GPU when the engine sees one, else the CPU;
 * {@code gpu} insists on a GPU and fails with a clear message otherwise; {@code cpu} always the CPU.
 * The decision itself is pure ({@link #resolve(int)}) so it is tested on a machine with no GPU.
 */
public enum DeviceChoice {
  AUTO, CPU, GPU;

  public static DeviceChoice parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + text + "'");
    }
  }

  /** The device for a machine on which the engine counts {@code gpuCount} GPUs. */
  public Device resolve(int gpuCount) {
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpuCount > 0 ? Device.gpu(0) : Device.cpu();
      case GPU -> {
        if (gpuCount == 0) {
          throw new IllegalStateException(
              "device gpu was asked for, but PyTorch sees no CUDA GPU: build with the cuda profile"
                  + " (./mvnw -Pcuda ...) on a machine with an NVIDIA driver, or use --device auto");
        }
        yield Device.gpu(0);
      }
    };
  }

  /** Resolves against the engine actually loaded. */
  public Device resolve() {
    return resolve(EngineSupport.engine().getGpuCount());
  }

  /** "cpu" / "gpu(0): NVIDIA ..." style description for RunStarted and the CLI. */
  public static String describe(Device device) {
    Engine engine = EngineSupport.engine();
    String base = device.isGpu() ? "GPU " + device.getDeviceId() : "CPU";
    return base + " (" + engine.getEngineName() + " " + engine.getVersion() + ", "
        + Runtime.getRuntime().availableProcessors() + " cores)";
  }
}
