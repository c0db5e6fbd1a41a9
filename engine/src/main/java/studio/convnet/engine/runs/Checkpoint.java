package studio.convnet.engine.runs;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A checkpoint in a run folder: {@code checkpoints/epoch-0003.ckpt}, written after each epoch — after
 * that epoch's events are in events.jsonl — to a {@code .tmp} file, forced to disk, then renamed
 * atomically. It holds everything a resume needs to continue exactly: every parameter of the block
 * (weights, biases, batch-norm running statistics), the optimizer's state (momentum buffers, Adam's
 * moments and step counts), and in {@code meta} how the random numbers and the data order are derived
 * (see {@code train.ResumeState}). Bytes: {@link CheckpointFormat}.
 *
 * <p>A file whose magic, trailer, length or CRC is wrong (a truncated or half-written file) is
 * ignored with a message, as is any {@code .tmp} left behind by a crash; the newest valid checkpoint
 * wins. Format-1 checkpoints (no optimizer state) still load.
 */
public record Checkpoint(Path file, int format, int epoch, long step, double elapsed, List<Tensor> tensors,
    Map<String, String> meta, List<Tensor> optimizer) {

  public static final String FOLDER = "checkpoints";
  private static final int KEEP = 2;

  public Checkpoint {
    tensors = List.copyOf(tensors);
    meta = Map.copyOf(meta);
    optimizer = List.copyOf(optimizer);
  }

  /** One saved tensor: a parameter, or a piece of optimizer state. */
  public record Tensor(String name, long[] shape, float[] values) {}

  /** The block's parameters as tensors, in order. */
  public static List<Tensor> parameters(Block block) {
    List<Tensor> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      out.add(new Tensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
    }
    return out;
  }

  /** Writes the block's parameters only (no optimizer state). */
  public static Path write(Path runDir, Block block, int epoch, long step, double elapsed) throws IOException {
    return write(runDir, epoch, step, elapsed, parameters(block), Map.of(), List.of());
  }

  /**
   * Writes a checkpoint atomically and keeps the newest {@value #KEEP}. When the write fails (a full
   * disk) no {@code .tmp} is left behind and the previous checkpoints stay.
   */
  public static Path write(Path runDir, int epoch, long step, double elapsed, List<Tensor> params,
      Map<String, String> meta, List<Tensor> optimizer) throws IOException {
    Path dir = runDir.resolve(FOLDER);
    Files.createDirectories(dir);
    byte[] bytes = CheckpointFormat.encode(epoch, step, elapsed, params, new java.util.TreeMap<>(meta), optimizer);
    Path target = dir.resolve(String.format("epoch-%04d.ckpt", epoch));
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      if (FaultPoints.enabled()) {
        b.limit(bytes.length / 2);
        while (b.hasRemaining()) ch.write(b);
        ch.force(true);
        FaultPoints.checkpoint();
        b.limit(bytes.length);
      }
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw RunFolder.naming(target, e);
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

  /** Reads and verifies one checkpoint file; an IOException says what is wrong with it. */
  public static Checkpoint read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("too large for a checkpoint (" + size + " bytes)");
    }
    return of(file, Files.readAllBytes(file));
  }

  /** Decodes checkpoint bytes ({@code file} only names them). */
  public static Checkpoint of(Path file, byte[] bytes) throws IOException {
    CheckpointFormat.Content c = CheckpointFormat.decode(bytes);
    return new Checkpoint(file, c.format(), c.epoch(), c.step(), c.elapsed(), c.params(), c.meta(), c.optimizer());
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
      copyInto(a, t.values());
    }
  }

  /**
   * Overwrites {@code a}'s values in place (an indexed copy, exact to the bit), keeping the array
   * itself — the one the trainer and autograd hold. ({@code NDArray.set(Buffer)} left the first
   * layer of a resumed run barely training.)
   */
  public static void copyInto(NDArray a, float[] values) {
    try (ai.djl.ndarray.NDManager tmp = a.getManager().newSubManager()) {
      NDArray src = tmp.create(values, a.getShape()).toDevice(a.getDevice(), false);
      a.set(new ai.djl.ndarray.index.NDIndex("..."), src);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().toList();
    }
  }
}
