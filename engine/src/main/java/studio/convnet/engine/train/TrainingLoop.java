package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ExampleTransform;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.runs.Checkpoint;

/**
 * The training thread's work for one {@link TrainingSession}: load, build, then epochs of batches
 * with a control check between batches, an evaluation and the probes after each epoch, and a
 * checkpoint when there is a run folder. Every batch's arrays live in a sub-manager closed in
 * {@code finally}; evaluation and probes run in inference mode with autograd off.
 */
final class TrainingLoop {

  /** A failure the session reports as RunFailed with this message. */
  static final class RunFailure extends RuntimeException {
    RunFailure(String message) {
      super(message);
    }
  }

  private final TrainingSession session;
  private final SessionControl control;
  private final TrainingConfig config;
  private final ImageDataset given;
  private final Checkpoint resumeFrom;
  private final Path runFolder;

  private final long t0 = System.nanoTime();
  private final double elapsedOffset;
  private int epoch;
  private int batch;
  private LookProbe looks;
  private BatchMaker lookMaker;
  private long step;

  TrainingLoop(TrainingSession session, SessionControl control, ImageDataset given, Checkpoint resumeFrom,
      Path runFolder, double elapsedFloor) {
    this.session = session;
    this.control = control;
    this.config = session.config();
    this.given = given;
    this.resumeFrom = resumeFrom;
    this.runFolder = runFolder;
    this.elapsedOffset = resumeFrom == null ? 0 : Math.max(resumeFrom.elapsed(), elapsedFloor);
  }

  double elapsed() {
    return elapsedOffset + (System.nanoTime() - t0) / 1e9;
  }

  int epoch() {
    return epoch;
  }

  int batch() {
    return batch;
  }

