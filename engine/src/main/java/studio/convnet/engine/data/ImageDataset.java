package studio.convnet.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import studio.convnet.engine.data.IdxReader.IdxFormatException;
import studio.convnet.engine.data.IdxReader.Images;
import studio.convnet.engine.data.IdxReader.Labels;

/**
 * A labelled image dataset held in memory as unsigned bytes: the real FashionMNIST embedded in the
 * engine jar, or any folder of IDX files laid out as MNIST does (MNIST, KMNIST, FashionMNIST).
 */
public record ImageDataset(
    String name, List<String> classNames, Images trainImages, Labels trainLabels,
    Images testImages, Labels testLabels) {

  public static final List<String> FASHION_MNIST_CLASSES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  static final String EMBEDDED = "assets/datasets/fashion-mnist/";

  public ImageDataset {
    classNames = List.copyOf(classNames);
    check(trainImages, trainLabels, classNames.size());
    check(testImages, testLabels, classNames.size());
    if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
      throw new IllegalArgumentException(
          testImages.source() + ": images are " + testImages.rows() + "×" + testImages.cols()
              + " but the training images (" + trainImages.source() + ") are "
              + trainImages.rows() + "×" + trainImages.cols());
    }
  }

  public int imageSize() {
    return trainImages.rows();
  }

  /** The real FashionMNIST shipped in the engine jar (from assets/); works with no network. */
  public static ImageDataset fashionMnist() throws IOException {
    return new ImageDataset(
        "FashionMNIST",
        FASHION_MNIST_CLASSES,
        IdxReader.readImages(resource("train-images-idx3-ubyte.gz"), "embedded train-images-idx3-ubyte.gz"),
        IdxReader.readLabels(resource("train-labels-idx1-ubyte.gz"), "embedded train-labels-idx1-ubyte.gz"),
        IdxReader.readImages(resource("t10k-images-idx3-ubyte.gz"), "embedded t10k-images-idx3-ubyte.gz"),
        IdxReader.readLabels(resource("t10k-labels-idx1-ubyte.gz"), "embedded t10k-labels-idx1-ubyte.gz"));
  }

  /**
   * Only the 10,000 test images of the embedded FashionMNIST, as both halves of the dataset: for
   * views that show test images (the augmentation lab), a second faster to load than the whole set.
   */
  public static ImageDataset fashionMnistTestSet() throws IOException {
    Images images =
        IdxReader.readImages(resource("t10k-images-idx3-ubyte.gz"), "embedded t10k-images-idx3-ubyte.gz");
    Labels labels =
        IdxReader.readLabels(resource("t10k-labels-idx1-ubyte.gz"), "embedded t10k-labels-idx1-ubyte.gz");
    return new ImageDataset("FashionMNIST test set", FASHION_MNIST_CLASSES, images, labels, images, labels);
  }

  private static InputStream resource(String file) throws IOException {
    InputStream in = ImageDataset.class.getClassLoader().getResourceAsStream(EMBEDDED + file);
    if (in == null) {
      throw new IdxFormatException(
          "embedded dataset file " + EMBEDDED + file + " is missing from the classpath (the engine jar"
              + " is built with assets/datasets; rebuild with ./mvnw package)");
    }
    return IdxReader.maybeGunzip(in, "embedded " + file);
  }

  /**
   * Reads a folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code
   * t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz}). Classes
   * are named by a {@code classes.txt} (one per line) if present, else by FashionMNIST's names when
   * the folder name says so, else "0".."9".
   */
  public static ImageDataset fromFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IdxFormatException(folder + ": not a folder");
    }
    Labels trainLabels = IdxReader.readLabels(find(folder, "train-labels-idx1-ubyte"));
    Path classes = folder.resolve("classes.txt");
    List<String> names;
    if (Files.isRegularFile(classes)) {
      names = Files.readAllLines(classes).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } else if (folder.getFileName().toString().toLowerCase().contains("fashion")) {
      names = FASHION_MNIST_CLASSES;
    } else {
      int max = 0;
      for (byte b : trainLabels.labels()) {
        max = Math.max(max, b & 0xff);
      }
      names = Stream.iterate(0, i -> i + 1).limit(max + 1L).map(String::valueOf).toList();
    }
    return new ImageDataset(
        folder.getFileName().toString(),
        names,
        IdxReader.readImages(find(folder, "train-images-idx3-ubyte")),
        trainLabels,
        IdxReader.readImages(find(folder, "t10k-images-idx3-ubyte")),
        IdxReader.readLabels(find(folder, "t10k-labels-idx1-ubyte")));
  }

  /** The embedded FashionMNIST ({@code folder} null) or a folder of IDX files. */
  public static ImageDataset load(Path folder) throws IOException {
    return folder == null ? fashionMnist() : fromFolder(folder);
  }

  /**
   * Checks that every label fits a network with {@code outputs} classes; the message names the file,
   * the label and its index ("label 12 at index 5 is outside the network's 10 classes").
   */
  public void checkFits(int outputs) throws IdxFormatException {
    for (Labels labels : List.of(trainLabels, testLabels)) {
      byte[] l = labels.labels();
      for (int i = 0; i < l.length; i++) {
        if ((l[i] & 0xff) >= outputs) {
          throw new IdxFormatException(labels.source() + ": label " + (l[i] & 0xff) + " at index " + i
              + " is outside the network's " + outputs + " classes (0–" + (outputs - 1) + ")");
        }
      }
    }
    if (classNames.size() != outputs) {
      throw new IdxFormatException(name + ": " + classNames.size() + " classes (classes.txt) but the network has "
          + outputs + " outputs");
    }
  }

  private static Path find(Path folder, String base) throws IdxFormatException {
    return Stream.of(base + ".gz", base)
        .map(folder::resolve)
        .filter(Files::isRegularFile)
        .findFirst()
        .or(() -> Optional.empty())
        .orElseThrow(
            () -> new IdxFormatException(folder + ": missing " + base + "(.gz) in this dataset folder"));
  }

  private static void check(Images images, Labels labels, int classes) {
    if (images.count() != labels.count()) {
      throw new IllegalArgumentException(
          labels.source() + ": " + labels.count() + " labels, but " + images.source() + " has "
              + images.count() + " images");
    }
    byte[] l = labels.labels();
    for (int i = 0; i < l.length; i++) {
      if ((l[i] & 0xff) >= classes) {
        throw new IllegalArgumentException(
            labels.source() + ": label " + (l[i] & 0xff) + " at index " + i + " is outside the "
                + classes + " classes");
      }
    }
  }
}
