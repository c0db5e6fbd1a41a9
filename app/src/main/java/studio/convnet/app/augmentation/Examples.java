package studio.convnet.app.augmentation;

import java.util.List;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.data.augment.ImageOps;

/**
 * The test images the lab takes its example from, browsed within a class: the next or previous
 * image of the same class (wrapping around) and the first image of a class. A dataset that could not
 * be loaded is an empty set of 28×28 images.
 */
final class Examples {

  private final ImageDataset dataset; // null when it could not be loaded

  Examples(ImageDataset dataset) {
    this.dataset = dataset;
  }

  boolean isEmpty() {
    return dataset == null;
  }

  int count() {
    return dataset == null ? 0 : dataset.testImages().count();
  }

  /** Side of the images (28 for FashionMNIST, and when there is no dataset). */
  int size() {
    return dataset == null ? 28 : dataset.imageSize();
  }

  List<String> classNames() {
    return dataset == null ? List.of() : dataset.classNames();
  }

  /** The class of image {@code i}, or -1 when there is no dataset. */
  int label(int i) {
    return dataset == null ? -1 : dataset.testLabels().labels()[i] & 0xff;
  }

  /** Image {@code i} as floats in [0, 1], 1×S×S (all black when there is no dataset). */
  float[] pixels(int i) {
    int n = size() * size();
    return dataset == null ? new float[n] : ImageOps.fromUnsignedBytes(dataset.testImages().pixels(), i * n, n);
  }

  /** "#7 · Sneaker", or "(no image)". */
  String title(int i) {
    return dataset == null ? "(no image)" : "#" + i + " · " + dataset.classNames().get(label(i));
  }

  /** The nearest image in direction {@code dir} (±1) of the same class as {@code i}, wrapping; {@code i} when none. */
  int step(int i, int dir) {
    int n = count();
    int label = label(i);
    int j = i;
    for (int k = 0; k < n; k++) {
      j = Math.floorMod(j + dir, n);
      if (label(j) == label) {
        return j;
      }
    }
    return i;
  }

  /** The first image of a class, or -1 when there is none. */
  int first(int label) {
    for (int i = 0; i < count(); i++) {
      if (label(i) == label) {
        return i;
      }
    }
    return -1;
  }
}
