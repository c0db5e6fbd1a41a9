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

  @Test
  void countingInChunksGivesTheSameHistogramAsCountingAtOnce() {
    float[] v = {-3, -1, 0, 0.5f, 2, 7, Float.NaN, 7, -3};
    Histogram whole = Histogram.of(v, 5);
    long[] counts = new long[5];
    Histogram.count(java.util.Arrays.copyOfRange(v, 0, 4), -3, 7, counts);
    Histogram.count(java.util.Arrays.copyOfRange(v, 4, 9), -3, 7, counts);
    Histogram chunked = Histogram.between(-3, 7, counts);
    // bins of width 2 from -3: [-3,-1) [-1,1) [1,3) [3,5) [5,7]
    assertThat(whole.counts()).containsExactly(2, 3, 1, 0, 2);
    assertThat(chunked).usingRecursiveComparison().isEqualTo(whole);
    Histogram flat = Histogram.of(new float[] {2, 2, 2}, 3);
    long[] same = new long[3];
    Histogram.count(new float[] {2, 2, 2}, 2, 2, same);
    assertThat(Histogram.between(2, 2, same)).usingRecursiveComparison().isEqualTo(flat);
  }
}
