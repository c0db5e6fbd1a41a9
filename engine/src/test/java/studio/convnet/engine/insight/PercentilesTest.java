package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void percentilesInterpolateBetweenTheTwoNearestRanksAsNumPyDoes() {
    // sorted: 0 1 2 3 4; 25 % sits on rank 1, 10 % a tenth of the way from rank 0 to rank 1... of 4 gaps
    float[] p = Percentiles.of(new float[] {4, 0, 2, 1, 3}, new int[] {0, 1000, 2500, 5000, 10000});
    assertThat(p).containsExactly(0f, 0.4f, 1f, 2f, 4f);
    // numpy.percentile([0, 10], 6.68) = 0.668
    assertThat(Percentiles.of(new float[] {10, 0}, new int[] {668})[0]).isEqualTo(0.668f);
  }

  @Test
  void nonFiniteValuesAreLeftOutAndNoValueGivesNaN() {
    assertThat(Percentiles.of(new float[] {Float.NaN, 5, Float.POSITIVE_INFINITY, 1}, new int[] {0, 10000}))
        .containsExactly(1f, 5f);
    assertThat(Percentiles.of(new float[] {Float.NaN}, new int[] {5000})[0]).isNaN();
    assertThatThrownBy(() -> Percentiles.of(new float[] {1}, new int[] {10001})).hasMessageContaining("10001");
  }

  @Test
  void aLargeArrayIsSampledEveryKthValue() {
    float[] v = new float[10];
    for (int i = 0; i < v.length; i++) v[i] = i;
    assertThat(Percentiles.sample(v, 4)).containsExactly(0f, 3f, 6f, 9f);
    assertThat(Percentiles.sample(v, 10)).isSameAs(v);
  }
}
