package studio.convnet.engine.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.Trainers;
import studio.convnet.engine.train.EngineSupport;
import studio.convnet.engine.train.Precision;
import studio.convnet.engine.train.PhaseClock;
import studio.convnet.engine.train.OneDnnTrace;
import studio.convnet.engine.train.Autocast;

/**
 * {@code convnet bench}: times training steps (batch creation + resize, forward, loss, backward,
 * SGD update) after a warm-up and reports median images/s and achieved GFLOP/s.
 *
 * <p>FLOP counting: a forward pass costs 2 FLOP per multiply-add, and the backward pass about twice
 * the forward (gradients for inputs and for weights), so one training image costs 3 × 2 × MACs,
 * with MACs from ShapeInference (convolutions and dense layers; pooling, activations and the optimizer
 * are not counted). The practical peak is the best of a few 2048×2048 fp32 matrix products in the
 * same engine.
 */
@Command(name = "bench", sortOptions = false,
    description = "Time training steps and report median images/s and GFLOP/s (a benchmark, not a test).")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", defaultValue = "lenet") String model;
  @Option(names = "--input", description = "input side length (default: the model's)") Integer input;
  @Option(names = "--batch-size", defaultValue = "256") int batchSize;
  @Option(names = "--batches", defaultValue = "20", description = "timed steps (default: ${DEFAULT-VALUE})") int batches;
  @Option(names = "--warmup", defaultValue = "3", description = "untimed steps first (default: ${DEFAULT-VALUE})") int warmup;
  @Option(names = "--random", description = "random pixels instead of real FashionMNIST") boolean random;
  @Option(names = "--threads", description = "PyTorch intra-op threads (default: engine's)") Integer threads;
  @Option(names = "--no-peak", description = "skip measuring the matmul peak") boolean noPeak;
  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, sgd-momentum or adam (default: ${DEFAULT-VALUE})") String optimizer;
  @Option(names = "--precision", defaultValue = "fp32", description = "fp32 or bf16 (mixed precision through PyTorch's CPU autocast; default: ${DEFAULT-VALUE})") String precisionName;
  @Option(names = "--onednn-trace", defaultValue = "1", description = "extra steps run with oneDNN's verbose log to measure layout conversions (reorders); 0 skips (default: ${DEFAULT-VALUE})") int traceSteps;
  @Option(names = "--channels-last", description = "hand the images to the network in channels-last memory order (experiment)") boolean channelsLast;
  @Option(names = "--whole-batches", description = "never train a batch as two halves at once (to compare; small networks do by default)") boolean wholeBatches;
  @Option(names = "--json", description = "print the result as one JSON object") boolean json;

  private double faultsPerStep = Double.NaN;
  private double cpuPerWall = Double.NaN;
  private double cpuMsPerStep = Double.NaN;

  /** minor page faults and utime+stime ticks of this process, from /proc/self/stat (Linux), or null. */
  static long[] procStat() {
    try {
      String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state=0 ... minflt=7, utime=11, stime=12
      return new long[] {Long.parseLong(f[7]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
    } catch (Exception e) {
      return null;
    }
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1) throw new CliException("--batch-size must be ≥ 1, got " + batchSize);
    if (batches < 1) throw new CliException("--batches must be ≥ 1, got " + batches);
    if (warmup < 0) throw new CliException("--warmup must be ≥ 0, got " + warmup);
    if (traceSteps < 0) throw new CliException("--onednn-trace must be ≥ 0, got " + traceSteps);
    Precision precision = TrainingConfig.parseEnum(Precision.class, "--precision", precisionName);
    if (threads != null && threads < 1) throw new CliException("--threads must be ≥ 1, got " + threads);
    TrainingConfig.OptimizerKind kind =
        TrainingConfig.parseEnum(TrainingConfig.OptimizerKind.class, "--optimizer", optimizer);
    // the training path's own factory: the book's model and init, this optimizer at a usual rate
    TrainingConfig.Builder b = TrainingConfig.bookDefaults(model).setBatchSize(batchSize).optOptimizer(kind)
        .setLearningRate(kind == TrainingConfig.OptimizerKind.ADAM ? 0.001 : 0.01).optWeightDecay(0)
        .optInit(TrainingConfig.Init.XAVIER);
    if (input != null) b.optInputSize(input);
    TrainingConfig config = b.build(); // an impossible --input fails here, naming the layer
    NetworkSpec net = config.spec();
    int size = config.inputSize();
    ShapeInference.Summary summary = ShapeInference.infer(net, size);
    PrintWriter out = spec.commandLine().getOut();
    EngineSupport.engine();
    if (threads != null) {
      JniUtils.setNumThreads(threads);
    }
    JniUtils.setGradMode(false);
    if (precision == Precision.BF16 && !Autocast.available()) {
      throw new CliException("--precision bf16 is not available: " + Autocast.unavailableReason().orElse("?"));
    }
    Device device = DeviceChoice.AUTO.resolve();
    ImageDataset data = ImageDataset.fashionMnist();
    BatchMaker maker = new BatchMaker(data.trainImages(), data.trainLabels(), 1, size);
    int[] order = BatchMaker.subset(data.trainImages().count(), 0, 1);
    BatchMaker.shuffle(order, new Random(1));

    double[] ms = new double[batches];
    PhaseClock clock = new PhaseClock(batches);
    OneDnnTrace.Totals trace = null;
    double traceWallMs = 0;
    String batchMode;
    boolean halves;
    try (Trainers.Setup setup = Trainers.open(config, device, !wholeBatches)) {
      halves = setup.halves() != null;
      batchMode = setup.batchMode() + (halves ? ""
          : " (" + (wholeBatches ? "--whole-batches" : Trainers.whyWholeBatches(config, device).orElse("?")) + ")");
      int pos = 0;
      long[] stat0 = null;
      long[] stat1 = null;
      long wall0 = 0;
      double wall = Double.NaN;
      for (int i = 0; i < warmup + batches + traceSteps; i++) {
        if (i == warmup) {
          stat0 = procStat();
          wall0 = System.nanoTime();
        }
        if (pos + batchSize > order.length) pos = 0;
        int from = pos;
        long t = System.nanoTime();
        if (i < warmup + batches) {
          boolean timed = i >= warmup;
          if (timed) clock.startStep();
          step(setup, maker, order, from, precision, timed ? clock : null);
          if (timed) ms[i - warmup] = (System.nanoTime() - t) / 1e6;
          if (i == warmup + batches - 1) {
            stat1 = procStat();
            wall = (System.nanoTime() - wall0) / 1e9;
          }
        } else { // after the timed steps: oneDNN's verbose log slows the step it traces
          trace = OneDnnTrace.trace(() -> step(setup, maker, order, from, precision, null));
          traceWallMs += (System.nanoTime() - t) / 1e6;
        }
        pos += batchSize;
      }
      if (stat0 != null && stat1 != null) {
        faultsPerStep = (stat1[0] - stat0[0]) / (double) batches;
        cpuPerWall = (stat1[1] - stat0[1]) / 100.0 / wall; // clock ticks (USER_HZ = 100)
        cpuMsPerStep = (stat1[1] - stat0[1]) * 10.0 / batches;
      }
    }
    double[] sorted = ms.clone();
    double loadAvg = loadAverage();
    Arrays.sort(sorted);
    double median = percentile(sorted, 0.5);
    double ips = batchSize / (median / 1000);
    long macs = summary.totalMacs();
    double gflopPerImage = 3.0 * 2.0 * macs / 1e9;
    double gflops = gflopPerImage * ips;
    double peak = noPeak ? Double.NaN : matmulPeak(device);

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", net.id());
    r.put("input", size);
    r.put("batchSize", batchSize);
    r.put("batches", batches);
    r.put("warmup", warmup);
    r.put("data", random ? "random" : "fashion-mnist");
    r.put("optimizer", optimizer);
    r.put("device", DeviceChoice.describe(device));
    r.put("intraOpThreads", JniUtils.getNumThreads());
    r.put("interOpThreads", JniUtils.getNumInteropThreads());
    r.put("nativeTuning", String.join(", ", studio.convnet.engine.train.NativeTuning.applied()));
    r.put("ompWaitPolicyEnv", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
    r.put("gompSpinCountEnv", String.valueOf(System.getenv("GOMP_SPINCOUNT")));
    r.put("pid", ProcessHandle.current().pid());
    r.put("minorFaultsPerStep", round(faultsPerStep));
    r.put("cpuCoresBusy", round(cpuPerWall));
    r.put("loadAverage1m", loadAvg);
    r.put("cpuMsPerStep", round(cpuMsPerStep));
    r.put("imagesPerCpuSecond", round(batchSize / (cpuMsPerStep / 1000)));
    r.put("medianImagesPerSecond", round(ips));
    r.put("medianStepMs", round(median));
    r.put("minStepMs", round(sorted[0]));
    r.put("p10StepMs", round(percentile(sorted, 0.1)));
    r.put("p90StepMs", round(percentile(sorted, 0.9)));
    r.put("maxStepMs", round(sorted[sorted.length - 1]));
    r.put("trainingGflopPerImage", round(gflopPerImage));
    r.put("achievedGflops", round(gflops));
    r.put("matmulPeakGflops", round(peak));
    r.put("fractionOfPeak", round(gflops / peak));
    r.put("precision", precision.id());
    r.put("layout", channelsLast ? "channels-last" : "nchw");
    r.put("batchMode", batchMode);
    Map<String, Object> phases = new LinkedHashMap<>();
    for (PhaseClock.Phase ph : PhaseClock.Phase.values()) {
      phases.put(ph.name().toLowerCase(Locale.ROOT), round(clock.medianMs(ph)));
    }
    r.put("phaseMedianMs", phases);
    if (trace != null) {
      r.put("onednn", traceReport(trace, traceWallMs / traceSteps, median));
    }
    if (json) {
      Gson g = new GsonBuilder().serializeSpecialFloatingPointValues().create();
      out.println(g.toJson(r));
    } else {
      out.printf(Locale.ROOT, "%s-%d, batch %d, %d timed steps after %d warm-up, %s data, %s, %d intra-op threads%n",
          net.id(), size, batchSize, batches, warmup, r.get("data"), r.get("device"), JniUtils.getNumThreads());
      out.printf(Locale.ROOT, "median %.1f images/s, %.2f ms per step (min %.2f, p10 %.2f, p90 %.2f, max %.2f)%n",
          ips, median, sorted[0], percentile(sorted, 0.1), percentile(sorted, 0.9), sorted[sorted.length - 1]);
      out.printf(Locale.ROOT, "native tuning: [%s]; %.0f minor page faults per step; %.2f cores busy; load average %.2f%n",
          r.get("nativeTuning"), faultsPerStep, cpuPerWall, loadAvg);
      out.printf(Locale.ROOT, "CPU time %.1f ms per step = %.1f images per CPU-second (steadier than images/s on a shared machine)%n",
          cpuMsPerStep, batchSize / (cpuMsPerStep / 1000));
      out.printf(Locale.ROOT, "%.4f GFLOP per training image (3 x 2 FLOP x %,d forward MACs): %.1f GFLOP/s achieved%n",
          gflopPerImage, macs, gflops);
      out.printf(Locale.ROOT, "batches: %s%n", batchMode);
      out.printf(Locale.ROOT, "where a step goes (median ms): data %.2f (batch%s), %s %.2f, %s %.2f, update %.2f  [%s, %s update]%n",
          clock.medianMs(PhaseClock.Phase.DATA), size == 28 ? "" : " + resize 28->" + size,
          halves ? "this thread's half (forward, loss, backward)" : "forward+loss", clock.medianMs(PhaseClock.Phase.FORWARD),
          halves ? "then waiting for the other half" : "backward", clock.medianMs(PhaseClock.Phase.BACKWARD),
          clock.medianMs(PhaseClock.Phase.UPDATE), precision.id() + (channelsLast ? ", channels-last" : ""),
          "in-place");
      if (trace != null) {
        printTrace(out, trace, traceWallMs / traceSteps, median);
      }
      if (!noPeak) {
        out.printf(Locale.ROOT, "practical fp32 peak (best 2048x2048 matmul in the engine): %.1f GFLOP/s -> %.0f%% of peak%n",
            peak, 100 * gflops / peak);
      }
    }
    return 0;
  }

  /** One whole training step as the training loop runs it, with its phases on {@code clock} (or null). */
  private void step(Trainers.Setup setup, BatchMaker maker, int[] order, int from, Precision precision, PhaseClock clock) {
    try (NDManager bm = setup.trainer().getManager().newSubManager()) {
      NDList xy;
      if (random) {
        int s = maker.inputSize();
        NDArray x = bm.randomUniform(0, 1, new Shape(batchSize, 1, s, s));
        NDArray y = bm.randomInteger(0, 10, new Shape(batchSize), ai.djl.ndarray.types.DataType.INT64);
        xy = new NDList(x, y);
      } else {
        xy = maker.batch(bm, order, from, from + batchSize, null, null);
      }
      if (clock != null) clock.lap(PhaseClock.Phase.DATA);
      Trainers.step(setup, xy, false, precision, channelsLast, clock); // reads the loss: synchronised, as the loop is
    }
  }

  /** Per traced step: oneDNN primitives by kind, and reorders (layout conversions) against the median step. */
  private Map<String, Object> traceReport(OneDnnTrace.Totals trace, double tracedStepMs, double medianStepMs) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("steps", traceSteps);
    t.put("tracedStepMs", round(tracedStepMs));
    Map<String, Object> counts = new LinkedHashMap<>();
    Map<String, Object> perStep = new LinkedHashMap<>();
    trace.counts().forEach((k, v) -> counts.put(k, v / traceSteps));
    trace.ms().forEach((k, v) -> perStep.put(k, round(v / traceSteps)));
    t.put("countPerStep", counts);
    t.put("msPerStep", perStep);
    double reorder = trace.ms().getOrDefault("reorder", 0.0) / traceSteps;
    t.put("reorderShareOfMedianStep", round(reorder / medianStepMs));
    t.put("reorderShareOfTracedStep", round(reorder / tracedStepMs));
    return t;
  }

  private void printTrace(PrintWriter out, OneDnnTrace.Totals trace, double tracedStepMs, double medianStepMs) {
    StringBuilder kinds = new StringBuilder();
    trace.ms().forEach((k, v) -> kinds.append(String.format(Locale.ROOT, "%s%s %d x %.1f ms",
        kinds.length() == 0 ? "" : ", ", k, trace.counts().get(k) / traceSteps, v / traceSteps)));
    double reorder = trace.ms().getOrDefault("reorder", 0.0) / traceSteps;
    out.printf(Locale.ROOT, "oneDNN per step (%d traced step%s, %.1f ms each with its verbose log on): %s%n",
        traceSteps, traceSteps == 1 ? "" : "s", tracedStepMs, kinds.length() == 0 ? "nothing" : kinds);
    out.printf(Locale.ROOT, "layout conversions (oneDNN reorders): %.1f ms per step = %.1f%% of the median step "
        + "(%.1f%% of the traced one); all oneDNN primitives %.1f%% of the traced step%n", reorder,
        100 * reorder / medianStepMs, 100 * reorder / tracedStepMs, 100 * trace.totalMs() / traceSteps / tracedStepMs);
  }

  /** Best of a few 2048² fp32 matrix products in the engine, in GFLOP/s. */
  static double matmulPeak(Device device) {
    int n = 2048;
    double best = Double.MAX_VALUE;
    try (NDManager m = NDManager.newBaseManager(device)) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      for (int i = 0; i < 6; i++) {
        long t = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0);
        }
        best = Math.min(best, (System.nanoTime() - t) / 1e9);
      }
    }
    return 2.0 * n * n * (double) n / best / 1e9;
  }

  private static double percentile(double[] sorted, double q) {
    int i = (int) Math.round(q * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
  }
}
