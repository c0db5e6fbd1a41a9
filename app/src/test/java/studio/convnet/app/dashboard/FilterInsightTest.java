package studio.convnet.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;

class FilterInsightTest {

  /** Two 11×11 filters: a flat one (all visible) and a checkerboard (invisible to upsampled data). */
  private static FilterSnapshot snapshot() {
    float[] w = new float[2 * 121];
    for (int i = 0; i < 121; i++) {
      w[i] = 0.5f;
      w[121 + i] = ((i / 11 + i % 11) % 2 == 0) ? 1 : -1;
    }
    return new FilterSnapshot(1, 1, 1, 1, "conv1", new int[] {2, 1, 11, 11}, w);
  }

  @Test
  void atNinetySixPixelsAFlatFilterIsSeenAndACheckerboardIsNot() {
    FilterInsight.Seen seen = new FilterInsight().of(snapshot(), 96);
    assertThat(seen.shares()[0]).isCloseTo(1.0, within(1e-6));
    assertThat(seen.shares()[1]).isLessThan(0.05);
    assertThat(seen.noiseLevel()).isCloseTo(9.0 / 121, within(1e-9));
    assertThat(seen.summary()).contains("Visible to the data: median").contains("96-px input").contains("a random filter: 7 %");
    assertThat(seen.visible()[0]).isCloseTo(0.5f, within(1e-5f));
    float max = 0;
    for (int i = 121; i < 242; i++) max = Math.max(max, Math.abs(seen.visible()[i]));
    assertThat(max).as("what is left of the checkerboard").isLessThan(0.2f);
  }

  @Test
  void theSameSnapshotIsNotComputedTwice() {
    FilterInsight insight = new FilterInsight();
    FilterSnapshot f = snapshot();
    assertThat(insight.of(f, 96)).isSameAs(insight.of(f, 96));
    assertThat(insight.of(f, 28).summary()).contains("every frequency");
  }
}
