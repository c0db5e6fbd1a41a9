package studio.convnet.engine.insight;

/**
 * Reading a gradient saliency map (Simonyan et al. 2014): how much a small change of each input pixel
 * would change one class score, |∂score/∂x|, the largest over the colour channels. Pure Java; the
 * gradient itself comes from the engine's backward pass.
 */
public final class Saliency {

  private Saliency() {}

  /** |gradient|, maximum over channels: side × side from channels × side × side. */
  public static float[] fromGradient(float[] gradient, int channels, int h, int w) {
    int hw = h * w;
    if (gradient.length != channels * hw) {
      throw new IllegalArgumentException(gradient.length + " values are not " + channels + "×" + h + "×" + w);
    }
    float[] map = new float[hw];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < hw; p++) {
        map[p] = Math.max(map[p], Math.abs(gradient[c * hw + p]));
      }
    }
    return map;
  }

  /** The position of the largest value of map {@code m} (maps of h × w, back to back), as {y, x}. */
  public static int[] peak(float[] maps, int m, int h, int w) {
    int hw = h * w, best = m * hw;
    for (int p = m * hw; p < (m + 1) * hw; p++) {
      if (maps[p] > maps[best]) best = p;
    }
    return new int[] {(best - m * hw) / w, (best - m * hw) % w};
  }

  /**
   * The share of a non-negative map's total that falls where the image is brighter than {@code
   * threshold} (on the garment, for FashionMNIST's bright-on-black images); NaN for an all-zero map.
   * Negative map values count as zero. The map and the image have the same side, or the map is
   * coarser and each of its cells covers an equal block of the image (a class map of 3×3 over 96 px).
   */
  public static double shareOn(float[] maps, int m, int h, int w, float[] image, int side, float threshold) {
    int hw = h * w;
    double on = 0, all = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = Math.max(0, maps[m * hw + y * w + x]);
        if (v == 0) continue;
        // the image pixels under this cell
        int y0 = y * side / h, y1 = Math.max(y0 + 1, (y + 1) * side / h);
        int x0 = x * side / w, x1 = Math.max(x0 + 1, (x + 1) * side / w);
        int bright = 0, n = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            n++;
            if (image[yy * side + xx] > threshold) bright++;
          }
        }
        all += v;
        on += v * bright / n;
      }
    }
    return all > 0 ? on / all : Double.NaN;
  }

  /** The share of the image's pixels brighter than {@code threshold}: what {@link #shareOn} scores by chance. */
  public static double brightShare(float[] image, float threshold) {
    int n = 0;
    for (float v : image) if (v > threshold) n++;
    return image.length == 0 ? Double.NaN : (double) n / image.length;
  }
}
