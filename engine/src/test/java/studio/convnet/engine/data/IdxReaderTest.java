package studio.convnet.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.data.IdxReader.IdxFormatException;

class IdxReaderTest {

  static ImageDataset fashion;

  @BeforeAll
  static void load() throws IOException {
    fashion = ImageDataset.fashionMnist();
  }

  @Test
  void readsTheRealEmbeddedFashionMnist() {
    assertThat(fashion.trainImages().count()).isEqualTo(60_000);
    assertThat(fashion.testImages().count()).isEqualTo(10_000);
    assertThat(fashion.imageSize()).isEqualTo(28);
    assertThat(fashion.trainImages().pixels()).hasSize(60_000 * 784);
    // the first training image of Fashion-MNIST is an ankle boot, the first test image too
    assertThat(fashion.trainLabels().labels()[0]).isEqualTo((byte) 9);
    assertThat(fashion.testLabels().labels()[0]).isEqualTo((byte) 9);
    int[] perClass = new int[10];
    for (byte b : fashion.testLabels().labels()) {
      perClass[b]++;
    }
    assertThat(perClass).containsOnly(1000);
    assertThat(fashion.classNames()).hasSize(10).startsWith("T-shirt/top");
  }

  @Test
  void readsAFolderOfIdxFilesGzippedOrNot(@TempDir Path dir) throws IOException {
    writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 3, 4, 5, true);
    writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 1, 2});
    writeImages(dir.resolve("t10k-images-idx3-ubyte"), 2, 4, 5, false);
    writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {2, 1});
    ImageDataset d = ImageDataset.fromFolder(dir);
    assertThat(d.trainImages().count()).isEqualTo(3);
    assertThat(d.trainImages().rows()).isEqualTo(4);
    assertThat(d.trainImages().cols()).isEqualTo(5);
    assertThat(d.classNames()).containsExactly("0", "1", "2");
    assertThat(d.testImages().pixels()[7]).isEqualTo((byte) 7);
  }

  @Test
  void wrongMagicNumberIsNamed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.idx");
    Files.write(f, new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 1});
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("not an IDX file");
  }

  @Test
  void labelsFileGivenAsImagesIsNamed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("labels");
    writeLabels(f, new byte[] {1, 2});
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .hasMessageContaining(f.toString())
        .hasMessageContaining("1 dimension(s), but images files have 3");
  }

  @Test
  void truncatedDataIsNamedWithByteCounts(@TempDir Path dir) throws IOException {
    Path full = dir.resolve("full");
    writeImages(full, 10, 28, 28, false);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = dir.resolve("cut");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> IdxReader.readImages(cut))
        .hasMessageContaining(cut.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("7840 bytes");
  }

  @Test
  void truncatedGzipIsNamed(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("x.gz");
    writeImages(gz, 50, 28, 28, true);
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(cut))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining(cut.toString());
  }

  @Test
  void truncatedHeaderAndEmptyFileAndMissingFileAreNamed(@TempDir Path dir) throws IOException {
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    assertThatThrownBy(() -> IdxReader.readLabels(empty)).hasMessageContaining("empty").hasMessageContaining(empty.toString());
    Path header = dir.resolve("header");
    Files.write(header, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0});
    assertThatThrownBy(() -> IdxReader.readImages(header)).hasMessageContaining("header truncated before the rows field");
    assertThatThrownBy(() -> IdxReader.readImages(dir.resolve("nope"))).hasMessageContaining("no such file");
  }

  @Test
  void zeroDimensionAndMismatchedCountsAreRejected(@TempDir Path dir) throws IOException {
    Path zero = dir.resolve("zero");
    writeImages(zero, 0, 28, 28, false);
    assertThatThrownBy(() -> IdxReader.readImages(zero)).hasMessageContaining("'number of images' is 0");

    writeImages(dir.resolve("train-images-idx3-ubyte"), 3, 2, 2, false);
    writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 1});
    writeImages(dir.resolve("t10k-images-idx3-ubyte"), 1, 2, 2, false);
    writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0});
    assertThatThrownBy(() -> ImageDataset.fromFolder(dir))
        .hasMessageContaining("2 labels, but")
        .hasMessageContaining("has 3 images");
  }

  /**
   * CI's fuzz run found a header whose count × rows × cols wrapped past a long: a negative size and
   * a NegativeArraySizeException, or (here, 2^22 × 2^21 × 2^21 = 2^64) a size of 0 and 4 million
   * images without a pixel. Both must be "too large", naming the file.
   */
  @Test
  void dimensionsWhoseProductWrapsALongAreTooLargeNotEmptyOrNegative(@TempDir Path dir) throws IOException {
    int[][] headers = {{1 << 22, 1 << 21, 1 << 21}, {0x7fffffff, 0x7fffffff, 0x7fffffff}, {3, 1 << 30, 1 << 30}};
    for (int[] h : headers) {
      Path f = dir.resolve("wrap-" + h[0] + "-" + h[1]);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0x00000803);
      out.writeInt(h[0]);
      out.writeInt(h[1]);
      out.writeInt(h[2]);
      write(f, bytes.toByteArray(), false);
      assertThatThrownBy(() -> IdxReader.readImages(f))
          .isInstanceOf(IdxFormatException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContaining("too large to load");
    }
  }

  static void writeImages(Path f, int n, int rows, int cols, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000803);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n * rows * cols; i++) {
      out.writeByte(i);
    }
    write(f, bytes.toByteArray(), gzip);
  }

  static void writeLabels(Path f, byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(labels.length);
    out.write(labels);
    write(f, bytes.toByteArray(), f.toString().endsWith(".gz"));
  }

  private static void write(Path f, byte[] data, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
      out.write(data);
    }
  }
}
