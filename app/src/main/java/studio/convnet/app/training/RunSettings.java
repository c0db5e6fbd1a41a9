package studio.convnet.app.training;

import java.util.List;

/**
 * What the user asked to train: the form's values as an immutable snapshot, mapped to the engine's
 * TrainingConfig by the backend. {@code maxTrain}/{@code maxTest} 0 mean the whole split.
 */
public record RunSettings(
    String model, int inputSize, int batchSize, double learningRate, Optimizer optimizer,
    double momentum, double weightDecay, int epochs, int maxTrain, int maxTest, long seed,
    Device device, int filterEvery, String probes, String augment) {

  /** Without augmentation. */
  public RunSettings(String model, int inputSize, int batchSize, double learningRate, Optimizer optimizer,
      double momentum, double weightDecay, int epochs, int maxTrain, int maxTest, long seed, Device device,
      int filterEvery, String probes) {
    this(model, inputSize, batchSize, learningRate, optimizer, momentum, weightDecay, epochs, maxTrain, maxTest,
        seed, device, filterEvery, probes, "");
  }

  /** Without probe choice: the engine's default probe images. */
  public RunSettings(String model, int inputSize, int batchSize, double learningRate, Optimizer optimizer,
      double momentum, double weightDecay, int epochs, int maxTrain, int maxTest, long seed, Device device,
      int filterEvery) {
    this(model, inputSize, batchSize, learningRate, optimizer, momentum, weightDecay, epochs, maxTrain, maxTest,
        seed, device, filterEvery, "", "");
  }

  /**
   * The probe test images (indices into the 10 000 test images) from text like "0, 7, 42"; empty
   * for the engine's default. Throws IllegalArgumentException with a message for the status line.
   */
  public int[] probeIndices() {
    String t = probes == null ? "" : probes.strip();
    if (t.isEmpty()) {
      return new int[0];
    }
    String[] parts = t.split("[,;\\s]+");
    int[] r = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        r[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Probe images: '" + parts[i] + "' is not a test image number");
      }
      if (r[i] < 0 || r[i] >= FASHION_TEST) {
        throw new IllegalArgumentException("Probe images: " + r[i] + " is not in 0.." + (FASHION_TEST - 1));
      }
    }
    return r;
  }

  /**
   * The augmentation pipeline in the text syntax of {@code train --augment} (empty: none). Throws
   * IllegalArgumentException with the engine's message naming the operation and parameter.
   */
  public studio.convnet.engine.data.augment.AugmentationPipeline augmentation() {
    String t = augment == null ? "" : augment.strip();
    try {
      return studio.convnet.engine.data.augment.AugmentationPipeline.parse(t);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Augmentation: " + e.getMessage(), e);
    }
  }

  public enum Optimizer { SGD, SGD_MOMENTUM, ADAM }

  public enum Device { AUTO, CPU, GPU }

  /** The models offered (zoo ids). */
  public static final List<String> MODELS = List.of("lenet", "lenet-modern", "alexnet");

  /** A named starting point for the form. */
  public record Preset(String name, RunSettings settings, String note) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static final int FASHION_TRAIN = 60_000;
  public static final int FASHION_TEST = 10_000;

  public int trainExamples() {
    return maxTrain <= 0 ? FASHION_TRAIN : Math.min(maxTrain, FASHION_TRAIN);
  }

  public int testExamples() {
    return maxTest <= 0 ? FASHION_TEST : Math.min(maxTest, FASHION_TEST);
  }

  public RunSettings withEpochs(int e) {
    return new RunSettings(model, inputSize, batchSize, learningRate, optimizer, momentum, weightDecay,
        e, maxTrain, maxTest, seed, device, filterEvery, probes, augment);
  }

  public RunSettings withSubset(int train, int test) {
    return new RunSettings(model, inputSize, batchSize, learningRate, optimizer, momentum, weightDecay,
        epochs, train, test, seed, device, filterEvery, probes, augment);
  }

  public static final List<Preset> PRESETS = List.of(
      new Preset("LeNet — book (SGD 0.9, b256, 10 epochs)",
          new RunSettings("lenet", 28, 256, 0.9, Optimizer.SGD, 0.9, 0, 10, 0, 0, 42, Device.AUTO, 20),
          "d2l §7.6 exactly: sigmoid LeNet, plain SGD lr 0.9, batch 256, Xavier. The loss sits near"
              + " ln 10 ≈ 2.30 for a while before it drops."),
      new Preset("LeNet quick demo (subset)",
          new RunSettings("lenet", 28, 64, 0.9, Optimizer.SGD, 0.9, 0, 6, 12_000, 2_000, 42, Device.AUTO, 10),
          "The book's LeNet on 12 000 training images, batch 64: more steps per second of watching."),
      new Preset("Modern LeNet + Adam",
          new RunSettings("lenet-modern", 28, 128, 0.001, Optimizer.ADAM, 0.9, 0, 5, 0, 0, 42, Device.AUTO, 20),
          "ReLU, max-pooling and batch norm with Adam: leaves the plateau at once."),
      new Preset("AlexNet 96 px subset",
          new RunSettings("alexnet", 96, 128, 0.01, Optimizer.SGD, 0.9, 0, 3, 3_000, 1_000, 42, Device.AUTO, 4),
          "The book's AlexNet with images resized to 96×96 on 3 000 training images: minutes on a CPU."),
      new Preset("AlexNet 224 (book, slow on CPU)",
          new RunSettings("alexnet", 224, 128, 0.01, Optimizer.SGD, 0.9, 0, 10, 0, 0, 42, Device.AUTO, 10),
          "d2l §8.1 exactly (lr 0.01, batch 128, 224×224, 10 epochs). Hours on a CPU: meant for a GPU."));
}
