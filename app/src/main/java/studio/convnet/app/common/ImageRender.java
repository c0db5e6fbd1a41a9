package studio.convnet.app.common;

/**
 * float[] → pixels: learned filters on a diverging colour map (blue negative, white zero, red
 * positive), feature maps and confusion matrices on a sequential one, input images in grey. Pure
 * Java into a {@link Raster}; callers turn it into a JavaFX image with {@link Raster#toImage()}.
 */
public final class ImageRender {

  private ImageRender() {}

  /** How filter weights are scaled to colours. */
  public enum Normalisation {
    /** each filter by its own largest |w|: shows every filter's pattern, hides scale differences */
    PER_FILTER("per filter"),
    /** all filters by the largest |w| of the layer: weak (dead) filters look pale */
    SHARED("shared scale");

    private final String label;

    Normalisation(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public static final int GAP_COLOR = 0xFF9AA0A6;
  public static final int FLAG_COLOR = 0xFFF2A900;

  /** Diverging blue–white–red colour for v in [-1, 1] (clamped). */
  public static int diverging(double v) {
    if (Double.isNaN(v)) {
      return 0xFF000000;
    }
    v = Math.max(-1, Math.min(1, v));
    // ends: blue (33,102,172) and red (178,24,43) as in ColorBrewer RdBu; middle (247,247,247)
    int r, g, b;
    if (v < 0) {
      double t = -v;
      r = lerp(247, 33, t);
      g = lerp(247, 102, t);
      b = lerp(247, 172, t);
    } else {
      double t = v;
      r = lerp(247, 178, t);
      g = lerp(247, 24, t);
      b = lerp(247, 43, t);
    }
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }

  /** Sequential colour (dark blue → teal → yellow, viridis-like) for t in [0, 1]. */
  public static int sequential(double t) {
    if (Double.isNaN(t)) {
      return 0xFF000000;
    }
    t = Math.max(0, Math.min(1, t));
    int[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    double p = t * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) p);
    double f = p - i;
    int r = lerp(stops[i][0], stops[i + 1][0], f);
    int g = lerp(stops[i][1], stops[i + 1][1], f);
    int b = lerp(stops[i][2], stops[i + 1][2], f);
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }

  public static int grey(double t) {
    int v = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    return 0xFF000000 | (v << 16) | (v << 8) | v;
  }

  private static int lerp(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  /** Columns for a grid of n cells: close to square, a little wider than tall. */
  public static int gridColumns(int n) {
    if (n <= 0) {
      return 1;
    }
    int c = (int) Math.ceil(Math.sqrt(n * 1.5));
    return Math.min(n, Math.max(1, c));
  }

  /** The largest |w| of each filter (averaged over input channels as drawn). */
  public static float[] filterScales(int[] shape, float[] weights) {
    int out = shape[0];
    float[] s = new float[out];
    float[] plane = new float[shape[2] * shape[3]];
    for (int o = 0; o < out; o++) {
      meanPlane(shape, weights, o, plane);
      float m = 0;
      for (float v : plane) {
        m = Math.max(m, Math.abs(v));
      }
      s[o] = m;
    }
    return s;
  }

  /** Filter o's kernel averaged over its input channels into {@code plane} (kh×kw). */
  public static void meanPlane(int[] shape, float[] w, int o, float[] plane) {
    int in = shape[1], kh = shape[2], kw = shape[3];
    int k = kh * kw;
    java.util.Arrays.fill(plane, 0f);
    for (int c = 0; c < in; c++) {
      int base = (o * in + c) * k;
      for (int i = 0; i < k; i++) {
        plane[i] += w[base + i];
      }
    }
    if (in > 1) {
      for (int i = 0; i < k; i++) {
        plane[i] /= in;
      }
    }
  }

  /**
   * The filter grid: every output filter of {@code shape} = (out, in, kh, kw) as a kh×kw tile of
   * {@code cell}×{@code cell} pixels, {@code gap} pixels apart, on a grey background. Flagged filters
   * (dead or unchanged) get an amber frame.
   */
  public static Raster filterGrid(int[] shape, float[] weights, Normalisation norm, int cell, int gap,
      boolean[] flagged) {
    int out = shape[0], kh = shape[2], kw = shape[3];
    int cols = gridColumns(out);
    int rows = (out + cols - 1) / cols;
    int tileW = kw * cell, tileH = kh * cell;
    int width = cols * tileW + (cols + 1) * gap;
    int height = rows * tileH + (rows + 1) * gap;
    Raster r = Raster.of(width, height, GAP_COLOR);
    float[] scales = filterScales(shape, weights);
    float shared = 0;
    for (float s : scales) {
      shared = Math.max(shared, s);
    }
    float[] plane = new float[kh * kw];
    for (int o = 0; o < out; o++) {
      int x0 = gap + (o % cols) * (tileW + gap);
      int y0 = gap + (o / cols) * (tileH + gap);
      if (flagged != null && o < flagged.length && flagged[o] && gap > 0) {
        r.fillRect(x0 - gap, y0 - gap, tileW + 2 * gap, tileH + 2 * gap, FLAG_COLOR);
      }
      meanPlane(shape, weights, o, plane);
      // per filter: a floor at 1 % of the layer's largest keeps a dead (all ~0) filter pale instead of
      // blowing its noise up to full colour
      float scale = norm == Normalisation.SHARED ? shared : Math.max(scales[o], 0.01f * shared);
      for (int y = 0; y < kh; y++) {
        for (int x = 0; x < kw; x++) {
          double v = scale > 0 ? plane[y * kw + x] / scale : 0;
          r.fillRect(x0 + x * cell, y0 + y * cell, cell, cell, diverging(v));
        }
      }
    }
    return r;
  }

  /** Which grid tile (filter index) a pixel of {@link #filterGrid} falls on, or -1 for the gaps. */
  public static int filterAt(int[] shape, int cell, int gap, double px, double py) {
    int out = shape[0], kh = shape[2], kw = shape[3];
    int cols = gridColumns(out);
    int tileW = kw * cell, tileH = kh * cell;
    int cx = (int) Math.floor((px - gap) / (tileW + gap));
    int cy = (int) Math.floor((py - gap) / (tileH + gap));
    if (cx < 0 || cy < 0 || cx >= cols) {
      return -1;
    }
    double inX = px - gap - cx * (tileW + gap);
    double inY = py - gap - cy * (tileH + gap);
    if (inX >= tileW || inY >= tileH) {
      return -1;
    }
    int o = cy * cols + cx;
    return o < out ? o : -1;
  }

  /** One kh×kw plane on the diverging map at the given scale (max |v| maps to full colour). */
  public static Raster divergingPlane(float[] plane, int w, int h, float scale, int cell) {
    Raster r = Raster.of(w * cell, h * cell, GAP_COLOR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.fillRect(x * cell, y * cell, cell, cell, diverging(scale > 0 ? plane[y * w + x] / scale : 0));
      }
    }
    return r;
  }

