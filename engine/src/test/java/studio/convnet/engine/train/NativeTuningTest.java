package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeTuningTest {

  @Test
  void onLinuxABoundedOpenMpSpinReachesTheCEnvironmentAndMallocThresholdsAreSet() {
    EngineSupport.engine(); // applies the tuning before libtorch loads
    List<String> applied = NativeTuning.applied();
    if (!System.getProperty("os.name").toLowerCase().contains("linux")
        || "false".equalsIgnoreCase(System.getProperty("convnet.nativeTuning"))) {
      assertThat(applied).isEmpty();
      return;
    }
    assertThat(applied).contains("M_MMAP_THRESHOLD=32MB", "M_TRIM_THRESHOLD=512MB");
    // what the report says is what libgomp will read: the C environment, not Java's copy of it
    NativeTuning.CLib c = com.sun.jna.Native.load("c", NativeTuning.CLib.class);
    if (System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null) {
      assertThat(applied).contains("GOMP_SPINCOUNT=" + NativeTuning.SPIN_COUNT);
      assertThat(c.getenv("GOMP_SPINCOUNT")).isEqualTo(NativeTuning.SPIN_COUNT);
      assertThat(c.getenv("OMP_WAIT_POLICY")).isNull(); // a policy would not override the count, but says otherwise
    } else {
      assertThat(applied).anyMatch(s -> s.startsWith("OpenMP wait from the environment"));
      assertThat(c.getenv("GOMP_SPINCOUNT")).isEqualTo(System.getenv("GOMP_SPINCOUNT"));
    }
  }
}