  void run() throws IOException {
    NetworkSpec spec = config.spec();
    int size = config.inputSize();
    ImageDataset data = given != null ? given : loadDataset();
    if (data.classNames().size() != spec.numClasses()) {
      throw new RunFailure("the dataset " + data.name() + " has " + data.classNames().size()
          + " classes but " + spec.id() + " has " + spec.numClasses() + " outputs");
    }
    int[] trainIdx = BatchMaker.subset(data.trainImages().count(), config.maxTrainExamples(), config.seed());
    int[] testIdx = BatchMaker.subset(data.testImages().count(), config.maxTestExamples(), config.seed() + 1);
    int channels = spec.inputChannels();
    BatchMaker trainMaker = new BatchMaker(data.trainImages(), data.trainLabels(), channels, size);
    BatchMaker testMaker = new BatchMaker(data.testImages(), data.testLabels(), channels, size);
    Probes probes = new Probes(spec, Probes.indices(config, data), testMaker, size);
    TopPatchProbe patchProbe = TopPatchProbe.forNetwork(spec, size, testIdx).orElse(null);
    looks = new LookProbe(spec);
    lookMaker = testMaker;
    int bs = config.batchSize();
    int batchesPerEpoch = (trainIdx.length + bs - 1) / bs;
    ShapeInference.Summary summary = ShapeInference.infer(spec, size);

    Device device;
    try {
      device = config.device().resolve();
    } catch (IllegalStateException e) {
      throw new RunFailure(e.getMessage());
    }
    if (config.precision() == Precision.BF16) {
      if (device.isGpu()) {
        throw new RunFailure("bf16 mixed precision is built on PyTorch's CPU autocast; the device is " + device
            + ": use the CPU or fp32");
      }
      if (!Autocast.available()) {
        throw new RunFailure("bf16 mixed precision is not available in this PyTorch: "
            + Autocast.unavailableReason().orElse("the autocast functions were not found"));
      }
    }
    EngineSupport.engine().setRandomSeed((int) config.seed());
    JniUtils.setGradMode(false); // autograd only inside a GradientCollector (grad mode is per thread)
    try (Trainers.Setup setup = Trainers.open(config, device);
        HealthProbe health = new HealthProbe(spec, setup.block(), probes.indices(), testMaker)) {
      Trainer trainer = setup.trainer();
      Block block = setup.block();
      int start = 0;
      if (resumeFrom != null) {
        ResumeState.restore(resumeFrom, block, setup.optimizer(), config, trainIdx, session::warn);
        start = resumeFrom.epoch();
        step = resumeFrom.step();
      }
      String runId = runFolder != null ? runFolder.getFileName().toString() : newRunId(spec.id());
      session.emit(new RunEvent.RunStarted(elapsed(), runId, spec.id(), spec.title(), size, config.record(),
          DeviceChoice.describe(device) + (setup.halves() != null ? ", " + setup.batchMode() : ""), trainIdx.length, testIdx.length, batchesPerEpoch,
          data.classNames(), summary.totalParams(), summary.totalMacs(), start));
      if (start == 0) {
        session.emit(health.record(trainer.getManager(), elapsed(), 0, 0, batchesPerEpoch, step));
      } else {
        health.remember(); // the restored weights are those of the checkpoint epoch's own record
      }

      double lastTestAcc = Double.NaN;
      int lastCheckpoint = start;
      DivergenceGuard guard = new DivergenceGuard(spec.numClasses(), config.learningRate());
      ExampleTransform aug = config.augmentation().orElse(null);
      for (epoch = start + 1; epoch <= config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        long pausedNanos = 0;
        // all of an epoch's randomness comes from (seed, epoch): a resume at its start replays it exactly
        int[] order = ResumeState.order(trainIdx, config.seed(), epoch);
        Random augRng = ResumeState.augmentation(config.seed(), epoch);
        EngineSupport.engine().setRandomSeed(ResumeState.engineSeed(config.seed(), epoch));
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        long windowStart = System.nanoTime();
        long windowImages = 0;
        for (batch = 1; batch <= batchesPerEpoch; batch++) {
          stopIfUnrecorded(lastCheckpoint);
          long p = between(trainer, block, probes);
          if (p < 0) {
            session.finish(elapsed(), false, epoch - 1, lastTestAcc);
            return;
          }
          pausedNanos += p;
          windowStart += p;
          if (seen > 0 && control.takeEndEpochRequest()) {
            break; // the rest of the epoch is skipped; its evaluation and probes follow as usual
          }
          int from = (batch - 1) * bs;
          int to = Math.min(trainIdx.length, from + bs);
          Trainers.Step result;
          boolean healthDue = HealthProbe.due(epoch, batch, batchesPerEpoch);
          try (NDManager bm = trainer.getManager().newSubManager()) {
            result = Trainers.step(setup, trainMaker.batch(bm, order, from, to, aug, augRng), true, precision(), false,
                null, healthDue ? health::tap : null);
          }
          for (String fault : setup.takeFaults()) {
            session.warn("epoch " + epoch + ", batch " + batch + ": a step's result was implausible (" + fault
                + "); the second result was used, so one computation was faulty, not the network");
          }
          Optional<String> diverged = guard.check(result.loss(), epoch, batch);
          if (diverged.isPresent()) {
            throw new RunFailure(diverged.get());
          }
          step++;
          int n = to - from;
          lossSum += (double) result.loss() * n;
          correct += result.correct();
          seen += n;
          windowImages += n;
          if (batch % config.metricsEvery() == 0 || batch == batchesPerEpoch) {
            long now = System.nanoTime();
            double ips = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
            session.emit(new RunEvent.BatchMetrics(elapsed(), epoch, batch, batchesPerEpoch, step,
                lossSum / seen, (double) correct / seen, ips));
            windowStart = now;
            windowImages = 0;
          }
          if (healthDue && batch != batchesPerEpoch) {
            session.emit(health.record(trainer.getManager(), elapsed(), epoch, batch, batchesPerEpoch, step));
          }
          if (batch % config.filterEvery() == 0 && batch != batchesPerEpoch && probes.hasFilters()) {
            session.emit(probes.filters(block, elapsed(), epoch, batch, step));
          }
        }
        int trained = Math.min(batch - 1, batchesPerEpoch); // fewer when the epoch was ended early
        batch = batchesPerEpoch;
        session.emit(health.record(trainer.getManager(), elapsed(), epoch, trained, batchesPerEpoch, step));
        if (probes.hasFilters()) {
          session.emit(probes.filters(block, elapsed(), epoch, batch, step));
        }
        Evaluation ev = evaluate(setup, testMaker, testIdx, spec.numClasses());
        if (ev == null) { // stopped during the evaluation: the epoch is not counted
          session.finish(elapsed(), false, epoch - 1, lastTestAcc);
          return;
        }
        lastTestAcc = ev.accuracy();
        double seconds = (System.nanoTime() - epochStart - pausedNanos) / 1e9;
        session.emit(new RunEvent.EpochMetrics(elapsed(), epoch, lossSum / seen, (double) correct / seen,
            ev.accuracy(), seconds));
        session.emit(new RunEvent.ConfusionMatrix(elapsed(), epoch, ev.counts(), testIdx, ev.predicted()));
        probes.activations(trainer, block, this::elapsed, epoch, step, session::emit);
        looks.probeImages(block, trainer.getManager(), testMaker, probes.indices(), channels, size, this::elapsed,
            epoch, step, session::emit);
        if (patchProbe != null) {
          patchProbe.runTimed(block, trainer.getManager(), testMaker, channels, size, elapsed(), epoch, step,
              control::stopRequested, session::emit);
        }
        if (runFolder != null) {
          session.awaitWritten(); // the epoch's events are on disk before its checkpoint
          stopIfUnrecorded(lastCheckpoint); // and all of them, or no checkpoint
          String failed = ResumeState.checkpoint(runFolder, block, setup.optimizer(), config, trainIdx, epoch, step,
              elapsed());
          if (failed == null) {
            lastCheckpoint = epoch;
          } else if (epoch < config.epochs()) {
            // without checkpoints a crash would cost more than an epoch: stop while the folder is whole
            throw new RunFailure(failed + "; training stopped after epoch " + epoch + ". " + resumable(lastCheckpoint));
          } else {
            session.warn(failed + ": the run is complete and recorded, only its final weights are not saved");
          }
        }
      }
      epoch = config.epochs();
      session.finish(elapsed(), true, config.epochs(), lastTestAcc);
    }
  }

