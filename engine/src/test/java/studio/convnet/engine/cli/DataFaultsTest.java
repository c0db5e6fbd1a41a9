package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.cli.TrainCommandTest.Result;

/** Issue 11, item 5: bad data exits 2 with one line naming the file, before any run folder is made. */
class DataFaultsTest {

  @TempDir Path tmp;

  static byte[] images(int count, int claimed, boolean gz) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(gz ? new GZIPOutputStream(bytes) : bytes)) {
      out.writeInt(0x0803);
      out.writeInt(claimed);
      out.writeInt(28);
      out.writeInt(28);
      byte[] px = new byte[count * 784];
      for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 31);
      out.write(px);
    }
    return bytes.toByteArray();
  }

  static byte[] labels(byte[] l) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0801);
      out.writeInt(l.length);
      out.write(l);
    }
    return bytes.toByteArray();
  }

  /** A valid 64/32-image dataset folder. */
  Path dataset(String name) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.write(d.resolve("train-images-idx3-ubyte.gz"), images(64, 64, true));
    Files.write(d.resolve("t10k-images-idx3-ubyte.gz"), images(32, 32, true));
    byte[] train = new byte[64];
    byte[] test = new byte[32];
    for (int i = 0; i < train.length; i++) train[i] = (byte) (i % 10);
    for (int i = 0; i < test.length; i++) test[i] = (byte) (i % 10);
    Files.write(d.resolve("train-labels-idx1-ubyte"), labels(train));
    Files.write(d.resolve("t10k-labels-idx1-ubyte"), labels(test));
    return d;
  }

  Result train(Path data, Path out) {
    return TrainCommandTest.cli("train", "--model", "lenet", "--epochs", "1", "--batch-size", "32",
        "--data", data.toString(), "--out", out.toString());
  }

  private void assertRefused(Path data, String... inMessage) throws IOException {
    Path out = tmp.resolve("out-" + data.getFileName());
    Result r = train(data, out);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    String err = r.err().strip();
    assertThat(err).as("one line").doesNotContain("\n").startsWith("error: ").doesNotContain("Exception")
        .doesNotContain("epoch 0");
    assertThat(err).contains(inMessage);
    assertThat(!Files.exists(out) || Files.list(out).findAny().isEmpty()).as("no run folder left").isTrue();
  }

  @Test
  void brokenIdxFilesAreNamedWithTheirProblemAndLeaveNoRunFolder() throws IOException {
    Path truncated = dataset("truncated");
    byte[] full = images(64, 64, false);
    Files.delete(truncated.resolve("train-images-idx3-ubyte.gz"));
    Files.write(truncated.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, 16 + 32 * 784));
    assertRefused(truncated, "train-images-idx3-ubyte", "truncated", "ends after " + 32 * 784 + " bytes");

    Path gzTruncated = dataset("gz-truncated");
    byte[] gz = Files.readAllBytes(gzTruncated.resolve("train-images-idx3-ubyte.gz"));
    Files.write(gzTruncated.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertRefused(gzTruncated, "train-images-idx3-ubyte.gz", "truncated");

    Path magic = dataset("magic");
    Files.write(magic.resolve("t10k-labels-idx1-ubyte"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertRefused(magic, "t10k-labels-idx1-ubyte", "not an IDX file");

    Path empty = dataset("empty");
    Files.write(empty.resolve("train-labels-idx1-ubyte"), new byte[0]);
    assertRefused(empty, "train-labels-idx1-ubyte", "empty");

    Path notGzip = dataset("not-gzip");
    Files.write(notGzip.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 9, 9, 9, 9});
    assertRefused(notGzip, "t10k-images-idx3-ubyte.gz");

    Path mismatch = dataset("mismatch");
    Files.write(mismatch.resolve("t10k-labels-idx1-ubyte"), labels(new byte[31]));
    assertRefused(mismatch, "t10k-labels-idx1-ubyte", "31 labels", "32 images");

    Path label12 = dataset("label12");
    byte[] l = new byte[64];
    l[5] = 12;
    Files.write(label12.resolve("train-labels-idx1-ubyte"), labels(l));
    assertRefused(label12, "train-labels-idx1-ubyte", "label 12 at index 5", "10 classes");
  }

  @Test
  void aHeaderClaimingMillionsOfImagesIsCaughtWithoutAllocatingThem() throws IOException {
    Path huge = dataset("huge");
    Files.write(huge.resolve("train-images-idx3-ubyte.gz"), images(64, 2_700_000, true));
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    assertRefused(huge, "train-images-idx3-ubyte.gz", "2700000 images", "ends after " + 64 * 784 + " bytes");
    long after = rt.totalMemory() - rt.freeMemory();
    assertThat(after - before).as("heap grown").isLessThan(500L << 20);
  }

  @Test
  void badNumbersNameTheFlagNotTheField() {
    assertThat(TrainCommand.flagNames("batchSize must be ≥ 1, got 0; learningRate is required (setLearningRate)"))
        .isEqualTo("--batch-size must be ≥ 1, got 0; --lr is required");
    String[][] bad = {{"--input", "0"}, {"--lr", "NaN"}, {"--lr", "Infinity"}, {"--batch-size", "0"},
        {"--epochs", "0"}, {"--momentum", "1.5"}};
    for (String[] b : bad) {
      Result r = TrainCommandTest.cli("train", b[0], b[1], "--out", tmp.resolve("never").toString());
      assertThat(r.code()).as(String.join(" ", b)).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: " + b[0] + " must be")
          .doesNotContain("batchSize").doesNotContain("learningRate");
    }
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void aRunFolderThatCannotBeCreatedIsNamed() throws IOException {
    Path data = dataset("fine");
    Path blocked = Files.writeString(tmp.resolve("a-file"), "not a folder");
    Result r = train(data, blocked.resolve("runs"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("cannot create a run folder in " + blocked.resolve("runs"));
  }

  @Test
  void aRelativeDataFolderIsRecordedAbsoluteSoAResumeWorksFromAnotherDirectory() throws IOException {
    Path data = dataset("relative");
    Path relative = Path.of("").toAbsolutePath().relativize(data);
    assertThat(relative.isAbsolute()).isFalse();
    Path out = tmp.resolve("out-relative");
    Result r = train(relative, out);
    assertThat(r.code()).as(r.err()).isZero();
    Path run;
    try (var s = Files.list(out)) {
      run = s.findFirst().orElseThrow();
    }
    assertThat(studio.convnet.engine.runs.RunFolder.readConfig(run).config().dataset())
        .isEqualTo(data.toAbsolutePath().normalize().toString());
  }
}
