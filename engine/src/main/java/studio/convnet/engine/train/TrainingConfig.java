package studio.convnet.engine.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.data.ExampleTransform;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import studio.convnet.engine.events.RunConfig;

/**
 * Everything a training run needs, immutable and validated. Built DJL-style: {@code setX} for the
 * required fields (model, batch size, learning rate, epochs), {@code optX} for the rest.
 * {@link #bookDefaults(String)} pre-fills a builder with the settings d2l trains that model with.
 */
public final class TrainingConfig {

  public enum OptimizerKind { SGD, SGD_MOMENTUM, ADAM }

  public enum Init { XAVIER, DEFAULT }

  private final NetworkSpec spec;
  private final int inputSize;
  private final int batchSize;
  private final double learningRate;
  private final OptimizerKind optimizer;
  private final double momentum;
  private final double weightDecay;
  private final int epochs;
  private final Init init;
  private final long seed;
  private final int maxTrainExamples; // 0 = all
  private final int maxTestExamples; // 0 = all
  private final DeviceChoice device;
  private final Path datasetFolder; // null = embedded FashionMNIST
  private final int filterEvery;
  private final int metricsEvery;
  private final int[] probeIndices; // null = one per class (first of each class in the test set)
  private final List<String> augment;
  private final ExampleTransform augmentation; // null = none
  private final Precision precision;

