package studio.convnet.engine.data.augment;

/**
 * Plain-Java image arithmetic on channel-major float images ({@code C×H×W}, row-major, values in
 * [0, 1]) shared by the augmentation operations, the preview and (if training wants it) the batch
 * resize. No DJL, no JavaFX: the same code runs on the training thread and in the GUI preview.
 */
public final class ImageOps {

  private ImageOps() {}

  /** Unsigned bytes (one grey image, row-major) scaled to floats in [0, 1]: {@code pixel / 255}. */
  public static float[] fromUnsignedBytes(byte[] pixels, int offset, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (pixels[offset + i] & 0xff) / 255f;
    }
    return out;
  }

  /**
   * Bilinear resize of a square {@code C×src×src} image to {@code C×dst×dst}, with PyTorch's
   * {@code interpolate(mode="bilinear", align_corners=False, antialias=False)} convention (the one
   * DJL's {@code NDImageUtils.resize(..., Interpolation.BILINEAR)} uses on the PyTorch engine): the
   * source coordinate of output pixel {@code i} is {@code (i + 0.5) * src / dst - 0.5}, clamped at 0,
   * and neighbours past the last row or column are clamped to it.
   */
  public static float[] resizeBilinear(float[] chw, int channels, int src, int dst) {
    return resizeRegion(chw, channels, src, src, 0, 0, src, src, dst, dst);
  }

  /**
   * Crops the integer rectangle ({@code x0, y0, w, h}) out of a {@code C×srcH×srcW} image and resizes
   * it bilinearly (same convention as {@link #resizeBilinear}) to {@code C×outH×outW}. Equals cropping
   * first and then resizing the crop, as torchvision's {@code RandomResizedCrop} does.
   */
  public static float[] resizeRegion(
      float[] chw, int channels, int srcH, int srcW, int x0, int y0, int w, int h, int outH, int outW) {
    if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > srcW || y0 + h > srcH) {
      throw new IllegalArgumentException(
          "region " + w + "×" + h + " at (" + x0 + "," + y0 + ") is outside the " + srcW + "×" + srcH + " image");
    }
    if (chw.length != channels * srcH * srcW) {
      throw new IllegalArgumentException(
          "image has " + chw.length + " values, expected " + channels + "×" + srcH + "×" + srcW);
    }
    float[] out = new float[channels * outH * outW];
    // precompute per-column and per-row neighbours and weights (shared by every channel)
    int[] xa = new int[outW];
    int[] xb = new int[outW];
    float[] xw = new float[outW];
    axis(w, outW, x0, xa, xb, xw);
    int[] ya = new int[outH];
    int[] yb = new int[outH];
    float[] yw = new float[outH];
    axis(h, outH, y0, ya, yb, yw);
    int plane = srcH * srcW;
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      int o = c * outH * outW;
      for (int y = 0; y < outH; y++) {
        int r0 = base + ya[y] * srcW;
        int r1 = base + yb[y] * srcW;
        float fy = yw[y];
        for (int x = 0; x < outW; x++) {
          float fx = xw[x];
          float top = chw[r0 + xa[x]] * (1 - fx) + chw[r0 + xb[x]] * fx;
          float bottom = chw[r1 + xa[x]] * (1 - fx) + chw[r1 + xb[x]] * fx;
          out[o++] = top * (1 - fy) + bottom * fy;
        }
      }
    }
    return out;
  }

  private static void axis(int in, int out, int offset, int[] a, int[] b, float[] weight) {
    float scale = (float) in / out;
    for (int i = 0; i < out; i++) {
      float s = (i + 0.5f) * scale - 0.5f;
      if (s < 0) {
        s = 0;
      }
      int lo = (int) s;
      if (lo > in - 1) {
        lo = in - 1;
      }
      int hi = lo < in - 1 ? lo + 1 : lo;
      a[i] = offset + lo;
      b[i] = offset + hi;
      weight[i] = s - lo;
    }
  }

  /**
   * Bilinear sample of channel plane {@code base} at real coordinates (x, y) in pixel units (pixel
   * centres at integers); neighbours outside the image count as {@code fill}.
   */
  static float sample(float[] chw, int base, int size, double x, double y, float fill) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    float p00 = at(chw, base, size, x0, y0, fill);
    float p10 = fx == 0 ? 0 : at(chw, base, size, x0 + 1, y0, fill);
    float p01 = fy == 0 ? 0 : at(chw, base, size, x0, y0 + 1, fill);
    float p11 = fx == 0 || fy == 0 ? 0 : at(chw, base, size, x0 + 1, y0 + 1, fill);
    float top = fx == 0 ? p00 : p00 * (1 - fx) + p10 * fx;
    float bottom = fx == 0 ? p01 : p01 * (1 - fx) + p11 * fx;
    return fy == 0 ? top : top * (1 - fy) + bottom * fy;
  }

  private static float at(float[] chw, int base, int size, int x, int y, float fill) {
    if (x < 0 || y < 0 || x >= size || y >= size) {
      return fill;
    }
    return chw[base + y * size + x];
  }

  static float clamp01(float v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** Smallest and largest value of an image (for "scaled to [0,1]" captions and tests). */
  public static float[] range(float[] chw) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : chw) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new float[] {lo, hi};
  }

  /**
   * Rotates the hue of one RGB pixel (components in [0, 1]) by {@code turns} of the colour wheel, keeping
   * saturation and value (plain HSV arithmetic; the engine has no AWT).
   */
  public static float[] shiftHue(float r, float g, float b, double turns) {
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double delta = max - min;
    if (delta <= 0) {
      return new float[] {r, g, b}; // grey: no hue to rotate
    }
    double h;
    if (max == r) {
      h = ((g - b) / delta) / 6.0;
    } else if (max == g) {
      h = ((b - r) / delta + 2) / 6.0;
    } else {
      h = ((r - g) / delta + 4) / 6.0;
    }
    h = h + turns;
    h = (h - Math.floor(h)) * 6.0;
    double s = delta / max;
    double v = max;
    int sector = (int) Math.floor(h) % 6;
    double f = h - Math.floor(h);
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double[] rgb = switch (sector) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
    return new float[] {(float) rgb[0], (float) rgb[1], (float) rgb[2]};
  }
}
