package studio.convnet.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import studio.convnet.engine.events.FakeRun;

import org.junit.jupiter.api.Test;
import studio.convnet.app.dashboard.FilterStats.Flag;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;

class FilterStatsTest {

  @Test
  void deadAndUnchangedFiltersAreFlagged() {
    float[] w0 = FakeRun.weights(3, 25, 3);
    float[] w1 = w0.clone();
    for (int i = 0; i < 25; i++) {
      w1[i] = w0[i] * 1.5f; // filter 0 moved 50 %
      w1[25 + i] = w0[25 + i] * 1.001f; // filter 1 barely
      w1[50 + i] = 0f; // filter 2 died
    }
    int[] shape = {3, 1, 5, 5};
    Flag[] f = FilterStats.flags(new FilterSnapshot(0, 1, 1, 1, "conv1", shape, w0),
        new FilterSnapshot(1, 1, 9, 9, "conv1", shape, w1));
    assertThat(f).containsExactly(Flag.OK, Flag.UNCHANGED, Flag.DEAD);
  }

  @Test
  void theFirstSnapshotAloneFlagsNothingAsUnchanged() {
    int[] shape = {3, 1, 5, 5};
    FilterSnapshot s = new FilterSnapshot(0, 1, 1, 1, "conv1", shape, FakeRun.weights(3, 25, 3));
    assertThat(FilterStats.flags(s, s)).containsOnly(Flag.OK);
  }
}
