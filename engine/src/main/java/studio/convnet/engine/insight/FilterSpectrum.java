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
    for (int o = 0; o < out; o++) {
      double low = 0, all = 0;
      for (int c = 0; c < in; c++) {
        dft(weights, (o * in + c) * kh * kw, kh, kw, re, im);
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
    for (int k = 0; k < out * in; k++) {
      int base = k * kh * kw;
      dft(weights, base, kh, kw, re, im);
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
              double a = 2 * Math.PI * ((double) u * y / kh + (double) v * x / kw);
              sum += re[u * kw + v] * Math.cos(a) - im[u * kw + v] * Math.sin(a);
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

  private static void dft(float[] w, int base, int kh, int kw, double[] re, double[] im) {
    for (int u = 0; u < kh; u++) {
      for (int v = 0; v < kw; v++) {
        double r = 0, i = 0;
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            double a = -2 * Math.PI * ((double) u * y / kh + (double) v * x / kw);
            double value = w[base + y * kw + x];
            r += value * Math.cos(a);
            i += value * Math.sin(a);
          }
        }
        re[u * kw + v] = r;
        im[u * kw + v] = i;
      }
    }
  }
}