  /** A horizontal legend strip for the diverging map: -max … 0 … +max. */
  public static Raster divergingLegend(int width, int height) {
    Raster r = Raster.of(width, height, 0);
    for (int x = 0; x < width; x++) {
      int c = diverging(2.0 * x / Math.max(1, width - 1) - 1);
      for (int y = 0; y < height; y++) {
        r.set(x, y, c);
      }
    }
    return r;
  }

  /** A horizontal legend strip for the sequential map: min … max. */
  public static Raster sequentialLegend(int width, int height) {
    Raster r = Raster.of(width, height, 0);
    for (int x = 0; x < width; x++) {
      int c = sequential((double) x / Math.max(1, width - 1));
      for (int y = 0; y < height; y++) {
        r.set(x, y, c);
      }
    }
    return r;
  }

  /** A feature map (h×w at {@code offset} in {@code values}) min–max scaled on the sequential map. */
  public static Raster featureMap(float[] values, int offset, int w, int h, int cell, float lo, float hi) {
    Raster r = Raster.of(w * cell, h * cell, 0xFF000000);
    float span = hi - lo;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v = values[offset + y * w + x];
        r.fillRect(x * cell, y * cell, cell, cell, sequential(span > 0 ? (v - lo) / span : 0));
      }
    }
    return r;
  }

  /** A grey image from floats, min–max scaled (the network's input after resize). */
  public static Raster greyImage(float[] values, int w, int h) {
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < w * h; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    Raster r = Raster.of(w, h, 0);
    float span = hi - lo;
    for (int i = 0; i < w * h; i++) {
      r.argb()[i] = grey(span > 0 ? (values[i] - lo) / span : 0);
    }
    return r;
  }

  /** A grey image from unsigned bytes (a dataset image), scaled up by an integer factor. */
  public static Raster greyBytes(byte[] pixels, int offset, int w, int h, int scale) {
    Raster r = Raster.of(w * scale, h * scale, 0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // FashionMNIST: 0 = background; draw dark garment on light paper as the book's figures
        int v = 255 - (pixels[offset + y * w + x] & 0xff);
        r.fillRect(x * scale, y * scale, scale, scale, 0xFF000000 | (v << 16) | (v << 8) | v);
      }
    }
    return r;
  }

  /**
   * An image file's picture as FashionMNIST draws its examples: grey, cut to its centre square and
   * scaled to {@code size}×{@code size} (area average when shrinking), transparent as black.
   */
  public static float[] greySquare(java.awt.image.BufferedImage img, int size) {
    int side = Math.min(img.getWidth(), img.getHeight());
    int x0 = (img.getWidth() - side) / 2;
    int y0 = (img.getHeight() - side) / 2;
    float[] grey = new float[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int rgb = img.getRGB(x0 + x, y0 + y);
        float a = ((rgb >>> 24) & 0xff) / 255f;
        float l = (0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
        grey[y * side + x] = l * a; // transparent → black, FashionMNIST's background
      }
    }
    if (side <= size) {
      return side == size ? grey : studio.convnet.engine.data.augment.ImageOps.resizeBilinear(grey, 1, side, size);
    }
    float[] out = new float[size * size];
    for (int y = 0; y < size; y++) {
      int ya = y * side / size;
      int yb = Math.max(ya + 1, (y + 1) * side / size);
      for (int x = 0; x < size; x++) {
        int xa = x * side / size;
        int xb = Math.max(xa + 1, (x + 1) * side / size);
        double sum = 0;
        for (int yy = ya; yy < yb; yy++) {
          for (int xx = xa; xx < xb; xx++) {
            sum += grey[yy * side + xx];
          }
        }
        out[y * size + x] = (float) (sum / ((yb - ya) * (xb - xa)));
      }
    }
    return out;
  }
}
