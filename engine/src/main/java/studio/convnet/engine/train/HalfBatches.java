package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;

/**
 * A small network's batch trained as two halves at once, one on the training thread and one on a
 * helper thread, each with half of PyTorch's threads (one each on two cores), into the same weights.
 *
 * <p>Why: a LeNet step is ~40 operations of well under a millisecond each, and with two OpenMP
 * threads every one of them forks and joins both cores. Two halves, one core each, join once per
 * step. Measured on this 2-core machine (LeNet-28, b256, alternating, engine/README "Two half
 * batches"): 1.06x quiet, 2.0x with one other busy program (11.5k against 5.8k images/s), which is
 * a classroom laptop with a browser open, or the app drawing the dashboard. AlexNet-96 was slower
 * split (0.9x), so it is kept for networks of at most {@link #MAX_MACS} multiply-adds per image.
 *
 * <p>The same maths as the whole batch: each half's mean loss is weighted by its share of the batch,
 * so the two gradients autograd adds into each weight sum to the whole batch's gradient. Seeded runs
 * stay deterministic: the halves are fixed (first half here, second on the helper), and a sum of
 * two gradients is the same in either order (a + b = b + a exactly in floating point). The digits
 * differ from a whole-batch step's in the last places (other summation order inside the kernels).
 * Not used where the halves would change the maths or the randomness: batch norm (statistics over
 * half a batch), dropout (masks drawn by two threads from one generator), bf16 (autocast is per
 * thread), GPUs, one core, batches under {@link #MIN_BATCH}.
 */
final class HalfBatches implements AutoCloseable {

  /** Forward multiply-adds per image up to which the halves are used (the book's LeNet: 0.42 M). */
  static final long MAX_MACS = 4_000_000;
  /** Smallest batch split in two. */
  static final int MIN_BATCH = 32;

  private final int threads;
  private final ExecutorService helper;
  private boolean warm;

  /** Why a config trains whole batches, or empty when it trains in halves on {@code threads} PyTorch threads. */
  static Optional<String> whyWhole(TrainingConfig config, Device device, int threads) {
    if (!device.equals(Device.cpu())) return Optional.of("not on the CPU");
    if (threads < 2) return Optional.of("one PyTorch thread");
    if (config.precision() != Precision.FP32) return Optional.of("not fp32");
    if (config.batchSize() < MIN_BATCH) return Optional.of("batch under " + MIN_BATCH);
    for (LayerSpec l : config.spec().leaves()) {
      if (l instanceof LayerSpec.BatchNorm) return Optional.of("batch norm");
      if (l instanceof LayerSpec.Dropout) return Optional.of("dropout");
    }
    long macs = ShapeInference.infer(config.spec(), config.inputSize()).totalMacs();
    if (macs > MAX_MACS) return Optional.of(String.format("%.1f M multiply-adds per image", macs / 1e6));
    return Optional.empty();
  }

  /** Halves this (the training) thread's PyTorch threads and starts the helper with the other half; {@link #close} restores. */
  HalfBatches() {
    threads = JniUtils.getNumThreads();
    helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "convnet-half-batch");
      t.setDaemon(true);
      return t;
    });
    JniUtils.setNumThreads(Math.max(1, threads / 2));
    join(helper.submit(() -> JniUtils.setNumThreads(Math.max(1, threads - threads / 2))));
  }

  /** What one half gives back. */
  private record Half(float loss, long correct) {}

  /** Forward, loss and backward of both halves; the caller updates. The loss is the whole batch's mean. */
  Trainers.Step forwardBackward(Trainer trainer, NDList xy, boolean countCorrect, PhaseClock clock) {
    NDArray x = xy.get(0);
    NDArray y = xy.get(1);
    long n = x.getShape().get(0);
    long h = n / 2;
    NDArray x0 = x.get(new NDIndex("0:{}", h));
    NDArray y0 = y.get(new NDIndex("0:{}", h));
    NDArray x1 = x.get(new NDIndex("{}:", h));
    NDArray y1 = y.get(new NDIndex("{}:", h));
    // the first step creates DJL's per-parameter bookkeeping (ParameterStore), which is not safe to
    // fill from two threads: it runs the halves one after the other
    java.util.concurrent.Callable<Half> other = () -> half(trainer, x1, y1, (float) (n - h) / n, countCorrect);
    Future<Half> second = warm ? helper.submit(other) : null;
    Half a;
    try {
      a = half(trainer, x0, y0, (float) h / n, countCorrect);
    } catch (RuntimeException | Error e) {
      if (second != null) {
        try {
          join(second); // the other half uses this batch's arrays: it ends before they are freed
        } catch (RuntimeException | Error ignored) {
          e.addSuppressed(ignored);
        }
      }
      throw e;
    }
    if (clock != null) clock.lap(PhaseClock.Phase.FORWARD); // this thread's half, forward and backward
    Half b = join(second != null ? second : helper.submit(other));
    if (clock != null) clock.lap(PhaseClock.Phase.BACKWARD); // waiting for the other half
    warm = true;
    float loss = (float) (((double) a.loss() * h + (double) b.loss() * (n - h)) / n);
    return new Trainers.Step(loss, a.correct() + b.correct());
  }

  /**
   * One half's forward, loss (weighted by its share) and backward. DJL allows one GradientCollector
   * at a time in a process, so this switches autograd on itself, as DJL's collector does (PyTorch's
   * grad mode is per thread); autograd adds the two halves' gradients into each weight under a lock.
   */
  private static Half half(Trainer trainer, NDArray x, NDArray y, float share, boolean countCorrect) {
    JniUtils.setGradMode(true);
    NDArray pred;
    NDArray loss;
    try {
      pred = trainer.forward(new NDList(x)).singletonOrThrow();
      loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
      NDArray weighted = loss.mul(share);
      JniUtils.backward((PtNDArray) weighted, (PtNDArray) weighted.onesLike(), false, false);
    } finally {
      JniUtils.setGradMode(false);
    }
    long right = countCorrect ? pred.argMax(1).eq(y).countNonzero().getLong() : 0;
    return new Half(loss.getFloat(), right);
  }

  /** The forward pass for evaluation, in halves; the rows come back in order. */
  NDArray evaluate(Trainer trainer, NDArray x) {
    long n = x.getShape().get(0);
    if (n < 2 || !warm) { // before the first step: DJL's parameter bookkeeping is filled from one thread
      return trainer.evaluate(new NDList(x)).singletonOrThrow();
    }
    long h = n / 2;
    NDArray x1 = x.get(new NDIndex("{}:", h));
    Future<NDArray> second = helper.submit(() -> trainer.evaluate(new NDList(x1)).singletonOrThrow());
    NDArray first = trainer.evaluate(new NDList(x.get(new NDIndex("0:{}", h)))).singletonOrThrow();
    return NDArrays.concat(new NDList(first, join(second)));
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the other half batch trained", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Gives this thread its PyTorch threads back and stops the helper. */
  @Override
  public void close() {
    helper.shutdownNow();
    JniUtils.setNumThreads(threads);
  }
}
