package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code convnet bench} restarts itself in place under glibc's malloc tunables (MallocRestart): the
 * process that reports is the one that was started (same PID, so kill -9 and exit codes reach it),
 * it runs with the tunables, and its steps page-fault far less; turned off, none of that happens.
 */
@EnabledOnOs(OS.LINUX)
class MallocRestartCliTest {

  private static JsonObject bench(String envSwitch) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ConvNetCli.class.getName(),
        "bench", "--model", "alexnet", "--input", "96", "--batch-size", "32", "--batches", "3", "--warmup", "1",
        "--no-peak", "--onednn-trace", "0", "--json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("GLIBC_TUNABLES");
    if (envSwitch != null) pb.environment().put("CONVNET_NATIVE_TUNING", envSwitch);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    JsonObject json = JsonParser.parseString(out.substring(out.indexOf('{'))).getAsJsonObject();
    assertThat(json.get("pid").getAsLong()).as("the same process reports (execv keeps the PID)").isEqualTo(p.pid());
    return json;
  }

  @Test
  void benchRunsUnderTheTunablesInTheSameProcessAndFaultsLess() throws Exception {
    JsonObject tuned = bench(null);
    JsonObject plain = bench("off");
    assertThat(tuned.get("nativeTuning").getAsString()).contains("glibc.malloc.arena_max=1", "(restarted with it)",
        "JIT " + studio.convnet.engine.train.MallocRestart.QUICK_JIT);
    assertThat(plain.get("nativeTuning").getAsString()).doesNotContain("GLIBC_TUNABLES");
    // AlexNet-96: its 4096x4096 dense weight gradient is 67 MB, above glibc's largest mmap threshold
    assertThat(tuned.get("minorFaultsPerStep").getAsDouble())
        .as("page faults per step, tuned vs plain %s", plain.get("minorFaultsPerStep"))
        .isLessThan(plain.get("minorFaultsPerStep").getAsDouble() / 2);
  }
}