  private TrainingConfig(Builder b) {
    spec = b.spec;
    inputSize = b.inputSize > 0 ? b.inputSize : b.spec.defaultInputSize();
    batchSize = b.batchSize;
    learningRate = b.learningRate;
    optimizer = b.optimizer;
    momentum = b.momentum;
    weightDecay = b.weightDecay;
    epochs = b.epochs;
    init = b.init;
    precision = b.precision;
    seed = b.seed;
    maxTrainExamples = b.maxTrainExamples;
    maxTestExamples = b.maxTestExamples;
    device = b.device;
    datasetFolder = b.datasetFolder;
    filterEvery = b.filterEvery;
    metricsEvery = b.metricsEvery;
    probeIndices = b.probeIndices == null ? null : b.probeIndices.clone();
    augment = List.copyOf(b.augment);
    augmentation = b.augmentation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding the book's settings for a zoo model: LeNet SGD lr 0.9 batch 256 10 epochs;
   * modern LeNet Adam lr 0.001 batch 256 5 epochs; AlexNet/VGG SGD lr 0.01 batch 128 10 epochs.
   */
  public static Builder bookDefaults(String model) {
    NetworkSpec spec = Zoo.get(model);
    Builder b = builder().setModel(spec).optInit(Init.XAVIER);
    switch (spec.id()) {
      case "lenet" -> b.setBatchSize(256).setLearningRate(0.9).setEpochs(10).optOptimizer(OptimizerKind.SGD);
      case "lenet-modern" -> b.setBatchSize(256).setLearningRate(0.001).setEpochs(5).optOptimizer(OptimizerKind.ADAM);
      case "vgg11" -> b.setBatchSize(128).setLearningRate(0.05).setEpochs(10).optOptimizer(OptimizerKind.SGD);
      // d2l §8.3: NiN(lr=0.05); VGG-small, GoogLeNet, ResNet-18 and DenseNet use lr=0.01 (the default)
      case "nin" -> b.setBatchSize(128).setLearningRate(0.05).setEpochs(10).optOptimizer(OptimizerKind.SGD);
      default -> b.setBatchSize(128).setLearningRate(0.01).setEpochs(10).optOptimizer(OptimizerKind.SGD);
    }
    return b;
  }

  public NetworkSpec spec() { return spec; }
  public String model() { return spec.id(); }
  public int inputSize() { return inputSize; }
  public int batchSize() { return batchSize; }
  public double learningRate() { return learningRate; }
  public OptimizerKind optimizer() { return optimizer; }
  public double momentum() { return momentum; }
  public double weightDecay() { return weightDecay; }
  public int epochs() { return epochs; }
  public Init init() { return init; }
  /** The arithmetic of the forward and backward passes (parameters and updates stay float32). */
  public Precision precision() { return precision; }
  public long seed() { return seed; }
  /** 0 = the whole training set. */
  public int maxTrainExamples() { return maxTrainExamples; }
  /** 0 = the whole test set. */
  public int maxTestExamples() { return maxTestExamples; }
  public DeviceChoice device() { return device; }
  public Optional<Path> datasetFolder() { return Optional.ofNullable(datasetFolder); }
  public int filterEvery() { return filterEvery; }
  public int metricsEvery() { return metricsEvery; }
  /** Explicit probe test indices, or empty for the default (the first test image of each class). */
  public Optional<int[]> probeIndices() {
    return Optional.ofNullable(probeIndices == null ? null : probeIndices.clone());
  }
  public List<String> augment() { return augment; }
  public Optional<ExampleTransform> augmentation() { return Optional.ofNullable(augmentation); }

  /** A builder holding this config's values (to change a few and build again). */
  public Builder toBuilder() {
    Builder b = builder().setModel(spec).setBatchSize(batchSize).setLearningRate(learningRate)
        .setEpochs(epochs).optInputSize(inputSize).optOptimizer(optimizer).optMomentum(momentum)
        .optWeightDecay(weightDecay).optInit(init).optSeed(seed).optDevice(device)
        .optDatasetFolder(datasetFolder).optFilterEvery(filterEvery).optMetricsEvery(metricsEvery)
        .optAugment(augment).optAugmentation(augmentation).optPrecision(precision);
    b.maxTrainExamples = maxTrainExamples;
    b.maxTestExamples = maxTestExamples;
    b.probeIndices = probeIndices;
    return b;
  }

  /**
   * The recorded form of this config (RunStarted.config, config.json). Momentum is recorded only for
   * SGD with momentum (0 otherwise): plain SGD and Adam do not use it, and a record must not claim it.
   */
  public RunConfig record() {
    double usedMomentum = optimizer == OptimizerKind.SGD_MOMENTUM ? momentum : 0;
    return new RunConfig(RunConfig.FORMAT, spec.id(), inputSize, batchSize, learningRate, optimizer.name(), usedMomentum,
        weightDecay, epochs, init.name(), seed, maxTrainExamples, maxTestExamples,
        device.name().toLowerCase(Locale.ROOT), datasetFolder == null ? RunConfig.EMBEDDED : datasetFolder.toString(),
        filterEvery, metricsEvery, probeIndices, augment, precision.id());
  }

  /**
   * The inverse of {@link #record()} (to resume a run folder, or to start from a preset). {@code spec}
   * is the network when it is not a zoo model (null: look the model id up in the zoo). A recorded
   * augmentation text is parsed back into the same {@code AugmentationPipeline}; another
   * ExampleTransform cannot be recorded: pass it again with {@code optAugmentation}. Throws
   * IllegalArgumentException naming the field that cannot be read.
   */
  public static Builder fromRecord(RunConfig r, NetworkSpec spec) {
    Builder b = builder()
        .setModel(spec != null ? spec : Zoo.get(r.model()))
        .optInputSize(r.inputSize())
        .setBatchSize(r.batchSize())
        .setLearningRate(r.learningRate())
        .optOptimizer(parseEnum(OptimizerKind.class, "optimizer", r.optimizer()))
        .optMomentum(r.momentum())
        .optWeightDecay(r.weightDecay())
        .setEpochs(r.epochs())
        .optInit(parseEnum(Init.class, "init", r.init()))
        .optSeed(r.seed())
        .optDevice(DeviceChoice.parse(r.device()))
        .optFilterEvery(r.filterEvery())
        .optMetricsEvery(r.metricsEvery())
        .optPrecision(parseEnum(Precision.class, "precision", r.precision()));
    if (r.maxTrainExamples() != 0) b.optMaxTrainExamples(r.maxTrainExamples());
    if (r.maxTestExamples() != 0) b.optMaxTestExamples(r.maxTestExamples());
    if (!r.embeddedData()) b.optDatasetFolder(Path.of(r.dataset()));
    if (r.probeIndices().length > 0) b.optProbeIndices(r.probeIndices());
    if (!r.augment().isEmpty()) {
      // the recorded text is the pipeline: a resumed run augments exactly as before
      AugmentationPipeline pipeline = AugmentationPipeline.parse(r.augment());
      b.optAugment(pipeline.toSpecList()).optAugmentation(pipeline);
    }
    return b;
  }

  /** An enum constant by name, case-insensitive, '-' as '_'; the error names the field and the choices. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String text) {
    String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(t)) {
        return e;
      }
    }
    throw new IllegalArgumentException(field + " must be one of " + String.join(", ", Arrays.stream(
        type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList())
        + ", got '" + text + "'");
  }

  @Override
  public String toString() {
    return "TrainingConfig[" + record() + "]";
  }

  /** DJL-style builder: setX required, optX optional. */
  public static final class Builder {
    private NetworkSpec spec;
    private int inputSize; // 0 = the model's default
    private int batchSize;
    private double learningRate = Double.NaN;
    private OptimizerKind optimizer = OptimizerKind.SGD;
    private double momentum = 0.9;
    private double weightDecay;
    private int epochs;
    private Init init = Init.XAVIER;
    private long seed = 42;
    private int maxTrainExamples;
    private int maxTestExamples;
    private DeviceChoice device = DeviceChoice.AUTO;
    private Path datasetFolder;
    private int filterEvery = 50;
    private int metricsEvery = 5;
    private int[] probeIndices;
    private List<String> augment = List.of();
    private ExampleTransform augmentation;
    private Precision precision = Precision.FP32;

    private Builder() {}

    /** Required: a zoo model id ("lenet", "lenet-modern", "alexnet", "vgg11"). */
    public Builder setModel(String id) {
      this.spec = Zoo.get(id);
      return this;
    }

    /** Required (or the id form): any network spec. */
    public Builder setModel(NetworkSpec spec) {
      this.spec = Objects.requireNonNull(spec, "model");
      return this;
    }

    public Builder setBatchSize(int batchSize) { this.batchSize = batchSize; return this; }
    public Builder setLearningRate(double lr) { this.learningRate = lr; return this; }
    public Builder setEpochs(int epochs) { this.epochs = epochs; return this; }
    /** Side length fed to the network (default: the model's, e.g. 224 for AlexNet). */
    public Builder optInputSize(int size) { this.inputSize = size; return this; }
    public Builder optOptimizer(OptimizerKind o) { this.optimizer = Objects.requireNonNull(o, "optimizer"); return this; }
    /** Momentum of SGD_MOMENTUM (default 0.9); ignored by SGD and Adam. */
    public Builder optMomentum(double m) { this.momentum = m; return this; }
    public Builder optWeightDecay(double wd) { this.weightDecay = wd; return this; }
    public Builder optInit(Init init) { this.init = Objects.requireNonNull(init, "init"); return this; }
    public Builder optSeed(long seed) { this.seed = seed; return this; }
    /** Train on a fixed, seeded subset of this many examples (default: all). */
    public Builder optMaxTrainExamples(int n) { this.maxTrainExamples = n; if (n == 0) maxTrainExamples = -1; return this; }
    /** Evaluate on a fixed, seeded subset of this many test examples (default: all). */
    public Builder optMaxTestExamples(int n) { this.maxTestExamples = n; if (n == 0) maxTestExamples = -1; return this; }
    public Builder optDevice(DeviceChoice d) { this.device = Objects.requireNonNull(d, "device"); return this; }
    /** A folder of MNIST-layout IDX files (null: the embedded FashionMNIST). */
    public Builder optDatasetFolder(Path folder) { this.datasetFolder = folder; return this; }
    /** A FilterSnapshot every this many batches (and at each epoch end). */
    public Builder optFilterEvery(int n) { this.filterEvery = n; return this; }
    /** A BatchMetrics every this many batches (and at each epoch's last batch). */
    public Builder optMetricsEvery(int n) { this.metricsEvery = n; return this; }
    public Builder optProbeIndices(int... indices) { this.probeIndices = indices == null ? null : indices.clone(); return this; }
    /** Augmentation operations as text (recorded; parsed by the augmentation pipeline). */
    public Builder optAugment(List<String> ops) { this.augment = List.copyOf(ops); return this; }
    /** Applied to each training example (floats in [0,1], before the resize); null = none. */
    public Builder optAugmentation(ExampleTransform t) { this.augmentation = t; return this; }
    /** FP32 (default) or BF16 mixed precision (PyTorch's CPU autocast; see Autocast). */
    public Builder optPrecision(Precision p) { this.precision = Objects.requireNonNull(p, "precision"); return this; }

    public TrainingConfig build() {
      List<String> problems = new ArrayList<>();
      if (spec == null) {
        throw new IllegalArgumentException("model is required (setModel)");
      }
      if (batchSize < 1) problems.add("batchSize must be ≥ 1, got " + batchSize);
      if (batchSize > 65536) problems.add("batchSize must be ≤ 65536, got " + batchSize);
      if (Double.isNaN(learningRate)) problems.add("learningRate is required (setLearningRate)");
      else if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        problems.add("learningRate must be a positive number, got " + learningRate);
      }
      if (epochs < 1) problems.add("epochs must be ≥ 1, got " + epochs);
      if (!(momentum >= 0 && momentum < 1)) problems.add("momentum must be in [0, 1), got " + momentum);
      if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
        problems.add("weightDecay must be ≥ 0, got " + weightDecay);
      }
      if (maxTrainExamples < 0) problems.add("maxTrainExamples must be ≥ 1 (omit it for all)");
      if (maxTestExamples < 0) problems.add("maxTestExamples must be ≥ 1 (omit it for all)");
      if (filterEvery < 1) problems.add("filterEvery must be ≥ 1 batch, got " + filterEvery);
      if (metricsEvery < 1) problems.add("metricsEvery must be ≥ 1 batch, got " + metricsEvery);
      if (probeIndices != null) {
        for (int p : probeIndices) {
          if (p < 0) problems.add("probeIndices must be ≥ 0, got " + p);
        }
      }
      int size = inputSize > 0 ? inputSize : spec.defaultInputSize();
      if (inputSize < 0 || size > 1024) {
        problems.add("inputSize must be between 1 and 1024, got " + inputSize);
      } else {
        ShapeInference.Summary s = ShapeInference.infer(spec, size);
        if (!s.ok()) {
          problems.add("inputSize " + size + " does not fit " + spec.id() + ": layer "
              + s.error().get().layer() + ": " + s.error().get().message());
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new TrainingConfig(this);
    }
  }
}
