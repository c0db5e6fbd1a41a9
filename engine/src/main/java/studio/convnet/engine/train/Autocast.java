package studio.convnet.engine.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * bf16 mixed precision on the CPU through PyTorch's own autocast, switched on by a small native call.
 *
 * <p>Why not DJL: DJL 0.33's JNI maps data types with a switch that knows float32, float64, float16,
 * uint8, int32, int8, int64, bool and complex64 only; every other type ends in {@code throw;} with no
 * active exception, which is {@code std::terminate} — the JVM abort seen with
 * {@code toType(DataType.BFLOAT16)} or creating any array as BFLOAT16 ({@code djl_pytorch_utils.h},
 * {@code GetScalarTypeFromDType}). A bf16 tensor that PyTorch creates itself is fine: DJL reports
 * it as {@code UNKNOWN} and passes its handle on.
 *
 * <p>So the parameters stay float32 and DJL keeps its float32 view of them; we turn on PyTorch's CPU
 * autocast ({@code at::autocast::set_autocast_enabled(CPU, true)}, the C++ behind
 * {@code torch.autocast("cpu")}, default dtype bf16) for the forward pass. Convolutions, linear
 * layers and matrix products then run in bf16 on oneDNN's AVX-512-BF16/AMX kernels, autograd
 * records the casts, and the backward pass runs in the types the forward chose. The weight-cast cache
 * is turned off, so a cast weight is never reused after the optimizer has changed it. Autocast is
 * per thread: enable and disable it on the training thread.
 *
 * <p>The functions are looked up by their mangled names in the {@code libtorch_cpu} DJL already
 * loaded (the same copy: found in {@code /proc/self/maps}); absent symbols make
 * {@link #available()} false rather than fail.
 */
public final class Autocast {

  private static final byte CPU = 0; // c10::DeviceType::CPU
  private static volatile Binding binding;

  private Autocast() {}

  private record Binding(Function setEnabled, Function isEnabled, Function setCacheEnabled, String error) {}

  private static Binding binding() {
    Binding b = binding;
    if (b == null) {
      synchronized (Autocast.class) {
        if (binding == null) {
          binding = bind();
        }
        b = binding;
      }
    }
    return b;
  }

  private static Binding bind() {
    EngineSupport.engine(); // libtorch_cpu must be loaded first
    try {
      NativeLibrary lib = NativeLibrary.getInstance(libtorchPath().orElse("torch_cpu"));
      return new Binding(
          lib.getFunction("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb"),
          lib.getFunction("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE"),
          lib.getFunction("_ZN2at8autocast26set_autocast_cache_enabledEb"), null);
    } catch (Throwable t) { // UnsatisfiedLinkError: another libtorch, not Linux, no JNA
      return new Binding(null, null, null, t.getMessage());
    }
  }

  /** The path of the libtorch_cpu this process loaded, from /proc/self/maps (Linux). */
  static Optional<String> libtorchPath() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .filter(l -> l.endsWith("/libtorch_cpu.so"))
          .map(l -> l.substring(l.indexOf('/')))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the native switch was found (PyTorch's CPU library with autocast). */
  public static boolean available() {
    return binding().setEnabled() != null;
  }

  /** Why {@link #available()} is false, or empty. */
  public static Optional<String> unavailableReason() {
    return Optional.ofNullable(binding().error());
  }

  /** Whether this CPU has native bf16 arithmetic (AVX-512-BF16 or AMX); without it bf16 is emulated, slowly. */
  public static boolean cpuHasBf16() {
    try {
      String info = Files.readString(Path.of("/proc/cpuinfo")).toLowerCase(Locale.ROOT);
      return info.contains(" avx512_bf16") || info.contains(" amx_bf16");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Turns bf16 autocast on or off for the calling thread's CPU ops (and the weight-cast cache off).
   *
   * @throws IllegalStateException when the switch is not available
   */
  public static void set(boolean on) {
    Binding b = binding();
    if (b.setEnabled() == null) {
      throw new IllegalStateException("bf16 autocast is not available in this PyTorch: " + b.error());
    }
    if (on) {
      b.setCacheEnabled().invoke(Void.class, new Object[] {(byte) 0});
    }
    b.setEnabled().invoke(Void.class, new Object[] {CPU, (byte) (on ? 1 : 0)});
  }

  /** Whether autocast is on for the calling thread. */
  public static boolean enabled() {
    Binding b = binding();
    return b.isEnabled() != null && ((Byte) b.isEnabled().invoke(Byte.class, new Object[] {CPU})) != 0;
  }

  /** On for a block: {@code try (var on = Autocast.scope(bf16)) { forward }} (does nothing when false). */
  public static Scope scope(boolean on) {
    if (on) {
      set(true);
    }
    return new Scope(on);
  }

  /** Closes an autocast block. */
  public static final class Scope implements AutoCloseable {
    private final boolean on;

    private Scope(boolean on) {
      this.on = on;
    }

    @Override
    public void close() {
      if (on) {
        set(false);
      }
    }
  }
}
