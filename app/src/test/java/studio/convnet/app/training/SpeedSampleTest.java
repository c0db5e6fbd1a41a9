package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpeedSampleTest {

  @Test
  void slowFirstBatchesAreWarmUpAndDoNotCount() {
    SpeedSample s = new SpeedSample();
    double t = 0;
    // the first batches of a fresh JVM: 3 000, 6 000, 9 000 images/s, then steady 12 000 ± 500
    for (double ips : new double[] {3000, 6000, 9000}) {
      t += 0.5;
      assertThat(s.add(ips, t)).isFalse();
    }
    boolean done = false;
    int timed = 0;
    while (!done) {
      t += 0.1;
      done = s.add(timed % 2 == 0 ? 11_500 : 12_500, t);
      timed++;
    }
    assertThat(s.warmUpBatches()).as("3 batches and 1.5 s").isEqualTo(7);
    assertThat(s.median()).isCloseTo(12_000, within(500.0));
    assertThat(s.spread()).isCloseTo(500.0 / 12_000, within(0.01));
    assertThat(s.timedBatches()).isBetween(SpeedSample.MIN_TIMED, SpeedSample.MAX_TIMED);
  }

  @Test
  void aSlowNetworkStopsAfterAFewTimedBatches() {
    SpeedSample s = new SpeedSample(); // AlexNet at 224 px: ~7 s a batch
    double t = 0;
    int batches = 0;
    boolean done = false;
    while (!done) {
      t += 7;
      batches++;
      done = s.add(18, t);
    }
    assertThat(batches).isEqualTo(SpeedSample.WARM_UP_BATCHES + SpeedSample.MIN_TIMED);
    assertThat(s.median()).isEqualTo(18);
  }
}
