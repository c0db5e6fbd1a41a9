package studio.convnet.engine.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.runs.RunWriter;

/**
 * How long a run of a config will take on this machine, from a short real run of it: the same
 * session, data, probes and run folder (in a scratch folder, deleted after), cut to three short epochs.
 * Warm-up batches are not timed but their extra time is counted once (the warm-up lasts while the
 * JIT compiler is busy, see {@link SpeedSample}); batches are timed for a few seconds; then the epoch
 * is ended early ({@link TrainingSession#endEpoch()}) so that its evaluation (on a few test batches),
 * the per-epoch probes (filters, activations, where-it-looks maps, top patches) and the checkpoint run
 * and are timed too; a second and a third epoch of one batch each time them again, warm, and the
 * faster of the two counts (a one-off hiccup of a few test batches — the writer thread, the JIT, another
 * program — multiplied by every epoch made LeNet's evaluation read 1 100 images/s where the run
 * evaluated 20 000). The old estimate counted only the median batch speed and a guessed evaluation
 * speed, and read 22–38 % short.
 *
 * @param device where the probe ran
 * @param trainImagesPerSecond timed training images over timed seconds
 * @param evalImagesPerSecond test images evaluated per second (warm: the second evaluation)
 * @param startSeconds from start to the first batch: the model built and initialised
 * @param warmUpSeconds what the first batches, evaluation and probes take beyond the steady ones, once per run
 * @param epochSeconds per-epoch work besides batches and evaluation: probes, checkpoint, run files
 * @param uncertainty relative, from the batches' spread and how far the machine's hiccups slow them
 * @param timedBatches batches timed
 * @param warmUpBatches batches left untimed at the start
 * @param trainAvailable training images the dataset has (a config without a limit uses all)
 * @param testAvailable test images the dataset has
 * @param loadAverage the system's load average over the last minute when measured (NaN if unknown)
 * @param cores processors the JVM sees
 */
