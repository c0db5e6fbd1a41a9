package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeTuningTest {

  @Test
  void onLinuxThePassiveOpenMpPolicyReachesTheCEnvironmentAndMallocThresholdsAreSet() {
    EngineSupport.engine(); // applies the tuning before libtorch loads
    List<String> applied = NativeTuning.applied();
    if (!System.getProperty("os.name").toLowerCase().contains("linux")
        || "false".equalsIgnoreCase(System.getProperty("convnet.nativeTuning"))) {
      assertThat(applied).isEmpty();
      return;
    }
    assertThat(applied).contains("M_MMAP_THRESHOLD=32MB", "M_TRIM_THRESHOLD=512MB");
    String omp = applied.stream().filter(s -> s.startsWith("OMP_WAIT_POLICY=")).findFirst().orElseThrow();
    String value = omp.substring("OMP_WAIT_POLICY=".length()).replace(" (from the environment)", "");
    // what the report says is what libgomp will read: the C environment, not Java's copy of it
    NativeTuning.CLib c = com.sun.jna.Native.load("c", NativeTuning.CLib.class);
    assertThat(c.getenv("OMP_WAIT_POLICY")).isEqualTo(value);
    if (System.getenv("OMP_WAIT_POLICY") == null) {
      assertThat(value).isEqualTo("PASSIVE");
    } else {
      assertThat(omp).endsWith("(from the environment)");
    }
  }
}
