package studio.convnet.app.common;

import java.awt.image.BufferedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A plain ARGB pixel buffer. Rendering into it needs no FX toolkit (so golden-image tests are plain
 * JUnit); {@link #toImage()} copies it into a JavaFX image in one call.
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
