package studio.convnet.engine.train;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.LayerSpec.Activation;
import studio.convnet.engine.arch.LayerSpec.Conv;
import studio.convnet.engine.arch.LayerSpec.Dense;
import studio.convnet.engine.arch.LayerSpec.Pool;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.StructureEdits;
import studio.convnet.engine.arch.Zoo;

/**
 * The chapter's exercises for LeNet (d2l §7.6) and AlexNet (§8.1) as races: each changes the book's
 * network the way the exercise asks, says what to ask the class and what to predict, and races the
 * variant against the original with the same settings and seed.
 *
 * @param id short id ("lenet-max")
 * @param section the book's section
 * @param ask the question for the class
 * @param predict what to write down before pressing Race
 * @param measured what we measured on this machine (empty when not measured)
 */
public record Exercise(String id, String section, String title, String ask, String predict,
    String baseModel, NetworkSpec variant, Supplier<TrainingConfig.Builder> settings, String measured) {

  /** The settings of the original's run; the variant's are {@link VariantPresets#like} these. */
  public TrainingConfig original() {
    return settings.get().build();
  }

  public TrainingConfig variantConfig() {
    return VariantPresets.like(original(), variant).build();
  }

  private static NetworkSpec lenet(String id, String title, String what) {
    return Zoo.lenet().withIdentity(id, title, what + " A variant of d2l §7.6's LeNet.");
  }

  private static NetworkSpec swapAll(NetworkSpec n, Class<? extends LayerSpec> kind) {
    for (LayerSpec l : n.leaves()) {
      if (kind.isInstance(l)) {
        n = StructureEdits.swapKind(n, l.name()).spec();
      }
    }
    return n;
  }

  static NetworkSpec lenetMax() {
    return swapAll(lenet("lenet-max", "LeNet, max pooling", "Average pooling replaced by max pooling."), Pool.class);
  }

  static NetworkSpec lenetRelu() {
    return swapAll(lenet("lenet-relu", "LeNet, ReLU", "Every sigmoid replaced by a ReLU."), Activation.class);
  }

  static NetworkSpec lenetWide() {
    return lenet("lenet-wide", "LeNet, wider convolutions", "16 and 32 channels instead of 6 and 16.")
        .withLayer("conv1", l -> new Conv("conv1", 16, 5, 1, 2))
        .withLayer("conv2", l -> new Conv("conv2", 32, 5, 1, 0));
  }

  static NetworkSpec lenetSmallKernels() {
    return lenet("lenet-3x3", "LeNet, 3×3 windows", "3×3 convolution windows instead of 5×5.")
        .withLayer("conv1", l -> new Conv("conv1", 6, 3, 1, 1))
        .withLayer("conv2", l -> new Conv("conv2", 16, 3, 1, 0));
  }

  static NetworkSpec lenetShallow() {
    NetworkSpec n = lenet("lenet-one-dense", "LeNet, one hidden dense layer less", "fc2 (84 units) removed.");
    n = StructureEdits.remove(n, "fc2").spec();
    return StructureEdits.remove(n, "sigmoid4").spec();
  }

  static NetworkSpec lenetDropoutRelu() {
    NetworkSpec n = swapAll(lenet("lenet-relu-dropout", "LeNet, ReLU and dropout",
        "ReLU everywhere and dropout 0.5 after each hidden dense layer, as AlexNet does."), Activation.class);
    n = StructureEdits.insert(n, "relu3", StructureEdits.NewLayer.DROPOUT, true).spec();
    return StructureEdits.insert(n, "relu4", StructureEdits.NewLayer.DROPOUT, true).spec();
  }

  /** AlexNet's layers, sized for 28×28: 3×3 windows, stride 1, fewer channels and dense units. */
  static NetworkSpec alexnet28() {
    return Zoo.alexnet().withIdentity("alexnet-28", "AlexNet for 28×28",
            "AlexNet's eight layers with their ReLUs, pooling and dropout, sized for 28×28 images: 3×3"
                + " windows at stride 1 (32, 64, 128, 128, 96 channels) and 1024-unit dense layers."
                + " No upsampling. A variant of d2l §8.1's AlexNet (exercises 2 and 3).")
        .withInputSize(28)
        .withLayer("conv1", l -> new Conv("conv1", 32, 3, 1, 1))
        .withLayer("conv2", l -> new Conv("conv2", 64, 3, 1, 1))
        .withLayer("conv3", l -> new Conv("conv3", 128, 3, 1, 1))
        .withLayer("conv4", l -> new Conv("conv4", 128, 3, 1, 1))
        .withLayer("conv5", l -> new Conv("conv5", 96, 3, 1, 1))
        .withLayer("fc1", l -> new Dense("fc1", 1024))
        .withLayer("fc2", l -> new Dense("fc2", 1024));
  }

  static NetworkSpec alexnetLean() {
    return Zoo.alexnet().withIdentity("alexnet-lean", "AlexNet, 1024-unit dense layers",
            "d2l §8.1's AlexNet with 1024 instead of 4096 units in fc1 and fc2.")
        .withLayer("fc1", l -> new Dense("fc1", 1024))
        .withLayer("fc2", l -> new Dense("fc2", 1024));
  }

  /** LeNet races: the book's LeNet on the quick subset. */
  private static TrainingConfig.Builder lenetRace() {
    return Presets.get("lenet-quick").builder();
  }

  /**
   * AlexNet races: the alexnet-96-subset preset (3 000 images, 3 epochs, batch 128, lr 0.01) with
   * momentum 0.9 (plain SGD barely leaves chance level in 3 epochs on 3 000 images) and 500 test images.
   */
  static TrainingConfig.Builder alexnetRace() {
    return Presets.get("alexnet-96-subset").builder().optMaxTrainExamples(3_000).optMaxTestExamples(500)
        .optOptimizer(TrainingConfig.OptimizerKind.SGD_MOMENTUM).optMomentum(0.9).setEpochs(3);
  }

  /** The measured result of the 28×28 AlexNet card (docs/variants.md has the runs). */
  static final String ALEXNET_28_MEASURED = "with these settings, one after the other on this (shared, loaded)"
      + " 2-core machine: test accuracy 0.404 against 0.312 for AlexNet at 96 px after 3 epochs; 57.7 against"
      + " 7.9 images/s (7.3× faster); 3 epochs in 192 s against 1 295 s.";

  private static final List<Exercise> ALL = List.of(
      new Exercise("lenet-max", "§7.6 ex. 1", "Max pooling instead of average pooling",
          "Replace LeNet's average pooling with max pooling. Does it learn faster? Is it more accurate?",
          "Sketch the test-accuracy curve you expect next to the book's before you race.",
          "lenet", lenetMax(), Exercise::lenetRace, ""),
      new Exercise("lenet-relu", "§7.6 ex. 1", "ReLU instead of sigmoid",
          "Replace every sigmoid with a ReLU, same learning rate (0.9). What happens to the plateau at"
              + " loss ≈ 2.30 at the start?",
          "Will the loss leave 2.30 sooner, later, or blow up at lr 0.9?",
          "lenet", lenetRelu(), Exercise::lenetRace, ""),
      new Exercise("lenet-wide", "§7.6 ex. 2", "More output channels",
          "Widen the convolutions to 16 and 32 channels. How many parameters does that add, and where?",
          "Predict the new parameter count of conv2 and fc1 before you look at the table.",
          "lenet", lenetWide(), Exercise::lenetRace, ""),
      new Exercise("lenet-3x3", "§7.6 ex. 2", "Smaller convolution windows",
          "Use 3×3 windows instead of 5×5. What is the shape after pool2 now, and what does fc1 receive?",
          "Predict the flattened length, then race: does accuracy change?",
          "lenet", lenetSmallKernels(), Exercise::lenetRace, ""),
      new Exercise("lenet-one-dense", "§7.6 ex. 2", "One dense layer less",
          "Remove the 84-unit hidden layer. Is the network still as accurate?",
          "Predict the parameter saving and the accuracy change.",
          "lenet", lenetShallow(), Exercise::lenetRace, ""),
      new Exercise("lenet-relu-dropout", "§8.1 ex. 6", "Dropout and ReLU in LeNet",
          "Apply AlexNet's habits to LeNet: ReLU and dropout. Does it help on FashionMNIST?",
          "Will the training accuracy be above or below the test accuracy now?",
          "lenet", lenetDropoutRelu(), Exercise::lenetRace, ""),
      new Exercise("alexnet-28", "§8.1 ex. 2–3", "An AlexNet for 28×28 that trains fast",
          "AlexNet upsamples FashionMNIST to 96 or 224 px. Design an AlexNet that works on the 28×28"
              + " images directly, trains much faster and loses no accuracy.",
          "How much faster per image? How many parameters and multiply-adds does it save?",
          "alexnet", alexnet28(), Exercise::alexnetRace, ALEXNET_28_MEASURED),
      new Exercise("alexnet-lean", "§8.1 ex. 5", "Where do AlexNet's parameters live?",
          "Cut the two dense layers from 4096 to 1024 units. What share of the parameters goes, and"
              + " how much of the computation?",
          "Predict both shares (parameters and multiply-adds) before you look at the cost strip.",
          "alexnet", alexnetLean(), Exercise::alexnetRace, ""));

  /** Every card, LeNet's first. */
  public static List<Exercise> all() {
    return ALL;
  }

  public static Optional<Exercise> find(String id) {
    return ALL.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
