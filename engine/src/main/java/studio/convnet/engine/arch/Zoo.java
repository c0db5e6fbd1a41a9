package studio.convnet.engine.arch;

import static studio.convnet.engine.arch.LayerSpec.Fn.RELU;
import static studio.convnet.engine.arch.LayerSpec.Fn.SIGMOID;
import static studio.convnet.engine.arch.LayerSpec.PoolKind.AVG;
import static studio.convnet.engine.arch.LayerSpec.PoolKind.MAX;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studio.convnet.engine.arch.LayerSpec.Activation;
import studio.convnet.engine.arch.LayerSpec.BatchNorm;
import studio.convnet.engine.arch.LayerSpec.Conv;
import studio.convnet.engine.arch.LayerSpec.Dense;
import studio.convnet.engine.arch.LayerSpec.Dropout;
import studio.convnet.engine.arch.LayerSpec.Flatten;
import studio.convnet.engine.arch.LayerSpec.Pool;
import studio.convnet.engine.arch.LayerSpec.Sequence;

/** The networks of d2l's "Modern CNNs" chapter, built from our own specs exactly as the book does. */
public final class Zoo {

  private static final Map<String, NetworkSpec> MODELS = new LinkedHashMap<>();

  static {
    register(lenet());
    register(lenetModern());
    register(alexnet());
    register(vgg11());
    register(ModernZoo.vgg11Small());
    register(ModernZoo.nin());
    register(ModernZoo.googlenet());
    register(ModernZoo.resnet18());
    register(ModernZoo.densenet());
  }

  private Zoo() {}

  private static void register(NetworkSpec spec) {
    MODELS.put(spec.id(), spec);
  }

  /** All models, in the book's order. */
  public static List<NetworkSpec> all() {
    return List.copyOf(MODELS.values());
  }

  public static Optional<NetworkSpec> find(String id) {
    return Optional.ofNullable(MODELS.get(id == null ? null : id.toLowerCase()));
  }

  /** Returns the model or throws with the list of known ids. */
  public static NetworkSpec get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown model '" + id + "'; known models: " + String.join(", ", MODELS.keySet())));
  }

  /** d2l 7.6 (LeNet-5 as the book writes it): sigmoid activations and average pooling. */
  public static NetworkSpec lenet() {
    return new NetworkSpec(
        "lenet",
        "LeNet (d2l)",
        "LeNet-5 as in d2l §7.6: two 5×5 convolutions with sigmoid and 2×2 average pooling, then"
            + " three dense layers (120, 84, 10). The book trains it on 28×28 FashionMNIST with SGD,"
            + " lr 0.9, batch 256, 10 epochs, Xavier initialisation (test accuracy ≈ 0.79).",
        1,
        28,
        10,
        List.of(
            new Conv("conv1", 6, 5, 1, 2),
            new Activation("sigmoid1", SIGMOID),
            new Pool("pool1", AVG, 2, 2, 0),
            new Conv("conv2", 16, 5, 1, 0),
            new Activation("sigmoid2", SIGMOID),
            new Pool("pool2", AVG, 2, 2, 0),
            new Flatten("flatten"),
            new Dense("fc1", 120),
            new Activation("sigmoid3", SIGMOID),
            new Dense("fc2", 84),
            new Activation("sigmoid4", SIGMOID),
            new Dense("fc3", 10)));
  }

  /** LeNet with today's habits: batch norm, ReLU and max pooling (d2l §8.5 uses the BN part). */
  public static NetworkSpec lenetModern() {
    return new NetworkSpec(
        "lenet-modern",
        "LeNet, modernised",
        "LeNet's shapes with today's habits: batch normalisation after every convolution and"
            + " hidden dense layer (d2l §8.5), ReLU instead of sigmoid, max instead of average"
            + " pooling. Trains well with Adam (lr 0.001) in a few epochs.",
        1,
        28,
        10,
        List.of(
            new Conv("conv1", 6, 5, 1, 2),
            new BatchNorm("bn1"),
            new Activation("relu1", RELU),
            new Pool("pool1", MAX, 2, 2, 0),
            new Conv("conv2", 16, 5, 1, 0),
            new BatchNorm("bn2"),
            new Activation("relu2", RELU),
            new Pool("pool2", MAX, 2, 2, 0),
            new Flatten("flatten"),
            new Dense("fc1", 120),
            new BatchNorm("bn3"),
            new Activation("relu3", RELU),
            new Dense("fc2", 84),
            new BatchNorm("bn4"),
            new Activation("relu4", RELU),
            new Dense("fc3", 10)));
  }

  /** d2l 8.1 AlexNet for 1-channel 224×224 FashionMNIST, without the notebook's trailing ReLU. */
  public static NetworkSpec alexnet() {
    return new NetworkSpec(
        "alexnet",
        "AlexNet (d2l)",
        "AlexNet as in d2l §8.1, for 1-channel images upsampled to 224×224: 11×11/4 convolution,"
            + " 5×5 and three 3×3 convolutions, 3×3/2 max pooling, two 4096-unit dense layers with"
            + " dropout 0.5, ReLU throughout. The book trains it with SGD lr 0.01, batch 128 (test"
            + " accuracy ≈ 0.88 after 10 epochs). Deviation: the seed notebook put a ReLU after the"
            + " last dense layer; that is a bug (it clamps negative logits to 0, so the softmax"
            + " cannot express 'not this class'), and it is left out here.",
        1,
        224,
        10,
        List.of(
            new Conv("conv1", 96, 11, 4, 1),
            new Activation("relu1", RELU),
            new Pool("pool1", MAX, 3, 2, 0),
            new Conv("conv2", 256, 5, 1, 2),
            new Activation("relu2", RELU),
            new Pool("pool2", MAX, 3, 2, 0),
            new Conv("conv3", 384, 3, 1, 1),
            new Activation("relu3", RELU),
            new Conv("conv4", 384, 3, 1, 1),
            new Activation("relu4", RELU),
            new Conv("conv5", 256, 3, 1, 1),
            new Activation("relu5", RELU),
            new Pool("pool3", MAX, 3, 2, 0),
            new Flatten("flatten"),
            new Dense("fc1", 4096),
            new Activation("relu6", RELU),
            new Dropout("dropout1", 0.5),
            new Dense("fc2", 4096),
            new Activation("relu7", RELU),
            new Dropout("dropout2", 0.5),
            new Dense("fc3", 10)));
  }

  /** d2l 8.2 VGG-11: five repeated blocks of 3×3 convolutions, each closed by 2×2 max pooling. */
  public static NetworkSpec vgg11() {
    List<LayerSpec> layers =
        ModernZoo.vggBlocks(new int[][] {{1, 64}, {1, 128}, {2, 256}, {2, 512}, {2, 512}});
    return new NetworkSpec(
        "vgg11",
        "VGG-11 (d2l)",
        "VGG-11 as in d2l §8.2: five VGG blocks (1, 1, 2, 2, 2 convolutions of 3×3 with padding 1"
            + " and 64…512 channels, each block closed by 2×2 max pooling), then AlexNet's dense"
            + " head. Far heavier than AlexNet: on a CPU use a small input and a data subset.",
        1,
        224,
        10,
        layers);
  }
}
