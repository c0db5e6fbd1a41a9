package studio.convnet.app.common;

import java.awt.image.BufferedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A picture as plain ARGB ints (row-major). Drawing into it needs no FX toolkit, so view-models and
 * golden-image tests make and compare pictures with plain JUnit; {@link #toImage()} copies it into a
 * JavaFX image in one call (views only).
 */
public record Raster(int width, int height, int[] argb) {

  public Raster {
    if (argb.length != width * height) {
      throw new IllegalArgumentException("argb length " + argb.length + " != " + width + "×" + height);
    }
  }

  public static Raster of(int width, int height, int fill) {
    int[] px = new int[Math.max(0, width * height)];
    java.util.Arrays.fill(px, fill);
    return new Raster(width, height, px);
  }

  /**
   * One {@code C×S×S} image in [0, 1] (grey for 1 channel, RGB for 3), every pixel drawn as a
   * {@code zoom×zoom} block: nearest-neighbour, so the pixels shown are the pixels fed.
   */
  public static Raster of(float[] chw, int channels, int size, int zoom) {
    Raster out = new Raster(size * zoom, size * zoom, new int[size * zoom * size * zoom]);
    out.draw(chw, channels, size, zoom, 0, 0);
    return out;
  }

  /**
   * Images of one size in a grid of {@code cols} columns, {@code gap} pixels apart on a {@code
   * background} colour.
   */
  public static Raster grid(
      java.util.List<float[]> images, int channels, int size, int cols, int zoom, int gap, int background) {
    int rows = (images.size() + cols - 1) / cols;
    int cell = size * zoom;
    Raster out = of(cols * cell + (cols + 1) * gap, rows * cell + (rows + 1) * gap, background);
    for (int i = 0; i < images.size(); i++) {
      out.draw(images.get(i), channels, size, zoom, gap + (i % cols) * (cell + gap), gap + (i / cols) * (cell + gap));
    }
    return out;
  }

  /** Draws an image (as {@link #of(float[], int, int, int)}) with its top-left corner at (x0, y0). */
  public void draw(float[] chw, int channels, int size, int zoom, int x0, int y0) {
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        int g = level(chw[i]);
        int pixel = channels == 3
            ? 0xff000000 | g << 16 | level(chw[plane + i]) << 8 | level(chw[2 * plane + i])
            : 0xff000000 | g << 16 | g << 8 | g;
        fillRect(x0 + x * zoom, y0 + y * zoom, zoom, zoom, pixel);
      }
    }
  }

  private static int level(float v) {
    int l = Math.round(v * 255);
    return l < 0 ? 0 : Math.min(l, 255);
  }

  public int get(int x, int y) {
    return argb[y * width + x];
  }

  public void set(int x, int y, int c) {
    argb[y * width + x] = c;
  }

  public void fillRect(int x0, int y0, int w, int h, int c) {
    for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        argb[y * width + x] = c;
      }
    }
  }

  public WritableImage toImage() {
    WritableImage img = new WritableImage(Math.max(1, width), Math.max(1, height));
    if (width > 0 && height > 0) {
      img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    }
    return img;
  }

  public BufferedImage toBufferedImage() {
    BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    b.setRGB(0, 0, width, height, argb, 0, width);
    return b;
  }

  public static Raster fromBufferedImage(BufferedImage b) {
    int[] px = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
    return new Raster(b.getWidth(), b.getHeight(), px);
  }
}
