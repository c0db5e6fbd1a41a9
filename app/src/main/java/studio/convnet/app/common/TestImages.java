package studio.convnet.app.common;

import java.util.concurrent.CompletableFuture;
import studio.convnet.engine.data.ImageDataset;

/**
 * The embedded FashionMNIST, loaded once in the background (about a second) for the views that
 * show test images: confusion-matrix cells and probe choices. Never blocks the FX thread: callers
 * get a future and draw when it completes.
 */
public final class TestImages {

  private static volatile CompletableFuture<ImageDataset> data;

  private TestImages() {}

  public static CompletableFuture<ImageDataset> fashionMnist() {
    CompletableFuture<ImageDataset> d = data;
    if (d == null) {
      synchronized (TestImages.class) {
        if (data == null) {
          data = CompletableFuture.supplyAsync(() -> {
            try {
              return ImageDataset.fashionMnist();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
        }
        d = data;
      }
    }
    return d;
  }

  /** Test image {@code index} as a raster, dark garment on light paper, scaled up. */
  public static Raster testImage(ImageDataset ds, int index, int scale) {
    var im = ds.testImages();
    int n = im.rows() * im.cols();
    return ImageRender.greyBytes(im.pixels(), index * n, im.cols(), im.rows(), scale);
  }
}