public record DurationEstimate(String device, double trainImagesPerSecond, double evalImagesPerSecond,
    double startSeconds, double warmUpSeconds, double epochSeconds, double uncertainty, int timedBatches,
    int warmUpBatches, int trainAvailable, int testAvailable, double loadAverage, int cores) {

  /** Epochs of the timing run: one of timed batches, then two of one batch to time evaluation and probes warm. */
  static final int PROBE_EPOCHS = 3;

  /** The uncertainty stated when an epoch is too short to time after a warm-up. */
  static final double FEW_BATCHES = 0.5;

  /** Floor of {@link #sure()}: a few seconds of timing cannot see everything a long run meets. */
  public static final double MIN_UNCERTAINTY = 0.1;

  /**
   * An estimate from a training speed alone (evaluation at three times it, nothing else counted), for
   * a known speed such as a recording's; FashionMNIST's 60 000 / 10 000 images.
   */
  public static DurationEstimate fromTrainingSpeed(double imagesPerSecond, String device) {
    return new DurationEstimate(device, imagesPerSecond, 3 * imagesPerSecond, 0, 0, 0, Double.NaN, 0, 0, 60_000,
        10_000, Double.NaN, Runtime.getRuntime().availableProcessors());
  }

  /** Seconds a run of this config takes: start, warm-up, then each epoch's batches, evaluation and probes. */
  public double seconds(TrainingConfig c) {
    return startSeconds + warmUpSeconds
        + c.epochs() * (trainImages(c) / trainImagesPerSecond + testImages(c) / evalImagesPerSecond + epochSeconds);
  }

  /**
   * This estimate for a run started in the same process right after the timing run, as the app's
   * "Estimate duration" then "Train": the timing has warmed the JIT, oneDNN's kernels for these shapes
   * and the allocator's pools, so the warm-up and the first epoch's extra are not paid again (they
   * are, once, by a run in a new process, as the CLI's {@code train --estimate} then {@code train}).
   */
  public DurationEstimate warmedUp() {
    return new DurationEstimate(device, trainImagesPerSecond, evalImagesPerSecond, startSeconds, 0, epochSeconds,
        uncertainty, timedBatches, warmUpBatches, trainAvailable, testAvailable, loadAverage, cores);
  }

  /** Training images per epoch for this config on the measured dataset. */
  public int trainImages(TrainingConfig c) {
    return c.maxTrainExamples() <= 0 ? trainAvailable : Math.min(c.maxTrainExamples(), trainAvailable);
  }

  public int testImages(TrainingConfig c) {
    return c.maxTestExamples() <= 0 ? testAvailable : Math.min(c.maxTestExamples(), testAvailable);
  }

  /** The least uncertainty stated when other programs keep the CPU busy: their load comes and goes. */
  public static final double BUSY_UNCERTAINTY = 0.3;

  /**
   * The relative uncertainty to state: the measured one, at least {@link #MIN_UNCERTAINTY}, and at least
   * {@link #BUSY_UNCERTAINTY} on a busy machine (there a load that fell by 3× after the timing made a
   * real AlexNet run 45 % shorter than estimated; a few seconds of timing cannot see that coming).
   */
  public double sure() {
    if (!Double.isFinite(uncertainty)) {
      return Double.NaN;
    }
    return Math.max(busyMachine() ? BUSY_UNCERTAINTY : MIN_UNCERTAINTY, uncertainty);
  }

  /** Whether other programs kept the CPU busy while timing (load average above the cores). */
  public boolean busyMachine() {
    return Double.isFinite(loadAverage) && loadAverage > cores;
  }

  /**
   * One line: the measured speeds, the time for the config, how sure, and what was timed — e.g. "Measured
   * 3 150 training and 9 800 test images/s on CPU → about 31 s for 6 epochs of 12,000 images (±12 %:
   * 40 batches timed after 7 to warm up; start, evaluation and per-epoch probes included)".
   */
  public String describe(TrainingConfig c) {
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
        "Measured %.0f training images/s on %s → about %s for %d epoch%s of %,d images", trainImagesPerSecond,
        device, human(seconds(c)), c.epochs(), c.epochs() == 1 ? "" : "s", trainImages(c)));
    if (Double.isFinite(uncertainty)) {
      b.append(String.format(java.util.Locale.ROOT, " (±%.0f %%: %d batches timed after %d to warm up;"
          + " start, evaluation at %.0f images/s and %.1f s of probes per epoch included)", 100 * sure(),
          timedBatches, warmUpBatches, evalImagesPerSecond, epochSeconds));
    }
    b.append('.');
    if (busyMachine()) {
      b.append(String.format(java.util.Locale.ROOT, " Other programs were using the CPU (load %.1f on %d cores):"
          + " if they keep on, the run takes longer.", loadAverage, cores));
    }
    return b.toString();
  }

  /** Where the time goes: "start 1.1 s, first epoch's extra 2.3 s; per epoch: training 23.8 s, …". */
  public String breakdown(TrainingConfig c) {
    return String.format(java.util.Locale.ROOT, "start %.1f s, warm-up and the first epoch's extra %.1f s;"
        + " per epoch: training %.1f s, evaluation %.1f s, probes and checkpoint %.1f s", startSeconds, warmUpSeconds,
        trainImages(c) / trainImagesPerSecond, testImages(c) / evalImagesPerSecond, epochSeconds);
  }

  /** "42 s", "3 min 5 s", "2 h 10 min"; "—" when not finite. */
  public static String human(double secs) {
    if (!Double.isFinite(secs)) {
      return "—";
    }
    long s = Math.round(secs);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
  }

  /**
   * Measures a config on this machine (blocks: seconds for LeNet, about a minute for AlexNet at 224).
   *
   * @throws IllegalStateException when the probe run fails (its message says why)
   */
  public static DurationEstimate measure(TrainingConfig config, ImageDataset data)
      throws IOException, InterruptedException {
    return measure(config, data, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** As {@link #measure(TrainingConfig, ImageDataset)}, its scratch run folder made under {@code scratchParent}. */
  static DurationEstimate measure(TrainingConfig config, ImageDataset data, Path scratchParent)
      throws IOException, InterruptedException {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int b = config.batchSize();
    int trainAvail = data.trainImages().count();
    int testAvail = data.testImages().count();
    int evalBatch = Math.max(1, Math.min(b, 512));
    int testAll = config.maxTestExamples() <= 0 ? testAvail : Math.min(config.maxTestExamples(), testAvail);
    // Epoch 1 runs over the whole training set, however small the config's subset, and is ended early
    // once the batches are timed: a subset's epoch can be over before a fresh JVM's JIT is (lenet-quick's
    // 188 batches took 2.5-3 s), and timing those cold batches made its estimate 1.4-1.5x the real run.
    TrainingConfig probe = config.toBuilder().setEpochs(PROBE_EPOCHS)
        .optMaxTrainExamples(trainAvail)
        .optMaxTestExamples(Math.max(1, Math.min(testAll, 4 * evalBatch))).optMetricsEvery(1).build();
    Path scratch = Files.createTempDirectory(scratchParent, "convnet-estimate");
    try {
      RunWriter writer = RunWriter.create(scratch, probe.record(), probe.spec());
      TrainingSession session = new TrainingSession(probe).dataset(data).runFolder(writer.folder());
      Timeline t = new Timeline(b, session);
      session.addListener(writer);
      session.addListener(t::onEvent);
      try {
        session.start();
        if (!session.await(30, TimeUnit.MINUTES)) {
          session.stop();
          session.await(30, TimeUnit.SECONDS);
          throw new IllegalStateException("the timing run did not end within 30 minutes");
        }
      } finally {
        writer.close();
      }
      return t.estimate(Math.max(1, probe.maxTestExamples()), trainAvail, testAvail, load);
    } finally {
      deleteTree(scratch);
    }
  }

  /**
   * The probe run's moments, as its events report them (on the training thread). Epoch 1 is ended once
   * its batches are timed, epochs 2 and 3 after their first batch: their evaluation and probes are what
   * every later epoch costs (the faster of the two), epoch 1's (cold: new kernels, first writes, the
   * JIT) cost more once.
   */
  private static final class Timeline {
    private static final int E = PROBE_EPOCHS + 1;
    private final SpeedSample sample;
    private final int batchSize;
    private final TrainingSession session;
    private final AtomicReference<String> error = new AtomicReference<>();
    private final double[] lastBatch = nans(E);
    private final double[] firstBatch = nans(E); // epoch 2 and 3's (single) batch ended
    private final double[] evaluated = nans(E);
    private volatile String device = "?";
    private volatile double started = Double.NaN;
    private volatile double finished = Double.NaN;

    Timeline(int batchSize, TrainingSession session) {
      this.sample = new SpeedSample(batchSize);
      this.batchSize = batchSize;
      this.session = session;
    }

    private static double[] nans(int n) {
      double[] a = new double[n];
      java.util.Arrays.fill(a, Double.NaN);
      return a;
    }

    /** The JVM's JIT compilation time so far, ms (NaN when the JVM does not count it). */
    private static double jitMillis() {
      var jit = ManagementFactory.getCompilationMXBean();
      return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : Double.NaN;
    }

    synchronized void onEvent(RunEvent e) {
      if (e instanceof RunEvent.RunStarted s) {
        device = s.device();
        started = s.elapsed();
      } else if (e instanceof RunEvent.BatchMetrics m && m.epoch() < E) {
        lastBatch[m.epoch()] = m.elapsed();
        if (m.epoch() == 1 && sample.add(m.imagesPerSecond(), m.elapsed(), jitMillis())) {
          session.endEpoch();
        } else if (m.epoch() > 1) {
          firstBatch[m.epoch()] = Double.isNaN(firstBatch[m.epoch()]) ? m.elapsed() : firstBatch[m.epoch()];
          session.endEpoch();
        }
      } else if (e instanceof RunEvent.EpochMetrics m && m.epoch() < E) {
        evaluated[m.epoch()] = m.elapsed();
      } else if (e instanceof RunEvent.RunFinished f) {
        finished = f.elapsed();
      } else if (e instanceof RunEvent.RunFailed f) {
        error.set(f.message());
      }
    }

    synchronized DurationEstimate estimate(int testImages, int trainAvail, int testAvail, double load) {
      if (error.get() != null) {
        throw new IllegalStateException(error.get());
      }
      double ips = sample.throughput();
      double warm = sample.warmUpExtra(started);
      double unsure = sample.spread();
      int timed = sample.timedBatches();
      int warmUp = sample.warmUpBatches();
      if (!(ips > 0) && warmUp > 0 && lastBatch[1] > started) {
        // an epoch too short to time after the warm-up (a small subset): all its batches, warm-up included
        ips = warmUp * (double) batchSize / (lastBatch[1] - started);
        warm = 0;
        unsure = FEW_BATCHES;
        timed = warmUp;
        warmUp = 0;
      }
      if (!(ips > 0) || Double.isNaN(evaluated[PROBE_EPOCHS]) || Double.isNaN(finished)) {
        throw new IllegalStateException("the timing run ended before a batch was timed");
      }
      double oneBatch = batchSize / ips;
      // each epoch's probes end when the next epoch's first batch begins (the last's when the run ends)
      double[] probes = nans(E);
      for (int k = 1; k < E; k++) {
        double next = k + 1 < E ? firstBatch[k + 1] - oneBatch : finished;
        probes[k] = Math.max(0, next - evaluated[k]);
      }
      double evalCold = evaluated[1] - lastBatch[1];
      double evalWarm = Math.max(1e-3, Math.min(evaluated[2] - lastBatch[2], evaluated[3] - lastBatch[3]));
      double probesWarm = Math.min(probes[2], probes[3]);
      return of(device, ips, testImages, evalCold, evalWarm, probes[1], probesWarm, started, warm, unsure, timed,
          warmUp, trainAvail, testAvail, load);
    }
  }

  /**
   * The estimate from a timing run's phases: training speed, the seconds the evaluation of {@code
   * testImages} and the probes took in the first (cold) epoch and in a warm one, the start and the
   * warm-up's extra time. What epoch 1 took beyond a warm epoch is counted once, with the warm-up.
   */
  static DurationEstimate of(String device, double trainImagesPerSecond, int testImages, double evalColdSeconds,
      double evalWarmSeconds, double probesColdSeconds, double probesWarmSeconds, double startSeconds,
      double warmUpExtraSeconds, double uncertainty, int timedBatches, int warmUpBatches, int trainAvailable,
      int testAvailable, double loadAverage) {
    double firstEpoch = Math.max(0, evalColdSeconds - evalWarmSeconds) + Math.max(0, probesColdSeconds - probesWarmSeconds);
    return new DurationEstimate(device, trainImagesPerSecond, testImages / evalWarmSeconds, startSeconds,
        warmUpExtraSeconds + firstEpoch, probesWarmSeconds, uncertainty, timedBatches, warmUpBatches, trainAvailable,
        testAvailable, loadAverage, Runtime.getRuntime().availableProcessors());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
