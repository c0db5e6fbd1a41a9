package studio.convnet.app.augmentation;

/**
 * A picture as plain ARGB ints (row-major), made without JavaFX so view-models and golden-image tests
 * can draw and compare it; the view copies it into a {@code WritableImage}.
 */
public record ArgbImage(int width, int height, int[] argb) {

  public ArgbImage {
    if (argb.length != width * height) {
      throw new IllegalArgumentException(argb.length + " pixels for " + width + "×" + height);
    }
  }

  public int get(int x, int y) {
    return argb[y * width + x];
  }

  /**
   * One {@code C×S×S} image in [0, 1] (grey for 1 channel, RGB for 3), every pixel drawn as a
   * {@code zoom×zoom} block: nearest-neighbour, so the pixels shown are the pixels fed.
   */
  public static ArgbImage of(float[] chw, int channels, int size, int zoom) {
    ArgbImage out = new ArgbImage(size * zoom, size * zoom, new int[size * zoom * size * zoom]);
    out.draw(chw, channels, size, zoom, 0, 0);
    return out;
  }

  /** Draws an image (as {@link #of}) with its top-left corner at (x0, y0). */
  public void draw(float[] chw, int channels, int size, int zoom, int x0, int y0) {
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        int argbPixel;
        if (channels == 3) {
          argbPixel = 0xff000000 | level(chw[i]) << 16 | level(chw[plane + i]) << 8 | level(chw[2 * plane + i]);
        } else {
          int g = level(chw[i]);
          argbPixel = 0xff000000 | g << 16 | g << 8 | g;
        }
        for (int dy = 0; dy < zoom; dy++) {
          int row = (y0 + y * zoom + dy) * width + x0 + x * zoom;
          for (int dx = 0; dx < zoom; dx++) {
            argb[row + dx] = argbPixel;
          }
        }
      }
    }
  }

  /**
   * Images of one size in a grid of {@code cols} columns, {@code gap} pixels apart on a {@code
   * background} colour.
   */
  public static ArgbImage grid(
      java.util.List<float[]> images, int channels, int size, int cols, int zoom, int gap, int background) {
    int rows = (images.size() + cols - 1) / cols;
    int cell = size * zoom;
    int w = cols * cell + (cols + 1) * gap;
    int h = rows * cell + (rows + 1) * gap;
    int[] px = new int[w * h];
    java.util.Arrays.fill(px, background);
    ArgbImage out = new ArgbImage(w, h, px);
    for (int i = 0; i < images.size(); i++) {
      int r = i / cols;
      int c = i % cols;
      out.draw(images.get(i), channels, size, zoom, gap + c * (cell + gap), gap + r * (cell + gap));
    }
    return out;
  }

  private static int level(float v) {
    int l = Math.round(v * 255);
    return l < 0 ? 0 : Math.min(l, 255);
  }
}
