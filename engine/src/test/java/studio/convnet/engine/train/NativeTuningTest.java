package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeTuningTest {

  @Test
  void onLinuxThePassiveOpenMpPolicyAndMallocThresholdsAreSetBeforeTheEngineLoads() {
    EngineSupport.engine();
    if (System.getProperty("os.name").toLowerCase().contains("linux")) {
      assertThat(NativeTuning.applied()).anySatisfy(s -> assertThat(s).startsWith("OMP_WAIT_POLICY="));
      assertThat(NativeTuning.applied()).contains("M_MMAP_THRESHOLD=32MB", "M_TRIM_THRESHOLD=512MB");
      NativeTuning.CLib c = com.sun.jna.Native.load("c", NativeTuning.CLib.class);
      assertThat(c.getenv("OMP_WAIT_POLICY")).isNotNull();
    }
    assertThat(NativeTuning.apply()).isSameAs(NativeTuning.applied()); // idempotent
  }
}
