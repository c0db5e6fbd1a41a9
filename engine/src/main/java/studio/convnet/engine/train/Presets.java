package studio.convnet.engine.train;

import java.util.List;
import studio.convnet.engine.train.TrainingConfig.OptimizerKind;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named starting points for a run, shared by the CLI ({@code train --preset lenet-quick},
 * {@code train --list-presets}) and the app's Training tab. One row per preset: add a row to offer
 * a new network. Each row builds on the book's settings for its model ({@link
 * TrainingConfig#bookDefaults}) and changes only what makes it that preset.
 */
public final class Presets {

  /**
   * A preset: its id (CLI), title (app), a note on what to expect, and the settings.
   */
  public record Preset(String id, String title, String note, Supplier<TrainingConfig.Builder> settings) {

    /** A fresh builder holding the preset's settings (change a few, then build). */
    public TrainingConfig.Builder builder() {
      return settings.get();
    }

    public TrainingConfig config() {
      return builder().build();
    }

    @Override
    public String toString() {
      return title;
    }
  }

  private static final List<Preset> ALL = List.of(
      new Preset("lenet-book", "LeNet — book (SGD 0.9, b256, 10 epochs)",
          "d2l §7.6 exactly: sigmoid LeNet, plain SGD lr 0.9, batch 256, Xavier. The loss sits near"
              + " ln 10 ≈ 2.30 for a while before it drops.",
          () -> TrainingConfig.bookDefaults("lenet").optFilterEvery(20)),
      new Preset("lenet-quick", "LeNet quick demo (subset)",
          "The book's LeNet on 12 000 training images, batch 64: more steps per second of watching.",
          () -> TrainingConfig.bookDefaults("lenet").setBatchSize(64).setEpochs(6).optMaxTrainExamples(12_000)
              .optMaxTestExamples(2_000).optFilterEvery(10)),
      new Preset("lenet-modern-adam", "Modern LeNet + Adam",
          "ReLU, max-pooling and batch norm with Adam: leaves the plateau at once.",
          () -> TrainingConfig.bookDefaults("lenet-modern").setBatchSize(128).optFilterEvery(20)),
      new Preset("alexnet-96-subset", "AlexNet 96 px subset",
          "The book's AlexNet with images resized to 96×96 on 3 000 training images: minutes on a CPU.",
          () -> TrainingConfig.bookDefaults("alexnet").optInputSize(96).setEpochs(3).optMaxTrainExamples(3_000)
              .optMaxTestExamples(1_000).optFilterEvery(4)),
      new Preset("alexnet-224-book", "AlexNet 224 (book, slow on CPU)",
          "d2l §8.1 exactly (lr 0.01, batch 128, 224×224, 10 epochs). Hours on a CPU: meant for a GPU.",
          () -> TrainingConfig.bookDefaults("alexnet").optFilterEvery(10)),
      book("vgg11-small", "VGG-11 small", "§8.2", 224),
      cpu("vgg11-small", "VGG-11 small", 64, 6_000, 3, OptimizerKind.ADAM, 0.0005),
      book("nin", "NiN", "§8.3", 224),
      cpu("nin", "NiN", 96, 6_000, 3, OptimizerKind.ADAM, 0.0003),
      book("googlenet", "GoogLeNet", "§8.4", 96),
      cpu("googlenet", "GoogLeNet", 64, 6_000, 2, OptimizerKind.ADAM, 0.001),
      book("resnet18", "ResNet-18", "§8.6", 96),
      cpu("resnet18", "ResNet-18", 64, 6_000, 2, OptimizerKind.SGD_MOMENTUM, 0.01),
      book("densenet", "DenseNet", "§8.7", 96),
      cpu("densenet", "DenseNet", 64, 6_000, 2, OptimizerKind.SGD_MOMENTUM, 0.01));

  /** The book's own run of a chapter network: its learning rate, batch 128, 10 epochs, its resize. */
  private static Preset book(String model, String name, String section, int size) {
    return new Preset(model + "-book", name + " " + size + " px (book, slow on CPU)",
        "d2l " + section + " exactly: plain SGD lr " + TrainingConfig.bookDefaults(model).build().learningRate()
            + ", batch 128, " + size + "×" + size + ", 10 epochs, all 60 000 images. Hours on a CPU:"
            + " meant for a GPU; on a laptop use the CPU preset or the recording.",
        () -> TrainingConfig.bookDefaults(model).optFilterEvery(20));
  }

  /**
   * A few minutes on two CPU cores: a smaller resize, a subset, and an optimizer that learns in a
   * few hundred steps (momentum for the batch-norm networks, Adam for those without: VGG stayed at
   * ln 10 for 80+ steps with momentum at 64 px, NiN's loss became NaN with Adam lr 0.001 at 72 px;
   * the rates here are the ones the chapter recordings in assets/runs trained with).
   */
  private static Preset cpu(String model, String name, int size, int images, int epochs,
      OptimizerKind optimizer, double lr) {
    String opt = optimizer == OptimizerKind.ADAM ? "Adam lr " + lr : "SGD lr " + lr + " with momentum 0.9";
    return new Preset(model + "-cpu", name + " " + size + " px, CPU-sized",
        "The book's " + name + " at " + size + "×" + size + " on " + String.format("%,d", images)
            + " training images for " + epochs + " epochs with " + opt + " (the book: plain SGD, all"
            + " images, 10 epochs): a few minutes on a laptop.",
        () -> TrainingConfig.bookDefaults(model).optInputSize(size).setEpochs(epochs)
            .optMaxTrainExamples(images).optMaxTestExamples(2_000).optOptimizer(optimizer)
            .setLearningRate(lr).optFilterEvery(10));
  }

  private Presets() {}

  /** Every preset, in the order the app offers them. */
  public static List<Preset> all() {
    return ALL;
  }

  public static Optional<Preset> find(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The preset with this id; the error lists the ids there are. */
  public static Preset get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "'; presets: "
        + String.join(", ", ALL.stream().map(Preset::id).toList())));
  }

  /** The models the presets train, each once, in preset order. */
  public static List<String> models() {
    return ALL.stream().map(p -> p.builder().build().model()).distinct().toList();
  }
}
