package studio.convnet.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import studio.convnet.engine.data.IdxReader;
import studio.convnet.engine.data.IdxReader.IdxFormatException;
import studio.convnet.engine.data.augment.AugmentationException;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;
import studio.convnet.engine.runs.RunReader;

/**
 * Issue 11: random and mutated bytes fed to every parser of outside input. Each may only return a
 * value or throw its documented exception with a message — never another exception, a hang, or an
 * allocation larger than the input justifies (the readers check sizes against the bytes present).
 */
class ParsersFuzzTest {

  static final AtomicInteger CASES = new AtomicInteger();

  @AfterContainer
  static void report() {
    System.out.println("fuzz cases run: " + CASES.get());
  }

  // ------------------------------------------------------------------ mutations

  /** Flips, overwrites, inserts, deletes or truncates bytes of a valid input. */
  @Provide
  static Arbitrary<List<int[]>> mutations() {
    Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
        .as((kind, where, value) -> new int[] {kind, where, value});
    return one.list().ofMinSize(1).ofMaxSize(8);
  }

  static byte[] mutate(byte[] valid, List<int[]> mutations) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = valid.clone();
    for (int[] m : mutations) {
      if (b.length == 0) break;
      int at = m[1] % b.length;
      switch (m[0]) {
        case 0 -> b[at] ^= (byte) (1 << (m[2] % 8));
        case 1 -> b[at] = (byte) m[2];
        case 2 -> {
          out.reset();
          out.write(b, 0, at);
          out.write(m[2]);
          out.write(b, at, b.length - at);
          b = out.toByteArray();
        }
        case 3 -> {
          out.reset();
          out.write(b, 0, at);
          out.write(b, at + 1, b.length - at - 1);
          b = out.toByteArray();
        }
        default -> b = java.util.Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  // ------------------------------------------------------------------ IDX

  static byte[] idx(boolean images, boolean gz) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(gz ? new GZIPOutputStream(bytes) : bytes)) {
      out.writeInt(images ? 0x0803 : 0x0801);
      out.writeInt(3);
      if (images) {
        out.writeInt(4);
        out.writeInt(5);
        out.write(new byte[60]);
      } else {
        out.write(new byte[] {1, 2, 3});
      }
    }
    return bytes.toByteArray();
  }

  static void readIdx(byte[] bytes, boolean images) throws IOException {
    CASES.incrementAndGet();
    try {
      if (images) {
        IdxReader.Images im = IdxReader.readImages(IdxReaderAccess.open(bytes), "fuzz");
        assertThat(im.pixels()).hasSize(im.count() * im.size());
      } else {
        IdxReader.Labels l = IdxReader.readLabels(IdxReaderAccess.open(bytes), "fuzz");
        assertThat(l.labels()).hasSize(l.count());
      }
    } catch (IdxFormatException e) {
      assertThat(e.getMessage()).startsWith("fuzz");
    }
  }

  @Property(tries = 400)
  void idxReaderOnMutatedFiles(@ForAll("mutations") List<int[]> m, @ForAll boolean images, @ForAll boolean gz)
      throws IOException {
    readIdx(mutate(idx(images, gz), m), images);
  }

  @Property(tries = 300)
  void idxReaderOnRandomBytes(@ForAll byte[] bytes, @ForAll boolean images) throws IOException {
    readIdx(bytes, images);
  }

  // ------------------------------------------------------------------ event lines

  static final List<String> LINES = new ArrayList<>();

  static {
    for (RunEvent e : FakeRun.run("fuzz", 1, 2)) {
      LINES.add(EventCodec.toJson(e));
    }
  }

