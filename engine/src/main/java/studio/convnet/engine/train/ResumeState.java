package studio.convnet.engine.train;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;

/**
 * What makes a resume exact. Every epoch's randomness — the data order, the augmentation draws and
 * the engine's generator (dropout) — is derived from (seed, epoch) alone, so a run resumed at an
 * epoch boundary replays exactly what the uninterrupted run did. The checkpoint records the scheme,
 * the seed and a fingerprint of the training subset (so a resume on other data is noticed), with the
 * optimizer's state; it is written only after every listener has recorded the epoch's events.
 */
final class ResumeState {

  /** The derivation below; a checkpoint from another scheme resumes "close, not exact". */
  static final String SCHEME = "per-epoch-seeds-1";

  private ResumeState() {}

  /** The order the training subset is visited in, in {@code epoch} (1-based). */
  static int[] order(int[] trainIdx, long seed, int epoch) {
    int[] order = trainIdx.clone();
    studio.convnet.engine.data.BatchMaker.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  /** The generator handed to the augmentation in {@code epoch}. */
  static Random augmentation(long seed, int epoch) {
    return new Random(seed * 31L + epoch);
  }

  /** The engine's seed for {@code epoch} (dropout masks). */
  static int engineSeed(long seed, int epoch) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return (int) (z ^ (z >>> 29)) & 0x7fffffff;
  }

  static Map<String, String> meta(TrainingConfig config, int[] trainIdx, StatefulOptimizer opt, Block block) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("rng.scheme", SCHEME);
    m.put("rng.seed", Long.toString(config.seed()));
    m.put("data.train", trainIdx.length + " images, fingerprint " + Integer.toHexString(Arrays.hashCode(trainIdx)));
    m.put("optimizer", opt.kind().name());
    m.putAll(opt.exportCounts(block));
    return m;
  }

  /**
   * Writes epoch {@code epoch}'s checkpoint (call it once the listeners have recorded the epoch's
   * events: {@code TrainingSession.awaitWritten}). A failed write (a full disk) leaves the previous
   * checkpoints as they were and returns its message, naming the file; null when it was written.
   */
  static String checkpoint(Path runDir, Block block, StatefulOptimizer opt, TrainingConfig config, int[] trainIdx,
      int epoch, long step, double elapsed) {
    try {
      Checkpoint.write(runDir, epoch, step, elapsed, Checkpoint.parameters(block), meta(config, trainIdx, opt, block),
          opt.exportState(block));
      return null;
    } catch (IOException e) {
      return (RunFolder.isDiskFull(e) ? "disk full: " : "") + "could not write the checkpoint after epoch " + epoch
          + " (" + RunFolder.reason(e) + ")";
    }
  }

  /**
   * Why a resume from {@code ck} will not be exact, or null when it will: an older checkpoint
   * without optimizer state, another random-number scheme, or other training data.
   */
  static String inexact(Checkpoint ck, TrainingConfig config, int[] trainIdx) {
    Map<String, String> m = ck.meta();
    if (!SCHEME.equals(m.get("rng.scheme"))) {
      return ck.file().getFileName() + " predates exact resume (no optimizer state or random-number record): the"
          + " optimizer restarts from zero, so the result will be close to, not the same as, an uninterrupted run";
    }
    if (!Long.toString(config.seed()).equals(m.get("rng.seed"))) {
      return ck.file().getFileName() + " was written with seed " + m.get("rng.seed") + ", the run now has "
          + config.seed() + ": the rest of the run will differ";
    }
    if (trainIdx == null) {
      return null; // the data is checked again when the run starts
    }
    String data = trainIdx.length + " images, fingerprint " + Integer.toHexString(Arrays.hashCode(trainIdx));
    if (!data.equals(m.get("data.train"))) {
      return ck.file().getFileName() + " was trained on " + m.get("data.train") + ", the data now gives " + data
          + ": the rest of the run will differ";
    }
    return null;
  }

  /** Restores parameters and optimizer state; tells {@code notices} when the resume cannot be exact. */
  static void restore(Checkpoint ck, Block block, StatefulOptimizer opt, TrainingConfig config, int[] trainIdx,
      Consumer<String> notices) {
    ck.restoreInto(block);
    String why = inexact(ck, config, trainIdx);
    if (why != null) {
      notices.accept(why);
    }
    if (opt.kind().name().equals(ck.meta().getOrDefault("optimizer", opt.kind().name()))) {
      opt.importState(block, ck.optimizer(), ck.meta());
    } else {
      notices.accept(ck.file().getFileName() + " holds " + ck.meta().get("optimizer") + " state, the run uses "
          + opt.kind() + ": the optimizer restarts from zero");
    }
  }
}
