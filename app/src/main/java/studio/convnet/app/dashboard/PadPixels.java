package studio.convnet.app.dashboard;

/**
 * A drawing or an opened picture as the dataset's images look: one grey channel in [0, 1], bright
 * garment on black (FashionMNIST's convention), {@code side}×{@code side}. Pure Java.
 */
public final class PadPixels {

  private PadPixels() {}

  /** Luminance of an ARGB pixel in [0, 1]. */
  static double luminance(int argb) {
    int r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
  }

  /**
   * Area-averages a w×h ARGB picture into side×side grey values, after centring it on a square (the
   * longer side fits). With {@code invertLight}, a picture on a light background (its border brighter
   * than 0.5 on average — a photo of a shoe on white paper) is inverted so the object is bright on black.
   */
  public static float[] toInput(int[] argb, int w, int h, int side, boolean invertLight) {
    boolean invert = invertLight && borderMean(argb, w, h) > 0.5;
    int n = Math.max(w, h);
    int ox = (n - w) / 2, oy = (n - h) / 2;
    double bg = invert ? 1 : 0; // the padding takes the background's colour before inversion
    float[] out = new float[side * side];
    for (int y = 0; y < side; y++) {
      int y0 = y * n / side, y1 = Math.max(y0 + 1, (y + 1) * n / side);
      for (int x = 0; x < side; x++) {
        int x0 = x * n / side, x1 = Math.max(x0 + 1, (x + 1) * n / side);
        double sum = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            int sx = xx - ox, sy = yy - oy;
            sum += sx >= 0 && sx < w && sy >= 0 && sy < h ? luminance(argb[sy * w + sx]) : bg;
          }
        }
        double v = sum / ((y1 - y0) * (x1 - x0));
        out[y * side + x] = (float) (invert ? 1 - v : v);
      }
    }
    return out;
  }

  static double borderMean(int[] argb, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < w; x++) {
      sum += luminance(argb[x]) + luminance(argb[(h - 1) * w + x]);
      n += 2;
    }
    for (int y = 0; y < h; y++) {
      sum += luminance(argb[y * w]) + luminance(argb[y * w + w - 1]);
      n += 2;
    }
    return sum / n;
  }
}
