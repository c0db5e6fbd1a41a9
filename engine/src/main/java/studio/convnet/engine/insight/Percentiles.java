package studio.convnet.engine.insight;

import java.util.Arrays;

/**
 * Percentiles of a set of values, as the bands of TensorBoard's distributions draw them: linear
 * interpolation between the two nearest ranks (NumPy's default), non-finite values left out. For very
 * large arrays {@link #sample} takes an evenly strided subset first. Pure Java.
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The percentiles of {@code values} at the given basis points (1/100 of a percent: 0 is the
   * minimum, 5000 the median, 10000 the maximum); NaN each when there is no finite value.
   */
  public static float[] of(float[] values, int[] basisPoints) {
    float[] sorted = new float[values.length];
    int n = 0;
    for (float v : values) {
      if (Float.isFinite(v)) sorted[n++] = v;
    }
    Arrays.sort(sorted, 0, n);
    float[] out = new float[basisPoints.length];
    for (int i = 0; i < basisPoints.length; i++) {
      int bp = basisPoints[i];
      if (bp < 0 || bp > 10000) {
        throw new IllegalArgumentException("a percentile is 0..10000 basis points: " + bp);
      }
      if (n == 0) {
        out[i] = Float.NaN;
        continue;
      }
      double pos = bp / 10000.0 * (n - 1);
      int below = (int) Math.floor(pos);
      int above = Math.min(n - 1, below + 1);
      double f = pos - below;
      out[i] = (float) (sorted[below] + f * (sorted[above] - sorted[below]));
    }
    return out;
  }

  /** Every k-th value, k chosen so that at most {@code max} are kept (all of them when few enough). */
  public static float[] sample(float[] values, int max) {
    if (values.length <= max) {
      return values;
    }
    int stride = (values.length + max - 1) / max;
    float[] out = new float[(values.length + stride - 1) / stride];
    for (int i = 0, j = 0; i < values.length; i += stride) out[j++] = values[i];
    return out;
  }
}