  /** Stops the run (RunFailed naming the file) when a listener could not record an event. */
  private void stopIfUnrecorded(int lastCheckpoint) {
    Optional<String> failure = session.recordingFailure();
    if (failure.isPresent()) {
      throw new RunFailure(failure.get() + "; training stopped at epoch " + epoch + ", batch " + batch + ". "
          + resumable(lastCheckpoint));
    }
  }

  private static String resumable(int lastCheckpoint) {
    return "What was recorded before stays readable; "
        + (lastCheckpoint > 0 ? "a resume continues after epoch " + lastCheckpoint
            : "there is no checkpoint yet, so a resume starts again at epoch 1")
        + " once there is space";
  }

  /**
   * Between batches: serves activation requests, waits while paused, notices stop. Returns the
   * nanoseconds spent paused, or -1 when the run must stop.
   */
  private long between(Trainer trainer, Block block, Probes probes) {
    serve(trainer, block, probes);
    if (control.stopRequested()) {
      return -1;
    }
    if (!control.pauseRequested()) {
      return 0;
    }
    long start = System.nanoTime();
    session.state(TrainingSession.State.PAUSED);
    session.emit(new RunEvent.RunPaused(elapsed(), epoch, batch));
    while (control.awaitWhilePaused()) {
      serve(trainer, block, probes);
    }
    long paused = System.nanoTime() - start;
    if (control.stopRequested()) {
      return -1;
    }
    session.state(TrainingSession.State.RUNNING);
    session.emit(new RunEvent.RunResumed(elapsed(), epoch, batch));
    return paused;
  }

  /** Activations for the probes when asked for, and an own image when one waits. */
  private void serve(Trainer trainer, Block block, Probes probes) {
    if (control.takeActivationRequest()) {
      probes.activations(trainer, block, this::elapsed, epoch, step, session::emit);
    }
    int[] look = control.takeLook();
    if (look != null && looks != null) {
      int count = lookMaker.count();
      if (look[0] >= 0 && look[0] < count) {
        looks.look(block, trainer.getManager(), lookMaker, look[0], look[1], config.spec().inputChannels(),
            config.inputSize(), new LookProbe.Meta(elapsed(), epoch, step, look[0], lookMaker.label(look[0])))
            .forEach(session::emit);
      } else {
        session.warn("no test image " + look[0] + " to look at (the test set has " + count + ")");
      }
    }
    OwnImage own = control.takeImage();
    if (own != null) {
      own.done().accept(own.forward(block, trainer.getManager(), config.spec().units(), config.inputSize(),
          elapsed(), epoch, step));
    }
  }

  private ImageDataset loadDataset() throws IOException {
    return config.datasetFolder().isPresent() ? ImageDataset.fromFolder(config.datasetFolder().get())
        : ImageDataset.fashionMnist();
  }

  private static String newRunId(String model) {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + "-" + model;
  }

  private Precision precision() {
    return config.precision();
  }

  private record Evaluation(double accuracy, int[][] counts, int[] predicted) {}

  private Evaluation evaluate(Trainers.Setup setup, BatchMaker maker, int[] idx, int classes) {
    int[][] counts = new int[classes][classes];
    int[] predicted = new int[idx.length];
    int bs = Math.max(1, Math.min(config.batchSize(), 512));
    long right = 0;
    for (int from = 0; from < idx.length; from += bs) {
      if (control.stopRequested()) {
        return null; // a stop during a long evaluation still lands within one batch
      }
      int to = Math.min(idx.length, from + bs);
      try (NDManager bm = setup.trainer().getManager().newSubManager()) {
        NDList xy = maker.batch(bm, idx, from, to, null, null);
        NDArray out = Trainers.evaluate(setup, new NDList(xy.get(0)), precision());
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
}
