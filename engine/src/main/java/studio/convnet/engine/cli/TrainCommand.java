package studio.convnet.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.runs.RunFolder;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.Presets;
import studio.convnet.engine.train.Precision;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.TrainingSession;

/** {@code convnet train}: trains a zoo model on FashionMNIST (or a folder), recording a run folder. */
@Command(name = "train", sortOptions = false,
    description = {"Train a network for real and record the run in runs/<date>-<model>/.",
        "Unset options take the book's settings for the model (LeNet: SGD lr 0.9, batch 256, 10 epochs;"
            + " lenet-modern: Adam lr 0.001, batch 256, 5 epochs; AlexNet: SGD lr 0.01, batch 128, 10 epochs)."})
final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand ConvNetCli cli;

  @Option(names = "--model", description = "zoo model (default: lenet)") String model;
  @Option(names = "--preset", paramLabel = "ID",
      description = "start from a named preset (see --list-presets); other options change it") String preset;
  @Option(names = "--list-presets", description = "list the presets and exit") boolean listPresets;
  @Option(names = "--network", paramLabel = "FILE",
      description = "train the network in this file (a saved variant); settings still come from --preset or --model")
  Path network;
  @Option(names = "--input", description = "input side length (default: the model's)") Integer input;
  @Option(names = "--batch-size") Integer batchSize;
  @Option(names = "--lr", description = "learning rate") Double lr;
  @Option(names = "--optimizer", description = "sgd, sgd-momentum or adam") String optimizer;
  @Option(names = "--momentum", description = "for sgd-momentum (default 0.9)") Double momentum;
  @Option(names = "--weight-decay") Double weightDecay;
  @Option(names = "--epochs") Integer epochs;
  @Option(names = "--init", description = "xavier (the book) or default (DJL's)") String init;
  @Option(names = "--seed") Long seed;
  @Option(names = "--train-limit", description = "train on a fixed seeded subset of N examples") Integer trainLimit;
  @Option(names = "--test-limit", description = "evaluate on a fixed seeded subset of N test examples") Integer testLimit;
  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})") String device;
  @Option(names = "--data", description = "folder of MNIST-layout IDX files (default: embedded FashionMNIST)") Path data;
  @Option(names = "--out", defaultValue = "runs", description = "where run folders go (default: ${DEFAULT-VALUE})") Path out;
  @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a stopped or crashed run from its last checkpoint") Path resume;
  @Option(names = "--augment", arity = "1..*", paramLabel = "SPEC", description = "augmentation, e.g. hflip:p=0.5 crop:scale=0.6-1 (see docs/augmentation.md)") List<String> augment;
  @Option(names = "--filter-every", description = "filter snapshot every N batches") Integer filterEvery;
  @Option(names = "--probes", split = ",", paramLabel = "I,J,...",
      description = "test images whose activations are recorded each epoch (default: one per class)")
  int[] probes;
  @Option(names = "--metrics-every", description = "batch metrics every N batches") Integer metricsEvery;
  @Option(names = "--precision", description = "fp32 (default) or bf16: mixed precision through PyTorch's CPU autocast") String precision;
  @Option(names = "--json", description = "print the events as JSON lines on stdout") boolean json;
  @Option(names = "--estimate", description = "time a short real run of these settings, print how long the"
      + " whole run would take, and exit (the app's Estimate duration)") boolean estimate;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listPresets) {
      for (Presets.Preset p : Presets.all()) {
        TrainingConfig c = p.config();
        o.printf(Locale.ROOT, "%-18s %s: %s%n%18s %s%n", p.id(), p.title(), c.record(), "", p.note());
      }
      return 0;
    }
    TrainingSession session;
    RunWriter writer;
    if (resume != null) {
      if (!Files.isDirectory(resume)) {
        throw new CliException(resume + ": no such run folder");
      }
      if (input != null || batchSize != null || lr != null || optimizer != null || momentum != null
          || weightDecay != null || epochs != null || init != null || seed != null || trainLimit != null
          || testLimit != null || data != null || augment != null) {
        err.println("note: --resume takes every training setting from " + resume.resolve("config.json"));
      }
      List<String> notices = new ArrayList<>();
      session = TrainingSession.resumeFrom(resume, null, notices::add);
      notices.forEach(n -> err.println("note: " + n));
      if (session.startEpoch() >= session.config().epochs()) {
        throw new CliException(resume + ": the run already finished all " + session.config().epochs() + " epochs");
      }
      ImageDataset dataset = loadData(session.config(), "the recorded dataset");
      writer = RunWriter.append(resume, n -> err.println("note: " + n));
      session.dataset(dataset);
    } else {
      TrainingConfig config = config();
      if (data != null && !Files.isDirectory(data)) {
        throw new CliException("--data " + data + ": not a folder");
      }
      try {
        config.device().resolve(); // fail now (exit 2) if a GPU was asked for and there is none
      } catch (IllegalStateException e) {
        throw new CliException(e.getMessage());
      }
      ImageDataset dataset = loadData(config, "--data");
      if (estimate) {
        DurationEstimate e = DurationEstimate.measure(config, dataset);
        o.println(e.describe(config));
        o.println("(" + e.breakdown(config) + ")");
        return 0;
      }
      writer = RunWriter.create(out, config.record(), config.spec());
      session = new TrainingSession(config).dataset(dataset);
    }
    session.runFolder(writer.folder()).addListener(writer).onWarning(w -> { }); // printed once, at the end
    Progress progress = new Progress(err, session.config().epochs(), cli != null && cli.terminal);
    if (json) {
      session.addListener(e -> {
        synchronized (o) {
          o.println(EventCodec.toJson(e));
          o.flush();
        }
      });
    } else {
      session.addListener(progress);
    }
    Thread hook = new Thread(() -> {
      session.stop();
      try {
        session.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // exiting anyway
      }
      writer.close();
    }, "convnet-train-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      session.start();
      while (!session.await(1, TimeUnit.SECONDS)) {
        // waiting for the training thread
      }
    } finally {
      writer.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
    RunEvent end = session.result().orElseThrow();
    if (!json) {
      progress.end();
      o.println("run folder: " + writer.folder().toAbsolutePath());
      if (progress.lastEpoch != null) {
        RunEvent.EpochMetrics m = progress.lastEpoch;
        o.printf(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, test acc %.4f (%.1f s)%n",
            m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testAccuracy(), m.seconds());
      }
    }
    if (end instanceof RunEvent.RunFailed f) {
      // one line; a full disk names the file, says what stays readable and how to go on
      err.println("error: " + f.message() + (writer.failure().isPresent() || f.message().startsWith("disk full")
          ? " (then: convnet train --resume " + writer.folder() + ")" : ""));
      return 1;
    }
    RunEvent.RunFinished f = (RunEvent.RunFinished) end;
    if (!json) {
      o.printf(Locale.ROOT, "%s after %d epochs in %.1f s; final test accuracy %.4f%n",
          f.completed() ? "finished" : "stopped", f.epochsDone(), f.elapsed(), f.testAccuracy());
      chanceNote(f.testAccuracy(), progress.classes, session.config().model()).ifPresent(o::println);
    }
    session.warnings().forEach(w -> err.println("warning: " + w));
    writer.failure().ifPresent(w -> err.println("warning: the run folder is incomplete: " + w));
    return 0;
  }

  /**
   * Loads and checks the data before any run folder is made or touched: a truncated, empty, wrong
   * or mismatched IDX file exits 2 with one line naming the file and the problem.
   */
  static ImageDataset loadData(TrainingConfig config, String what) {
    Path folder = config.datasetFolder().orElse(null);
    try {
      ImageDataset d = ImageDataset.load(folder);
      d.checkFits(config.spec().numClasses());
      return d;
    } catch (IOException | IllegalArgumentException e) {
      String where = folder == null ? "" : what + " " + folder + ": ";
      String msg = RunFolder.reason(e);
      throw new CliException(folder != null && msg.startsWith(folder.toString()) ? msg : where + msg);
    } catch (OutOfMemoryError e) {
      throw new CliException((folder == null ? "the dataset" : what + " " + folder)
          + ": too large for this JVM's heap (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)");
    }
  }

  TrainingConfig config() throws IOException {
    if (preset != null && model != null) {
      throw new CliException("--preset " + preset + " sets the model: leave out --model " + model);
    }
    TrainingConfig.Builder b = preset != null ? Presets.get(preset).builder()
        : TrainingConfig.bookDefaults(model == null ? "lenet" : model);
    if (network != null) b.setModel(NetworkFile.load(network));
    if (input != null && input < 1) throw new CliException("--input must be between 1 and 1024, got " + input);
    if (input != null) b.optInputSize(input);
    if (batchSize != null) b.setBatchSize(batchSize);
    if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
      throw new CliException("--lr must be a positive number, got " + lr);
    }
    if (lr != null) b.setLearningRate(lr);
    if (optimizer != null) b.optOptimizer(TrainingConfig.parseEnum(TrainingConfig.OptimizerKind.class, "--optimizer", optimizer));
    if (momentum != null) b.optMomentum(momentum);
    if (weightDecay != null) b.optWeightDecay(weightDecay);
    if (epochs != null) b.setEpochs(epochs);
    if (init != null) b.optInit(TrainingConfig.parseEnum(TrainingConfig.Init.class, "--init", init));
    if (seed != null) b.optSeed(seed);
    if (precision != null) b.optPrecision(TrainingConfig.parseEnum(Precision.class, "--precision", precision));
    if (trainLimit != null) {
      if (trainLimit < 1) throw new CliException("--train-limit must be ≥ 1, got " + trainLimit);
      b.optMaxTrainExamples(trainLimit);
    }
    if (testLimit != null) {
      if (testLimit < 1) throw new CliException("--test-limit must be ≥ 1, got " + testLimit);
      b.optMaxTestExamples(testLimit);
    }
    b.optDevice(DeviceChoice.parse(device));
    if (data != null) b.optDatasetFolder(data.toAbsolutePath().normalize()); // resumable from any directory
    if (augment != null) {
      // the same pipeline (and code path) the app's augmentation lab previews
      AugmentationPipeline pipeline = AugmentationPipeline.parse(augment);
      b.optAugment(pipeline.toSpecList()).optAugmentation(pipeline.isEmpty() ? null : pipeline);
    }
    if (filterEvery != null) b.optFilterEvery(filterEvery);
    if (probes != null) b.optProbeIndices(probes);
    if (metricsEvery != null) b.optMetricsEvery(metricsEvery);
    TrainingConfig c;
    try {
      c = b.build();
    } catch (studio.convnet.engine.data.augment.AugmentationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new CliException(flagNames(e.getMessage()));
    }
    if (momentum != null && c.optimizer() != TrainingConfig.OptimizerKind.SGD_MOMENTUM) {
      spec.commandLine().getErr().println("note: --momentum applies to --optimizer sgd-momentum only; ignored");
    }
    return c;
  }

  /** TrainingConfig's field names in a message as the flags that set them ("batchSize" → "--batch-size"). */
  static String flagNames(String message) {
    String[][] names = {{"batchSize", "--batch-size"}, {"learningRate", "--lr"}, {"epochs", "--epochs"},
        {"momentum", "--momentum"}, {"weightDecay", "--weight-decay"}, {"maxTrainExamples", "--train-limit"},
        {"maxTestExamples", "--test-limit"}, {"filterEvery", "--filter-every"}, {"metricsEvery", "--metrics-every"},
        {"probeIndices", "--probes"}, {"inputSize", "--input"}};
    String out = message.replaceAll(" \\(set[A-Za-z]+\\)", "");
    for (String[] n : names) {
      out = out.replaceAll("\\b" + n[0] + "\\b", n[1]);
    }
    return out;
  }

  /**
   * When a run ends at chance (accuracy near 1 / classes), why that is and what to try: a short run of
   * the book's sigmoid LeNet has usually not left its ln 10 plateau yet, which looks broken but is not.
   */
  static java.util.Optional<String> chanceNote(double testAccuracy, int classes, String model) {
    if (classes < 2 || !(testAccuracy < 1.5 / classes)) {
      return java.util.Optional.empty();
    }
    String why = model.equals("lenet")
        ? " the book's LeNet (sigmoid activations, plain SGD) sits on a plateau at loss ln 10 ≈ 2.30 for its"
            + " first epoch or two before it starts to learn. Try more epochs (--epochs 10, about 45 s here),"
            + " the quick preset (--preset lenet-quick), or --model lenet-modern (ReLU and batch norm: well"
            + " above chance after one epoch)."
        : " " + model + " has not started to learn yet: deep networks without batch norm (VGG, NiN) can sit"
            + " at loss ln 10 ≈ 2.30 for an epoch or more under plain SGD. Try more epochs, Adam"
            + " (--optimizer adam --lr 0.0003), or the model's CPU preset (train --list-presets).";
    return java.util.Optional.of(String.format(Locale.ROOT, "note: test accuracy %.3f is chance for %d classes:%s",
        testAccuracy, classes, why));
  }

  /**
   * Progress: on a terminal one self-rewriting line (epoch, bar, batch, loss, accuracy, images/s, ETA);
   * into a file or pipe, a plain line every {@link #PLAIN_EVERY_NANOS} and one per epoch.
   */
  static final class Progress implements studio.convnet.engine.events.RunEventListener {
    static final long PLAIN_EVERY_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final int epochs;
    private final boolean terminal;
    int classes;
    private long lastPrint;
    private int startEpoch;
    private double startElapsed = Double.NaN;
    private long totalBatches;
    private int batchesPerEpoch;
    RunEvent.EpochMetrics lastEpoch;

    Progress(PrintWriter err, int epochs, boolean terminal) {
      this.err = err;
      this.epochs = epochs;
      this.terminal = terminal;
      this.lastPrint = System.nanoTime();
    }

    @Override
    public void onEvent(RunEvent e) {
      if (e instanceof RunEvent.RunStarted s) {
        startEpoch = s.startEpoch();
        classes = s.classNames().size();
        batchesPerEpoch = s.batchesPerEpoch();
        totalBatches = (long) (epochs - startEpoch) * s.batchesPerEpoch();
        err.printf(Locale.ROOT, "%s on %s: %d training / %d test images, %d batches per epoch%s%n",
            s.modelTitle(), s.device(), s.trainSize(), s.testSize(), s.batchesPerEpoch(),
            s.startEpoch() > 0 ? ", resuming after epoch " + s.startEpoch() : "");
        startElapsed = s.elapsed();
      } else if (e instanceof RunEvent.BatchMetrics b) {
        long now = System.nanoTime();
        if (terminal ? now - lastPrint < 200_000_000L && b.batch() != b.batchesPerEpoch()
            : now - lastPrint < PLAIN_EVERY_NANOS || b.batch() == b.batchesPerEpoch()) return;
        lastPrint = now;
        long done = (long) (b.epoch() - 1 - startEpoch) * batchesPerEpoch + b.batch();
        double spent = b.elapsed() - startElapsed;
        double eta = done == 0 ? 0 : spent / done * (totalBatches - done);
        int width = 20;
        int filled = (int) Math.round(width * (double) b.batch() / b.batchesPerEpoch());
        String bar = terminal ? "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " : "";
        err.printf(Locale.ROOT, "%sepoch %d/%d %s%d/%d loss %.4f acc %.3f %,.0f img/s ETA %s%s",
            terminal ? "\r" : "", b.epoch(), epochs, bar, b.batch(), b.batchesPerEpoch(),
            b.loss(), b.accuracy(), b.imagesPerSecond(), time(eta), terminal ? "   " : "\n");
        err.flush();
      } else if (e instanceof RunEvent.EpochMetrics m) {
        lastEpoch = m;
        err.printf(Locale.ROOT, "%sepoch %d/%d: train loss %.4f, train acc %.4f, test acc %.4f, %.1f s%s%n",
            terminal ? "\r" : "", m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(), m.testAccuracy(), m.seconds(),
            terminal ? " ".repeat(30) : "");
        err.flush();
      }
    }

    void end() {
      err.flush();
    }

    private static String time(double s) {
      long t = Math.round(s);
      return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
          : String.format("%d:%02d", t / 60, t % 60);
    }
  }
}
