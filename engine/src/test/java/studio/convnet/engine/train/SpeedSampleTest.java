package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpeedSampleTest {

  @Test
  void slowFirstBatchesAreWarmUpAndCountOnlyTheirExtraTime() {
    SpeedSample s = new SpeedSample(1200);
    double t = 0;
    // the first batches of a fresh JVM take 0.5 s each, then 1 200 images take 0.1 s (12 000 images/s)
    for (int i = 0; i < 3; i++) {
      t += 0.5;
      assertThat(s.add(2400, t)).isFalse();
    }
    boolean done = false;
    while (!done) {
      t += 0.1;
      done = s.add(12_000, t);
    }
    assertThat(s.warmUpBatches()).as("at least 3 batches and 1.5 s").isEqualTo(7);
    assertThat(s.throughput()).isCloseTo(12_000, within(1.0));
    assertThat(s.timedBatches()).as("3 s at 0.1 s a batch").isBetween(30, 31);
    // the seven warm-up batches took 1.9 s where the timed speed needs 0.7 s
    assertThat(s.warmUpExtra(0)).isCloseTo(1.2, within(1e-6));
  }

  @Test
  void theWarmUpLastsWhileTheJitCompilerIsBusyAndNoLongerThanItsLimit() {
    SpeedSample s = new SpeedSample(64);
    double t = 0;
    double jit = 0;
    // 0.1 s batches; the JIT compiles 40 ms in every batch until 4 s, then nothing
    while (t < 4.0 - 1e-9) {
      t += 0.1;
      jit += 40;
      assertThat(s.add(640, t, jit)).isFalse();
    }
    assertThat(s.timedBatches()).as("still warming up at 4 s, past the 1.5 s minimum").isZero();
    boolean done = false;
    while (!done) {
      t += 0.1;
      done = s.add(640, t, jit);
    }
    // quiet once a whole 0.5 s window has passed without compiling: the batch ending at 4.5 s
    assertThat(s.warmUpBatches()).isEqualTo(45);
    assertThat(s.timedBatches()).isBetween(30, 31);

    SpeedSample busy = new SpeedSample(64);
    t = 0;
    jit = 0;
    done = false;
    while (!done) {
      t += 0.1;
      jit += 40; // never quiet
      done = busy.add(640, t, jit);
    }
    assertThat(busy.warmUpBatches()).as("warm-up ends at %s s whatever the JIT does", SpeedSample.MAX_WARM_UP_SECONDS)
        .isBetween(80, 81); // 8 s of 0.1 s batches (floating point decides the last)
  }

  @Test
  void batchesThatWaitForTheCpuSlowTheEstimateThoughTheMedianIgnoresThem() {
    SpeedSample s = new SpeedSample(64);
    double t = 0;
    for (int i = 0; i < 3; i++) { // warm-up: 3 batches of a second
      t += 1;
      s.add(64, t);
    }
    boolean done = false;
    int i = 0;
    while (!done) {
      double secs = i++ % 4 == 3 ? 0.1 : 0.012; // one batch in four waits (another program has the core)
      t += secs;
      done = s.add(64 / secs, t);
    }
    assertThat(s.warmUpBatches()).isEqualTo(3);
    assertThat(s.median()).isCloseTo(64 / 0.012, within(1.0));
    // timed until 3 s: 22 rounds of four batches (2.992 s), then one fast batch (3.004 s)
    assertThat(s.timedBatches()).isEqualTo(89);
    double secs = 67 * 0.012 + 22 * 0.1;
    assertThat(s.throughput()).as("images over seconds, the waits counted").isCloseTo(89 * 64 / secs, within(1.0));
    assertThat(s.throughput()).isLessThan(0.4 * s.median());
    assertThat(s.spread()).as("the gap between median and throughput is the uncertainty")
        .isCloseTo(1 - (89 * 64 / secs) / (64 / 0.012), within(1e-6));
  }

  @Test
  void aSlowNetworkStopsAfterAFewTimedBatches() {
    SpeedSample s = new SpeedSample(128); // AlexNet at 224 px: ~7 s a batch
    double t = 0;
    int batches = 0;
    boolean done = false;
    while (!done) {
      t += 7;
      batches++;
      done = s.add(128 / 7.0, t);
    }
    assertThat(batches).isEqualTo(SpeedSample.WARM_UP_BATCHES + SpeedSample.MIN_TIMED);
    assertThat(s.throughput()).isCloseTo(128 / 7.0, within(1e-9));
    assertThat(s.warmUpExtra(0)).isCloseTo(0, within(1e-9));
  }

  @Test
  void whileTheSpeedIsStillRisingTheSlowerHalfJoinsTheWarmUpAndTimingGoesOn() {
    // a fresh JVM's LeNet: the JIT looks quiet after the warm-up, but batches keep getting faster for
    // a few seconds (64 images in 20 ms, then 10 ms, then 5 ms from 6 s on), then stay at 12 800 images/s
    SpeedSample s = new SpeedSample(64);
    double t = 0;
    boolean done = false;
    while (!done) {
      double secs = t < 3 ? 0.02 : t < 6 ? 0.01 : 0.005;
      t += secs;
      done = s.add(64 / secs, t, 0); // the JIT compiler is quiet throughout
    }
    assertThat(s.throughput()).as("the steady speed, not a mix of the rising one")
        .isCloseTo(12_800, within(0.15 * 12_800));
    assertThat(t).as("timing went on past the first 3 s of timed batches").isGreaterThan(6 + SpeedSample.TIMED_SECONDS / 2);
    // and the time those slower batches took beyond the steady speed is counted once
    assertThat(s.warmUpExtra(0)).isGreaterThan(3 * (1 - 0.005 / 0.02) + 3 * (1 - 0.005 / 0.01) - 0.5);
  }

  @Test
  void aSpeedThatKeepsRisingIsTimedNoLongerThanTheLimit() {
    SpeedSample s = new SpeedSample(64);
    double t = 0;
    boolean done = false;
    while (!done) {
      double secs = 0.05 * Math.exp(-t / 2.5); // ever faster: 1.8x every 1.5 s
      t += secs;
      done = s.add(64 / secs, t, 0);
    }
    assertThat(t).isLessThan(SpeedSample.MAX_SECONDS + SpeedSample.TIMED_SECONDS + 0.1);
  }
}
