package studio.convnet.engine.runs;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A model checkpoint in a run folder: {@code checkpoints/epoch-0003.ckpt}, written after each epoch
 * to a {@code .tmp} file, forced to disk, then renamed atomically.
 *
 * <p>Format (big-endian): magic {@code CNVCKPT1}; epoch (int); step (long); elapsed seconds (double);
 * parameter count (int); per parameter its name (UTF), rank (int), dims (long…) and float32 values;
 * then the trailer {@code CNVEND01} and a CRC-32 of every byte before the trailer. A file whose magic,
 * trailer, length or CRC is wrong (a truncated or half-written file) is ignored with a message, as is
 * any {@code .tmp} left behind by a crash; the newest valid checkpoint wins.
 *
 * <p>Holds every parameter of the block (weights, biases, batch-norm running statistics). The
 * optimizer's state (momentum, Adam's moments) is not saved: DJL keeps it private inside the
 * optimizer, so a resumed run restarts the optimizer state from zero at the next epoch.
 */
public record Checkpoint(Path file, int epoch, long step, double elapsed, List<Tensor> tensors) {

  private static final byte[] MAGIC = "CNVCKPT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TRAILER = "CNVEND01".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  public static final String FOLDER = "checkpoints";
  private static final int KEEP = 2;

  /** One saved parameter. */
  public record Tensor(String name, long[] shape, float[] values) {}

  /** Writes the block's parameters atomically; keeps the newest {@value #KEEP} checkpoints. */
  public static Path write(Path runDir, Block block, int epoch, long step, double elapsed) throws IOException {
    Path dir = runDir.resolve(FOLDER);
    Files.createDirectories(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(epoch);
      out.writeLong(step);
      out.writeDouble(elapsed);
      ai.djl.nn.ParameterList params = block.getParameters();
      out.writeInt(params.size());
      for (Pair<String, Parameter> p : params) {
        NDArray a = p.getValue().getArray();
        out.writeUTF(p.getKey());
        long[] shape = a.getShape().getShape();
        out.writeInt(shape.length);
        for (long d : shape) out.writeLong(d);
        float[] v = a.toFloatArray();
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.BIG_ENDIAN);
        bb.asFloatBuffer().put(v);
        out.write(bb.array());
      }
    }
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    ByteBuffer tail = ByteBuffer.allocate(TRAILER.length + 8);
    tail.put(TRAILER).putLong(crc.getValue());
    Path target = dir.resolve(String.format("epoch-%04d.ckpt", epoch));
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(body);
      while (b.hasRemaining()) ch.write(b);
      tail.flip();
      while (tail.hasRemaining()) ch.write(tail);
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    List<Path> all = list(dir);
    for (int i = 0; i < all.size() - KEEP; i++) {
      Files.deleteIfExists(all.get(i));
    }
    return target;
  }

  /**
   * The newest valid checkpoint of a run folder, or empty. Half-written ({@code .tmp}) and damaged
   * files are skipped; each skip is reported to {@code notices} with the reason.
   */
  public static Optional<Checkpoint> latest(Path runDir, Consumer<String> notices) throws IOException {
    Path dir = runDir.resolve(FOLDER);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path tmp : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).sorted().toList()) {
        notices.accept("ignoring half-written checkpoint " + tmp.getFileName()
            + " (a crash during the write left it behind; the previous complete checkpoint is used)");
      }
    }
    List<Path> all = new ArrayList<>(list(dir));
    all.sort(Comparator.reverseOrder());
    for (Path f : all) {
      try {
        return Optional.of(read(f));
      } catch (IOException e) {
        notices.accept("ignoring damaged checkpoint " + f.getFileName() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Reads and verifies one checkpoint file. */
  public static Checkpoint read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int bodyLen = all.length - TRAILER.length - 8;
    if (bodyLen < MAGIC.length || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a checkpoint, or truncated (" + all.length + " bytes)");
    }
    if (!Arrays.equals(all, bodyLen, bodyLen + TRAILER.length, TRAILER, 0, TRAILER.length)) {
      throw new IOException("truncated (no end marker; " + all.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, bodyLen);
    long stored = ByteBuffer.wrap(all, bodyLen + TRAILER.length, 8).getLong();
    if (crc.getValue() != stored) {
      throw new IOException("checksum mismatch (the file is damaged)");
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, bodyLen))) {
      in.skipNBytes(MAGIC.length);
      int epoch = in.readInt();
      long step = in.readLong();
      double elapsed = in.readDouble();
      int n = in.readInt();
      List<Tensor> tensors = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        long size = 1;
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
          size *= shape[d];
        }
        byte[] raw = in.readNBytes(Math.toIntExact(size * 4));
        float[] v = new float[(int) size];
        ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v);
        tensors.add(new Tensor(name, shape, v));
      }
      return new Checkpoint(file, epoch, step, elapsed, tensors);
    }
  }

  /** Copies the saved values into the block's (initialised) parameters; names and shapes must match. */
  public void restoreInto(Block block) {
    ai.djl.nn.ParameterList params = block.getParameters();
    if (params.size() != tensors.size()) {
      throw new IllegalStateException(file + ": holds " + tensors.size() + " parameters, the network has " + params.size());
    }
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      Pair<String, Parameter> p = params.get(i);
      NDArray a = p.getValue().getArray();
      if (!p.getKey().equals(t.name()) || !Arrays.equals(a.getShape().getShape(), t.shape())) {
        throw new IllegalStateException(file + ": parameter " + i + " is " + t.name() + Arrays.toString(t.shape())
            + " but the network has " + p.getKey() + a.getShape());
      }
      a.set(t.values());
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().toList();
    }
  }
}
