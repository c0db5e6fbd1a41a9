package studio.convnet.engine.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.EngineSupport;

/** {@code convnet info}: the engine, its version and the device training would use. */
@Command(name = "info", description = "Show the deep-learning engine and the device training uses.")
final class InfoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Engine engine = EngineSupport.engine();
    Device device = DeviceChoice.AUTO.resolve();
    var out = spec.commandLine().getOut();
    out.println("engine:  " + engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
    out.println("GPUs:    " + engine.getGpuCount());
    out.println("device:  " + DeviceChoice.describe(device));
    return 0;
  }
}
