package studio.convnet.engine.insight;

/**
 * What part of a filter the data can see: the share of its energy at spatial frequencies the input
 * actually contains, and the filter with the rest removed. Pure Java.
 *
 * <p>A filter's gradient is a sum of input patches times upstream gradients, so training only ever
 * moves a first-layer filter inside the span of the input patches. FashionMNIST is 28 px; upsampled
 * to S px it holds no frequency above 0.5 · 28 / S cycles per pixel (the upsampled image's Nyquist
 * limit), so the part of a filter above that {@link #cutoff} is never probed by the data and never
 * gets a gradient: with plain SGD it stays what the initialisation made it (noise); weight decay is
 * the only thing that shrinks it. The 2-D DFT of each kernel splits the two parts exactly.
 *
 * <p>Weights are laid out as a convolution's (out, in, kh, kw), row-major. The score of a filter sums
 * its in-channels' energies.
 */
public final class FilterSpectrum {

  private FilterSpectrum() {}

  /**
   * The highest spatial frequency (cycles per input pixel) an image of {@code nativeSize} pixels
   * resized to {@code inputSize} contains: 0.5 · native / input, at most 0.5 (no upsampling).
   */
  public static double cutoff(int nativeSize, int inputSize) {
    return 0.5 * Math.min(1.0, (double) nativeSize / inputSize);
  }

  /**
   * Share of each filter's energy at frequencies of radius ≤ {@code cutoff} cycles per pixel
   * (1 when the cutoff is 0.5 or more: everything is visible). A filter of all zeros scores 0.
   *
   * @param shape (out, in, kh, kw)
   */
  public static double[] visibleShare(float[] weights, int[] shape, double cutoff) {
    int out = shape[0], in = shape[1], kh = shape[2], kw = shape[3];
    boolean[][] keep = mask(kh, kw, cutoff);
    double[] share = new double[out];
    double[] re = new double[kh * kw], im = new double[kh * kw];
    Twiddles t = new Twiddles(kh, kw);
    for (int o = 0; o < out; o++) {
      double low = 0, all = 0;
      for (int c = 0; c < in; c++) {
        t.dft(weights, (o * in + c) * kh * kw, re, im);
        for (int u = 0; u < kh; u++) {
          for (int v = 0; v < kw; v++) {
            double e = re[u * kw + v] * re[u * kw + v] + im[u * kw + v] * im[u * kw + v];
            all += e;
            if (keep[u][v]) low += e;
          }
        }
      }
      share[o] = all > 0 ? low / all : 0;
    }
    return share;
  }

  /**
   * The filters as the data sees them: every frequency above {@code cutoff} removed (an ideal
   * low-pass on each kernel). Same layout as the input.
   */
  public static float[] visiblePart(float[] weights, int[] shape, double cutoff) {
    int out = shape[0], in = shape[1], kh = shape[2], kw = shape[3];
    boolean[][] keep = mask(kh, kw, cutoff);
    float[] result = new float[weights.length];
    double[] re = new double[kh * kw], im = new double[kh * kw];
    Twiddles t = new Twiddles(kh, kw);
    for (int k = 0; k < out * in; k++) {
      int base = k * kh * kw;
      t.dft(weights, base, re, im);
      for (int u = 0; u < kh; u++) {
        for (int v = 0; v < kw; v++) {
          if (!keep[u][v]) {
            re[u * kw + v] = 0;
            im[u * kw + v] = 0;
          }
        }
      }
      for (int y = 0; y < kh; y++) {
        for (int x = 0; x < kw; x++) {
          double sum = 0;
          for (int u = 0; u < kh; u++) {
            for (int v = 0; v < kw; v++) {
              // e^{+i a}: cos a − i·(−sin a) with the forward table's angle negated
              int a = t.angle(u, y, v, x);
              sum += re[u * kw + v] * t.cos[a] + im[u * kw + v] * t.sin[a];
            }
          }
          result[base + y * kw + x] = (float) (sum / (kh * kw));
        }
      }
    }
    return result;
  }

  /** The median of the scores (NaN for none). */
  public static double median(double[] values) {
    if (values.length == 0) return Double.NaN;
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Which DFT bins of a kh×kw kernel lie within the cutoff radius (cycles per pixel). */
  static boolean[][] mask(int kh, int kw, double cutoff) {
    boolean[][] keep = new boolean[kh][kw];
    for (int u = 0; u < kh; u++) {
      double fu = signedFrequency(u, kh);
      for (int v = 0; v < kw; v++) {
        double fv = signedFrequency(v, kw);
        keep[u][v] = cutoff >= 0.5 || Math.sqrt(fu * fu + fv * fv) <= cutoff + 1e-9;
      }
    }
    return keep;
  }

  /** Bin k of an n-point DFT in cycles per sample, in [-0.5, 0.5). */
  static double signedFrequency(int k, int n) {
    return (k <= (n - 1) / 2 ? k : k - n) / (double) n;
  }

  /** cos/sin of −2π(uy/kh + vx/kw), tabulated over the common denominator kh·kw. */
  private static final class Twiddles {
    final int kh, kw, n;
    final double[] cos, sin;

    Twiddles(int kh, int kw) {
      this.kh = kh;
      this.kw = kw;
      n = kh * kw;
      cos = new double[n];
      sin = new double[n];
      for (int i = 0; i < n; i++) {
        cos[i] = Math.cos(-2 * Math.PI * i / n);
        sin[i] = Math.sin(-2 * Math.PI * i / n);
      }
    }

    /** Index of the angle −2π(uy/kh + vx/kw) = −2π(uy·kw + vx·kh)/(kh·kw). */
    int angle(int u, int y, int v, int x) {
      return (u * y * kw + v * x * kh) % n;
    }

    void dft(float[] w, int base, double[] re, double[] im) {
      for (int u = 0; u < kh; u++) {
        for (int v = 0; v < kw; v++) {
          double r = 0, i = 0;
          for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
              int a = angle(u, y, v, x);
              double value = w[base + y * kw + x];
              r += value * cos[a];
              i += value * sin[a];
            }
          }
          re[u * kw + v] = r;
          im[u * kw + v] = i;
        }
      }
    }
  }
}
