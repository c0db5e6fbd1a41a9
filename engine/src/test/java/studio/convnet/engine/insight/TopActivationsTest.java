package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.insight.TopActivations.Hit;

class TopActivationsTest {

  @Test
  void keepsTheKStrongestImagesPerChannelStrongestFirst() {
    TopActivations top = new TopActivations(1, 3);
    float[] values = {0.5f, 2f, -1f, 3f, 1f};
    for (int image = 0; image < values.length; image++) top.offer(0, image, values[image], 0, 0);
    assertThat(top.top(0)).extracting(Hit::image).containsExactly(3, 1, 4);
    assertThat(top.top(0)).extracting(Hit::value).containsExactly(3f, 2f, 1f);
  }

  @Test
  void eachImageCountsOnceAtItsStrongestPositionInEachChannel() {
    TopActivations top = new TopActivations(2, 2);
    // 2 channels of 2×3: channel 0 peaks at (1, 2), channel 1 at (0, 0)
    float[] image7 = {0, 1, 2, 3, 4, 9, /* channel 1 */ 8, 0, 0, 0, 0, 0};
    float[] image8 = {5, 0, 0, 0, 0, 0, /* channel 1 */ 0, 0, 0, 0, 0, 1};
    top.offerMaps(7, image7, 2, 3);
    top.offerMaps(8, image8, 2, 3);
    assertThat(top.top(0)).containsExactly(new Hit(9, 7, 1, 2), new Hit(5, 8, 0, 0));
    assertThat(top.top(1)).containsExactly(new Hit(8, 7, 0, 0), new Hit(1, 8, 1, 2));
  }

  @Test
  void fewerImagesThanKGiveFewerHitsAndWrongSizedMapsAreRefused() {
    TopActivations top = new TopActivations(1, 9);
    top.offerMaps(0, new float[] {1, 2, 3, 4}, 2, 2);
    assertThat(top.top(0)).hasSize(1);
    assertThatThrownBy(() -> top.offerMaps(1, new float[3], 2, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deadChannelsAreThoseNeverPositiveOnAnyProbe() {
    float[] probe1 = {0, 0, /* c1 */ 0, 0.5f, /* c2 */ -1, -2};
    float[] probe2 = {0, -3, /* c1 */ 0, 0, /* c2 */ -1, 0};
    boolean[] dead = DeadUnits.dead(List.of(probe1, probe2), 3);
    assertThat(dead).containsExactly(true, false, true);
    assertThat(DeadUnits.count(dead)).isEqualTo(2);
  }

  @Test
  void histogramPutsEveryFiniteValueInOneBin() {
    Histogram h = Histogram.of(new float[] {0, 1, 2, 3, 4, Float.NaN, 4}, 4);
    assertThat(h.min()).isEqualTo(0);
    assertThat(h.max()).isEqualTo(4);
    assertThat(h.counts()).containsExactly(1, 1, 1, 3);
    assertThat(h.total()).isEqualTo(6);
    assertThat(h.centre(0)).isEqualTo(0.5);
    assertThat(Histogram.of(new float[] {2, 2}, 3).total()).isEqualTo(2);
  }
}
