package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ExampleTransform;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;

/**
 * One training run: our own short loop over DJL's {@link Trainer} on one named daemon thread
 * ({@value #THREAD_NAME}), producing a stream of {@link RunEvent}s.
 *
 * <p>Control ({@link #pause()}, {@link #resume()}, {@link #stop()}, {@link #requestActivations()})
 * is cooperative and takes effect between batches, so a stop lands within one batch. Every batch's
 * arrays live in a sub-manager closed in {@code finally}. Evaluation (test subset, confusion matrix,
 * probes' activations) runs in inference mode (dropout off, batch norm on running statistics) with
 * autograd off. Any failure — NaN/infinite loss, out of memory, an engine error, a listener that
 * throws is NOT one (it is logged and skipped) — ends the run with a {@link RunEvent.RunFailed};
 * the thread always ends.
 *
 * <p>With a run folder ({@link #runFolder(Path)}), a checkpoint is written atomically after every
 * epoch, and {@link #resumeFrom(Path, ExampleTransform, Consumer)} continues a stopped or crashed
 * run at the epoch after its last valid checkpoint (the optimizer state restarts; see Checkpoint).
 */
public final class TrainingSession {

  public static final String THREAD_NAME = "convnet-training";
  private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);

  public enum State { NEW, RUNNING, PAUSED, FINISHED, FAILED }

  private final TrainingConfig config;
  private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final AtomicBoolean activationsWanted = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile boolean pauseRequested;
  private volatile State state = State.NEW;
  private volatile RunEvent terminal;
  private Path runFolder;
  private Checkpoint resumeFrom;
  private Thread thread;
  private ImageDataset dataset; // optional: given by the caller to skip loading

  // run state, touched by the training thread only
  private Optimizer optimizer;
  private long t0;
  private double elapsedOffset;
  private int epoch;
  private int batch;
  private long step;

  public TrainingSession(TrainingConfig config) {
    this.config = config;
  }

  /**
   * Resumes a run folder from its newest valid checkpoint: reads {@code config.json}, skips a
   * half-written or damaged checkpoint (telling {@code notices} why), and continues at the next
   * epoch; with no valid checkpoint it starts again at epoch 1 in the same folder.
   *
   * @param augmentation the augmentation object to use again when it is not a recorded pipeline (null:
   *     the folder's recorded pipeline)
   */
  public static TrainingSession resumeFrom(Path runDir, ExampleTransform augmentation, Consumer<String> notices)
      throws IOException {
    RunFolder.Recorded recorded = RunFolder.readConfig(runDir);
    TrainingConfig.Builder b = TrainingConfig.fromRecord(recorded.config(), recorded.spec());
    if (augmentation != null) {
      b.optAugmentation(augmentation); // else the recorded pipeline, parsed back
    }
    TrainingConfig cfg = b.build();
    TrainingSession s = new TrainingSession(cfg);
    s.runFolder = runDir;
    Optional<Checkpoint> ck = Checkpoint.latest(runDir, notices);
    if (ck.isPresent()) {
      s.resumeFrom = ck.get();
      if (ck.get().epoch() >= cfg.epochs()) {
        notices.accept("the run already finished all " + cfg.epochs() + " epochs; nothing to resume");
      }
    } else {
      notices.accept("no valid checkpoint in " + runDir + "; starting again from epoch 1");
    }
    return s;
  }

  public TrainingConfig config() {
    return config;
  }

  /** The epoch the run starts after: 0 for a new run, N when resumed from epoch N's checkpoint. */
  public int startEpoch() {
    return resumeFrom == null ? 0 : resumeFrom.epoch();
  }

  /** Records checkpoints (each epoch) in this folder; its name becomes the run id. */
  public TrainingSession runFolder(Path folder) {
    this.runFolder = folder;
    return this;
  }

  public Optional<Path> runFolder() {
    return Optional.ofNullable(runFolder);
  }

  /** Uses an already loaded dataset instead of loading the configured one (tests, the app). */
  public TrainingSession dataset(ImageDataset data) {
    this.dataset = data;
    return this;
  }

  public TrainingSession addListener(RunEventListener l) {
    listeners.add(l);
    return this;
  }

  public void removeListener(RunEventListener l) {
    listeners.remove(l);
  }

  public State state() {
    return state;
  }

  /** The RunFinished or RunFailed that ended the run, once it ended. */
  public Optional<RunEvent> result() {
    return Optional.ofNullable(terminal);
  }

  /** Starts the training thread (once). */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("a session starts once; make a new one to train again");
    }
    state = State.RUNNING;
    thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
  }

  /** Pauses before the next batch (a RunPaused is emitted when it takes effect). */
  public void pause() {
    pauseRequested = true;
  }

  public void resume() {
    synchronized (lock) {
      pauseRequested = false;
      lock.notifyAll();
    }
  }

  /** Stops before the next batch; the run ends with RunFinished(completed = false). */
  public void stop() {
    synchronized (lock) {
      stopRequested = true;
      lock.notifyAll();
    }
  }

  /** Asks for an ActivationSnapshot of every probe between the next two batches (also while paused). */
  public void requestActivations() {
    synchronized (lock) {
      activationsWanted.set(true);
      lock.notifyAll();
    }
  }

  /** Waits for the thread to end; true if it ended in time. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return true;
    }
    t.join(Math.max(1, unit.toMillis(timeout)));
    return !t.isAlive();
  }

  // ------------------------------------------------------------------ the training thread

  private double elapsed() {
    return elapsedOffset + (System.nanoTime() - t0) / 1e9;
  }

  private void emit(RunEvent e) {
    for (RunEventListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("a run event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }

  /** A failure the loop reports as RunFailed with this message. */
  private static final class RunFailure extends RuntimeException {
    RunFailure(String message) {
      super(message);
    }
  }

  private void run() {
    t0 = System.nanoTime();
    if (resumeFrom != null) {
      elapsedOffset = resumeFrom.elapsed();
    }
    try {
      train();
    } catch (RunFailure f) {
      fail(f.getMessage());
    } catch (OutOfMemoryError oom) {
      fail("out of memory at epoch " + epoch + ", batch " + batch + ": " + oom.getMessage()
          + ". Use a smaller batch size or input size (or give the JVM more heap with -Xmx).");
    } catch (EngineException ee) {
      String msg = String.valueOf(ee.getMessage());
      String hint = msg.toLowerCase().contains("memory")
          ? " The device ran out of memory: use a smaller batch size or input size."
          : "";
      fail("the PyTorch engine failed at epoch " + epoch + ", batch " + batch + ": "
          + firstLine(msg) + "." + hint);
    } catch (Throwable t) {
      LOG.error("training failed", t);
      fail("training failed at epoch " + epoch + ", batch " + batch + ": " + t);
    }
  }

  private void fail(String message) {
    state = State.FAILED;
    RunEvent.RunFailed f = new RunEvent.RunFailed(elapsed(), epoch, batch, message);
    terminal = f;
    emit(f);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private void train() throws Exception {
    NetworkSpec spec = config.spec();
    int size = config.inputSize();
    ImageDataset data = dataset != null ? dataset : loadDataset();
    int channels = spec.inputChannels();
    if (data.classNames().size() != spec.numClasses()) {
      throw new RunFailure("the dataset " + data.name() + " has " + data.classNames().size()
          + " classes but " + spec.id() + " has " + spec.numClasses() + " outputs");
    }
    int[] trainIdx = BatchMaker.subset(data.trainImages().count(), config.maxTrainExamples(), config.seed());
    int[] testIdx = BatchMaker.subset(data.testImages().count(), config.maxTestExamples(), config.seed() + 1);
    int[] probes = probes(data);
    BatchMaker trainMaker = new BatchMaker(data.trainImages(), data.trainLabels(), channels, size);
    BatchMaker testMaker = new BatchMaker(data.testImages(), data.testLabels(), channels, size);
    int bs = config.batchSize();
    int batchesPerEpoch = (trainIdx.length + bs - 1) / bs;
    ShapeInference.Summary summary = ShapeInference.infer(spec, size);
    List<LayerSpec> units = spec.units(); // child i of the DJL block is unit i
    int firstConv = firstConvUnit(units);

    Device device;
    try {
      device = config.device().resolve();
    } catch (IllegalStateException e) {
      throw new RunFailure(e.getMessage());
    }
    EngineSupport.engine().setRandomSeed((int) config.seed());
    JniUtils.setGradMode(false); // autograd only inside a GradientCollector (grad mode is per thread)
    Block block = ToDjl.build(spec);
    try (Model model = Model.newInstance(spec.id(), device)) {
      model.setBlock(block);
      optimizer = optimizer();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(optimizer)
          .optDevices(new Device[] {device});
      if (config.init() == TrainingConfig.Init.XAVIER) {
        // PyTorch's xavier_uniform_ (d2l): U(±sqrt(6 / (fan_in + fan_out))) = DJL AVG factor, magnitude 3
        tc.optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
            XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
      }
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(new Shape(1, channels, size, size));
        int start = 0;
        if (resumeFrom != null) {
          resumeFrom.restoreInto(block);
          start = resumeFrom.epoch();
          step = resumeFrom.step();
        }
        String runId = runFolder != null ? runFolder.getFileName().toString() : newRunId(spec.id());
        emit(new RunEvent.RunStarted(elapsed(), runId, spec.id(), spec.title(), size, config.record(),
            DeviceChoice.describe(device), trainIdx.length, testIdx.length, batchesPerEpoch,
            data.classNames(), summary.totalParams(), summary.totalMacs(), start));

        double lastTestAcc = Double.NaN;
        ExampleTransform aug = config.augmentation().orElse(null);
        for (epoch = start + 1; epoch <= config.epochs(); epoch++) {
          long epochStart = System.nanoTime();
          long pausedNanos = 0;
          int[] order = trainIdx.clone();
          BatchMaker.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
          Random augRng = new Random(config.seed() * 31L + epoch);
          double lossSum = 0;
          long correct = 0;
          long seen = 0;
          long windowStart = System.nanoTime();
          long windowImages = 0;
          for (batch = 1; batch <= batchesPerEpoch; batch++) {
            long p = control(trainer, block, testMaker, probes, size);
            if (p < 0) {
              finish(false, epoch - 1, lastTestAcc);
              return;
            }
            pausedNanos += p;
            windowStart += p;
            int from = (batch - 1) * bs;
            int to = Math.min(trainIdx.length, from + bs);
            float loss;
            long right;
            try (NDManager bm = trainer.getManager().newSubManager()) {
              NDList xy = trainMaker.batch(bm, order, from, to, aug, augRng);
              NDList x = new NDList(xy.get(0));
              NDList y = new NDList(xy.get(1));
              TrainStep.Output out = TrainStep.forwardBackward(trainer, x, y, precision(), null);
              loss = out.lossValue();
              right = out.prediction().argMax(1).eq(y.singletonOrThrow()).countNonzero().getLong();
              if (!Float.isFinite(loss)) {
                throw new RunFailure("the loss became " + (Float.isNaN(loss) ? "NaN" : "infinite")
                    + " at epoch " + epoch + ", batch " + batch + " (learning rate " + config.learningRate()
                    + "): training diverged. Try a lower learning rate, e.g. " + (config.learningRate() / 10) + ".");
              }
              TrainStep.update(trainer, optimizer);
            }
            step++;
            int n = to - from;
            lossSum += (double) loss * n;
            correct += right;
            seen += n;
            windowImages += n;
            if (batch % config.metricsEvery() == 0 || batch == batchesPerEpoch) {
              long now = System.nanoTime();
              double ips = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
              emit(new RunEvent.BatchMetrics(elapsed(), epoch, batch, batchesPerEpoch, step,
                  lossSum / seen, (double) correct / seen, ips));
              windowStart = now;
              windowImages = 0;
            }
            if (batch % config.filterEvery() == 0 && batch != batchesPerEpoch) {
              emitFilters(block, units, firstConv);
            }
          }
          batch = batchesPerEpoch;
          emitFilters(block, units, firstConv);
          Evaluation ev = evaluate(trainer, testMaker, testIdx, spec.numClasses());
          if (ev == null) { // stopped during the evaluation: the epoch is not counted
            finish(false, epoch - 1, lastTestAcc);
            return;
          }
          lastTestAcc = ev.accuracy();
          double seconds = (System.nanoTime() - epochStart - pausedNanos) / 1e9;
          emit(new RunEvent.EpochMetrics(elapsed(), epoch, lossSum / seen, (double) correct / seen,
              ev.accuracy(), seconds));
          emit(new RunEvent.ConfusionMatrix(elapsed(), epoch, ev.counts(), testIdx, ev.predicted()));
          activations(trainer, block, testMaker, probes, size);
          if (runFolder != null) {
            Checkpoint.write(runFolder, block, epoch, step, elapsed());
          }
        }
        epoch = config.epochs();
        finish(true, config.epochs(), lastTestAcc);
      }
    }
  }

  private void finish(boolean completed, int epochsDone, double testAcc) {
    state = State.FINISHED;
    RunEvent.RunFinished f = new RunEvent.RunFinished(elapsed(), completed, epochsDone, testAcc);
    terminal = f;
    emit(f);
  }

  /**
   * Between batches: serves activation requests, waits while paused, notices stop. Returns the
   * nanoseconds spent paused, or -1 when the run must stop.
   */
  private long control(Trainer trainer, Block block, BatchMaker testMaker, int[] probes, int size) {
    if (activationsWanted.getAndSet(false)) {
      activations(trainer, block, testMaker, probes, size);
    }
    if (stopRequested) {
      return -1;
    }
    if (!pauseRequested) {
      return 0;
    }
    long start = System.nanoTime();
    state = State.PAUSED;
    emit(new RunEvent.RunPaused(elapsed(), epoch, batch));
    while (true) {
      boolean serve;
      synchronized (lock) {
        while (pauseRequested && !stopRequested && !activationsWanted.get()) {
          try {
            lock.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
          }
        }
        serve = activationsWanted.getAndSet(false);
      }
      if (serve) {
        activations(trainer, block, testMaker, probes, size);
        continue;
      }
      break;
    }
    long paused = System.nanoTime() - start;
    if (stopRequested) {
      return -1;
    }
    state = State.RUNNING;
    emit(new RunEvent.RunResumed(elapsed(), epoch, batch));
    return paused;
  }

  /** The arithmetic of the forward and backward passes (float32 unless the config asks for bf16). */
  private Precision precision() {
    return Precision.FP32;
  }

  private Optimizer optimizer() {
    float lr = (float) config.learningRate();
    float wd = (float) config.weightDecay();
    return switch (config.optimizer()) {
      // in place: DJL's own SGD copies every gradient twice per step (see InPlaceSgd); same arithmetic
      case SGD -> InPlaceSgd.builder().learningRate(lr).optWeightDecays(wd).build();
      case SGD_MOMENTUM -> InPlaceSgd.builder().learningRate(lr).momentum((float) config.momentum())
          .optWeightDecays(wd).build();
      case ADAM -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).optWeightDecays(wd).build();
    };
  }

  private ImageDataset loadDataset() throws IOException {
    Optional<Path> folder = config.datasetFolder();
    return folder.isPresent() ? ImageDataset.fromFolder(folder.get()) : ImageDataset.fashionMnist();
  }

  private int[] probes(ImageDataset data) {
    Optional<int[]> explicit = config.probeIndices();
    int count = data.testImages().count();
    if (explicit.isPresent()) {
      for (int p : explicit.get()) {
        if (p >= count) {
          throw new RunFailure("probe index " + p + " is outside the test set (" + count + " images)");
        }
      }
      return explicit.get();
    }
    return defaultProbes(data);
  }

  /** The first test image of each class, in class order. */
  public static int[] defaultProbes(ImageDataset data) {
    int classes = data.classNames().size();
    int[] first = new int[classes];
    java.util.Arrays.fill(first, -1);
    byte[] labels = data.testLabels().labels();
    int found = 0;
    for (int i = 0; i < labels.length && found < classes; i++) {
      int c = labels[i] & 0xff;
      if (first[c] < 0) {
        first[c] = i;
        found++;
      }
    }
    return java.util.Arrays.stream(first).filter(i -> i >= 0).toArray();
  }

  private static String newRunId(String model) {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + "-" + model;
  }

  /** The first unit that is a convolution (a network's "learned filters"), or -1 if it sits inside a branch. */
  static int firstConvUnit(List<LayerSpec> units) {
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i) instanceof LayerSpec.Conv) {
        return i;
      }
    }
    return -1;
  }

  private void emitFilters(Block block, List<LayerSpec> units, int firstConv) {
    if (firstConv >= 0) {
      emit(filters(block, units, firstConv));
    }
  }

  private RunEvent.FilterSnapshot filters(Block block, List<LayerSpec> leaves, int firstConv) {
    Block conv = block.getChildren().get(firstConv).getValue();
    NDArray w = conv.getParameters().get("weight").getArray();
    long[] s = w.getShape().getShape();
    int[] shape = new int[s.length];
    for (int i = 0; i < s.length; i++) shape[i] = (int) s[i];
    return new RunEvent.FilterSnapshot(elapsed(), epoch, batch, step, leaves.get(firstConv).name(),
        shape, w.toFloatArray());
  }

  private record Evaluation(double accuracy, int[][] counts, int[] predicted) {}

  private Evaluation evaluate(Trainer trainer, BatchMaker maker, int[] idx, int classes) {
    int[][] counts = new int[classes][classes];
    int[] predicted = new int[idx.length];
    int bs = Math.max(1, Math.min(config.batchSize(), 512));
    long right = 0;
    for (int from = 0; from < idx.length; from += bs) {
      if (stopRequested) {
        return null; // a stop during a long evaluation still lands within one batch
      }
      int to = Math.min(idx.length, from + bs);
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList xy = maker.batch(bm, idx, from, to, null, null);
        NDArray out = TrainStep.evaluate(trainer, new NDList(xy.get(0)), precision());
        long[] pred = out.argMax(1).toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < pred.length; i++) {
          int truth = maker.label(idx[from + i]);
          int p = (int) pred[i];
          predicted[from + i] = p;
          counts[truth][p]++;
          if (p == truth) right++;
        }
      }
    }
    return new Evaluation(idx.length == 0 ? Double.NaN : (double) right / idx.length, counts, predicted);
  }

  /**
   * One ActivationSnapshot per probe: the forward pass unit by unit in inference mode (a layer, or a
   * whole Inception or residual unit, whose output is its block's output).
   */
  private void activations(Trainer trainer, Block block, BatchMaker maker, int[] probes, int size) {
    ParameterStore ps = new ParameterStore(trainer.getManager(), false);
    List<LayerSpec> leaves = config.spec().units();
    var children = block.getChildren();
    for (int probe : probes) {
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList x = new NDList(maker.batch(bm, new int[] {probe}, 0, 1, null, null).get(0));
        float[] image = x.singletonOrThrow().toFloatArray();
        List<LayerActivation> layers = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
          Pair<String, Block> child = children.get(i);
          x = child.getValue().forward(ps, x, false);
          NDArray a = x.singletonOrThrow();
          long[] s = a.getShape().getShape();
          int[] shape = new int[s.length - 1];
          for (int d = 1; d < s.length; d++) shape[d - 1] = (int) s[d];
          LayerSpec leaf = leaves.get(i);
          layers.add(new LayerActivation(leaf.name(), leaf.type(), shape, a.toFloatArray()));
        }
        float[] probs = x.singletonOrThrow().softmax(1).toFloatArray();
        emit(new ActivationSnapshot(elapsed(), epoch, step, probe, maker.label(probe), size, image,
            layers, probs));
      }
    }
  }
}
