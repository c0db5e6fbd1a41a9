package studio.convnet.engine.insight;

/**
 * Counts of values in equal-width bins between the smallest and the largest finite value, as
 * TensorBoard's distributions draw them over time. Pure Java.
 *
 * @param min the left edge of the first bin
 * @param max the right edge of the last bin (the largest value falls in the last bin)
 * @param counts one count per bin; non-finite values are left out
 */
public record Histogram(double min, double max, long[] counts) {

  public Histogram {
    counts = counts.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public int bins() {
    return counts.length;
  }

  public long total() {
    long n = 0;
    for (long c : counts) n += c;
    return n;
  }

  /** The centre of bin {@code i}. */
  public double centre(int i) {
    return min + (i + 0.5) * (max - min) / counts.length;
  }

  public static Histogram of(float[] values, int bins) {
    if (bins <= 0) throw new IllegalArgumentException("bins must be positive: " + bins);
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      if (Float.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    long[] counts = new long[bins];
    if (lo > hi) return new Histogram(0, 0, counts);
    double width = hi > lo ? (hi - lo) / bins : 1;
    for (float v : values) {
      if (!Float.isFinite(v)) continue;
      int b = (int) ((v - lo) / width);
      counts[Math.min(bins - 1, Math.max(0, b))]++;
    }
    return new Histogram(lo, hi > lo ? hi : lo + width * bins, counts);
  }
}