  static void decode(String line) {
    CASES.incrementAndGet();
    try {
      RunEvent e = EventCodec.fromJson(line);
      assertThat(e).isNotNull();
    } catch (JsonParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 600)
  void eventLineParserOnMutatedLines(@ForAll("mutations") List<int[]> m, @ForAll("lineIndex") int which) {
    decode(new String(mutate(LINES.get(which).getBytes(java.nio.charset.StandardCharsets.UTF_8), m),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<Integer> lineIndex() {
    return Arbitraries.integers().between(0, LINES.size() - 1);
  }

  @Property(tries = 300)
  void eventLineParserOnRandomText(@ForAll String text) {
    decode(text);
    decode("{\"type\":\"EpochMetrics\"," + text);
  }

  @Property(tries = 40)
  void aRunFolderOfMutatedBytesAlwaysOpens(@ForAll("mutations") List<int[]> m) throws IOException {
    CASES.incrementAndGet();
    Path dir = Files.createTempDirectory("fuzz-run");
    try {
      Files.writeString(dir.resolve(RunFolder.EVENTS), String.join("\n", LINES) + "\n");
      byte[] bytes = mutate(Files.readAllBytes(dir.resolve(RunFolder.EVENTS)), m);
      Files.write(dir.resolve(RunFolder.EVENTS), bytes);
      RunReader.Recording r = RunReader.read(dir);
      assertThat(r.events().size() + r.problems().size()).isLessThanOrEqualTo(LINES.size() + 9);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ------------------------------------------------------------------ checkpoints

  static final byte[] CHECKPOINT;

  static {
    try {
      Path dir = Files.createTempDirectory("fuzz-ckpt");
      Path f = Checkpoint.write(dir, 3, 42, 1.5,
          List.of(new Checkpoint.Tensor("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
              new Checkpoint.Tensor("b", new long[] {2}, new float[] {7, 8})),
          Map.of("rng.scheme", "x", "optimizer", "ADAM"),
          List.of(new Checkpoint.Tensor("adam.m/w", new long[] {2, 3}, new float[6])));
      CHECKPOINT = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void readCheckpoint(byte[] bytes) {
    CASES.incrementAndGet();
    try {
      Checkpoint c = Checkpoint.of(Path.of("fuzz.ckpt"), bytes);
      assertThat(c.tensors()).isNotNull();
    } catch (IOException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 400)
  void checkpointReaderOnMutatedFiles(@ForAll("mutations") List<int[]> m, @ForAll boolean fixChecksum) {
    byte[] b = mutate(CHECKPOINT, m);
    readCheckpoint(fixChecksum ? CheckpointCrc.fix(b) : b);
  }

  @Property(tries = 200)
  void checkpointReaderOnRandomBytes(@ForAll byte[] bytes) {
    readCheckpoint(CheckpointCrc.fix(bytes));
    readCheckpoint(bytes);
  }

  // ------------------------------------------------------------------ augmentation specs

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> op = Arbitraries.of("hflip", "vflip", "crop", "rotate", "translate", "brightness", "contrast",
        "noise", "erase", "resize", "x", "");
    Arbitrary<String> key = Arbitraries.of("p", "scale", "deg", "max", "sigma", "ratio", "amount", "", "p=", "==");
    Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.doubles().between(-1e9, 1e9).map(String::valueOf),
        Arbitraries.of("0", "1", "0.5-1", "1-0.5", "NaN", "Infinity", "-", "1e400", "0x10", ""),
        Arbitraries.strings().ofMaxLength(6));
    Arbitrary<String> param = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
    return Combinators.combine(op, param.list().ofMaxSize(3)).as((o, ps) -> o + (ps.isEmpty() ? "" : ":")
        + String.join(",", ps)).list().ofMaxSize(4).map(l -> String.join(" ", l));
  }

  static void parseSpec(String spec) {
    CASES.incrementAndGet();
    try {
      AugmentationPipeline p = AugmentationPipeline.parse(spec);
      assertThat(AugmentationPipeline.parse(p.toSpecList()).toSpecList()).isEqualTo(p.toSpecList());
    } catch (AugmentationException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void augmentationSpecParserOnNearlyValidSpecs(@ForAll("specs") String spec) {
    parseSpec(spec);
  }

  @Property(tries = 300)
  void augmentationSpecParserOnRandomText(@ForAll String text) {
    parseSpec(text);
  }

  /** Opens bytes the way the reader opens a file (gunzipping when they start with gzip's magic). */
  static final class IdxReaderAccess {
    static java.io.InputStream open(byte[] bytes) throws IOException {
      return IdxReader.maybeGunzipBytes(new ByteArrayInputStream(bytes), "fuzz");
    }
  }

  /** Recomputes a checkpoint's CRC so mutations reach the parser behind the checksum. */
  static final class CheckpointCrc {
    static byte[] fix(byte[] b) {
      int body = b.length - 16;
      if (body < 0) return b;
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(b, 0, body);
      byte[] out = b.clone();
      java.nio.ByteBuffer.wrap(out, body + 8, 8).putLong(crc.getValue());
      return out;
    }
  }
}
