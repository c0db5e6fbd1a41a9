package studio.convnet.app.augmentation;

import java.util.List;
import studio.convnet.engine.data.IdxReader.Images;
import studio.convnet.engine.data.IdxReader.Labels;
import studio.convnet.engine.data.ImageDataset;

/** A tiny synthetic dataset: asymmetric shapes (a bright block at the top left, a bar), 2 classes. */
final class TestImages {

  private TestImages() {}

  static ImageDataset dataset(int count) {
    int s = 28;
    byte[] px = new byte[count * s * s];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 2);
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          int v = 0;
          if (x >= 3 + i % 5 && x < 12 && y >= 3 && y < 12) {
            v = 255;
          } else if (y >= 18 && y < 22 && x >= 4 && x < 24) {
            v = 120 + x * 5;
          }
          px[i * s * s + y * s + x] = (byte) v;
        }
      }
    }
    Images images = new Images("synthetic", count, s, s, px);
    Labels l = new Labels("synthetic", count, labels);
    return new ImageDataset("synthetic", List.of("block", "bar"), images, l, images, l);
  }
}
