package studio.convnet.engine.arch;

import static studio.convnet.engine.arch.LayerSpec.Fn.RELU;
import static studio.convnet.engine.arch.LayerSpec.PoolKind.AVG;
import static studio.convnet.engine.arch.LayerSpec.PoolKind.MAX;

import java.util.ArrayList;
import java.util.List;
import studio.convnet.engine.arch.LayerSpec.Activation;
import studio.convnet.engine.arch.LayerSpec.BatchNorm;
import studio.convnet.engine.arch.LayerSpec.Concat;
import studio.convnet.engine.arch.LayerSpec.Conv;
import studio.convnet.engine.arch.LayerSpec.Dense;
import studio.convnet.engine.arch.LayerSpec.Dropout;
import studio.convnet.engine.arch.LayerSpec.Flatten;
import studio.convnet.engine.arch.LayerSpec.GlobalAvgPool;
import studio.convnet.engine.arch.LayerSpec.Identity;
import studio.convnet.engine.arch.LayerSpec.Pool;
import studio.convnet.engine.arch.LayerSpec.Residual;
import studio.convnet.engine.arch.LayerSpec.Sequence;

/**
 * The chapter's networks after AlexNet, transcribed from d2l's PyTorch code (d2l-en,
 * chapter_convolutional-modern/{vgg,nin,googlenet,resnet,densenet}.md), block names as the book's
 * code names them where it names them ({@code b1}…{@code b5}, {@code dense_blk1}, {@code last}).
 */
final class ModernZoo {

  private ModernZoo() {}

  /** d2l §8.2's {@code vgg_block}: convolutions of 3×3 with padding 1 and ReLU, then 2×2 max pooling. */
  static List<LayerSpec> vggBlocks(int[][] arch) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int b = 0; b < arch.length; b++) {
      List<LayerSpec> block = new ArrayList<>();
      for (int c = 0; c < arch[b][0]; c++) {
        block.add(new Conv("conv" + (c + 1), arch[b][1], 3, 1, 1));
        block.add(new Activation("relu" + (c + 1), RELU));
      }
      block.add(new Pool("pool", MAX, 2, 2, 0));
      layers.add(new Sequence("block" + (b + 1), block));
    }
    layers.add(new Flatten("flatten"));
    layers.add(new Dense("fc1", 4096));
    layers.add(new Activation("relu6", RELU));
    layers.add(new Dropout("dropout1", 0.5));
    layers.add(new Dense("fc2", 4096));
    layers.add(new Activation("relu7", RELU));
    layers.add(new Dropout("dropout2", 0.5));
    layers.add(new Dense("fc3", 10));
    return layers;
  }

  static NetworkSpec vgg11Small() {
    return new NetworkSpec(
        "vgg11-small",
        "VGG-11, small (d2l)",
        "The book's FashionMNIST VGG-11 (d2l §8.2): the five VGG blocks of VGG-11 with a quarter of"
            + " the channels (16, 32, 64, 128, 128), then the 4096-4096-10 head. The book trains it"
            + " at 224×224 with SGD lr 0.01, batch 128, 10 epochs.",
        1, 224, 10,
        vggBlocks(new int[][] {{1, 16}, {1, 32}, {2, 64}, {2, 128}, {2, 128}}));
  }

  /** d2l §8.3's {@code nin_block}: a k×k convolution then two 1×1 convolutions, each with ReLU. */
  private static Sequence ninBlock(String name, int channels, int kernel, int stride, int padding) {
    return new Sequence(name, List.of(
        new Conv("conv1", channels, kernel, stride, padding), new Activation("relu1", RELU),
        new Conv("conv2", channels, 1, 1, 0), new Activation("relu2", RELU),
        new Conv("conv3", channels, 1, 1, 0), new Activation("relu3", RELU)));
  }

  static NetworkSpec nin() {
    return new NetworkSpec(
        "nin",
        "NiN (d2l)",
        "Network in Network (d2l §8.3): four NiN blocks (a convolution followed by two 1×1"
            + " convolutions) with max pooling between them; the last block has one channel per"
            + " class and global average pooling replaces AlexNet's dense layers, so NiN has ~2 M"
            + " parameters instead of ~47 M. The book trains it at 224×224 with SGD lr 0.05,"
            + " batch 128, 10 epochs.",
        1, 224, 10,
        List.of(
            ninBlock("nin1", 96, 11, 4, 0), new Pool("pool1", MAX, 3, 2, 0),
            ninBlock("nin2", 256, 5, 1, 2), new Pool("pool2", MAX, 3, 2, 0),
            ninBlock("nin3", 384, 3, 1, 1), new Pool("pool3", MAX, 3, 2, 0),
            new Dropout("dropout", 0.5),
            ninBlock("nin4", 10, 3, 1, 1),
            new GlobalAvgPool("gap"), new Flatten("flatten")));
  }

  /** d2l §8.4's Inception block: four paths of c1, c2 = (1×1, 3×3), c3 = (1×1, 5×5), c4 channels. */
  private static Concat inception(String name, int c1, int[] c2, int[] c3, int c4) {
    return new Concat(name, List.of(
        new Sequence("b1", List.of(new Conv("conv", c1, 1, 1, 0), new Activation("relu", RELU))),
        new Sequence("b2", List.of(
            new Conv("conv1", c2[0], 1, 1, 0), new Activation("relu1", RELU),
            new Conv("conv2", c2[1], 3, 1, 1), new Activation("relu2", RELU))),
        new Sequence("b3", List.of(
            new Conv("conv1", c3[0], 1, 1, 0), new Activation("relu1", RELU),
            new Conv("conv2", c3[1], 5, 1, 2), new Activation("relu2", RELU))),
        new Sequence("b4", List.of(
            new Pool("pool", MAX, 3, 1, 1), new Conv("conv", c4, 1, 1, 0),
            new Activation("relu", RELU)))));
  }

  private static int[] p(int a, int b) {
    return new int[] {a, b};
  }

  static NetworkSpec googlenet() {
    Pool down = new Pool("pool", MAX, 3, 2, 1);
    return new NetworkSpec(
        "googlenet",
        "GoogLeNet (d2l)",
        "GoogLeNet (d2l §8.4): a 7×7 stem, then nine Inception blocks — four parallel paths (1×1;"
            + " 1×1 then 3×3; 1×1 then 5×5; 3×3 max pooling then 1×1) whose channels are"
            + " concatenated — global average pooling and one dense layer. The book trains it at"
            + " 96×96 with SGD lr 0.01, batch 128, 10 epochs.",
        1, 96, 10,
        List.of(
            new Sequence("b1", List.of(
                new Conv("conv", 64, 7, 2, 3), new Activation("relu", RELU), down)),
            new Sequence("b2", List.of(
                new Conv("conv1", 64, 1, 1, 0), new Activation("relu1", RELU),
                new Conv("conv2", 192, 3, 1, 1), new Activation("relu2", RELU), down)),
            new Sequence("b3", List.of(
                inception("inception3a", 64, p(96, 128), p(16, 32), 32),
                inception("inception3b", 128, p(128, 192), p(32, 96), 64), down)),
            new Sequence("b4", List.of(
                inception("inception4a", 192, p(96, 208), p(16, 48), 64),
                inception("inception4b", 160, p(112, 224), p(24, 64), 64),
                inception("inception4c", 128, p(128, 256), p(24, 64), 64),
                inception("inception4d", 112, p(144, 288), p(32, 64), 64),
                inception("inception4e", 256, p(160, 320), p(32, 128), 128), down)),
            new Sequence("b5", List.of(
                inception("inception5a", 256, p(160, 320), p(32, 128), 128),
                inception("inception5b", 384, p(192, 384), p(48, 128), 128),
                new GlobalAvgPool("gap"), new Flatten("flatten"))),
            new Dense("fc", 10)));
  }

  /** The stem shared by ResNet and DenseNet: 7×7/2 convolution, batch norm, ReLU, 3×3/2 max pooling. */
  private static Sequence stem() {
    return new Sequence("b1", List.of(
        new Conv("conv", 64, 7, 2, 3), new BatchNorm("bn"), new Activation("relu", RELU),
        new Pool("pool", MAX, 3, 2, 1)));
  }

  /** d2l §8.6's {@code Residual}: two 3×3 convolutions with batch norm, identity or 1×1 shortcut. */
  private static Residual residual(String name, int channels, boolean use1x1, int stride) {
    LayerSpec shortcut = use1x1 ? new Conv("shortcut", channels, 1, stride, 0) : new Identity("shortcut");
    return new Residual(name, List.of(
        new Conv("conv1", channels, 3, stride, 1), new BatchNorm("bn1"), new Activation("relu1", RELU),
        new Conv("conv2", channels, 3, 1, 1), new BatchNorm("bn2")), shortcut, RELU);
  }

  static NetworkSpec resnet18() {
    List<LayerSpec> layers = new ArrayList<>(List.of(stem()));
    int[] channels = {64, 128, 256, 512};
    for (int i = 0; i < channels.length; i++) {
      boolean first = i == 0;
      layers.add(new Sequence("b" + (i + 2), List.of(
          residual("unit1", channels[i], !first, first ? 1 : 2),
          residual("unit2", channels[i], false, 1))));
    }
    layers.add(new Sequence("last", List.of(
        new GlobalAvgPool("gap"), new Flatten("flatten"), new Dense("fc", 10))));
    return new NetworkSpec(
        "resnet18",
        "ResNet-18 (d2l)",
        "ResNet-18 (d2l §8.6): the 7×7 stem with batch norm, four stages of two residual units"
            + " (two 3×3 convolutions with batch norm; the input is added back through the identity,"
            + " or through a 1×1 convolution with stride 2 where a stage halves the size), global"
            + " average pooling and one dense layer. The book trains it at 96×96 with SGD lr 0.01,"
            + " batch 128, 10 epochs.",
        1, 96, 10, layers);
  }

  static NetworkSpec densenet() {
    List<LayerSpec> layers = new ArrayList<>(List.of(stem()));
    int channels = 64;
    int growth = 32;
    int[] arch = {4, 4, 4, 4};
    for (int i = 0; i < arch.length; i++) {
      List<LayerSpec> convs = new ArrayList<>();
      for (int c = 0; c < arch[i]; c++) {
        convs.add(new Concat("conv" + (c + 1), List.of(
            new Identity("input"),
            new Sequence("new", List.of(
                new BatchNorm("bn"), new Activation("relu", RELU), new Conv("conv", growth, 3, 1, 1))))));
      }
      layers.add(new Sequence("dense_blk" + (i + 1), convs));
      channels += arch[i] * growth;
      if (i != arch.length - 1) {
        channels /= 2;
        layers.add(new Sequence("tran_blk" + (i + 1), List.of(
            new BatchNorm("bn"), new Activation("relu", RELU), new Conv("conv", channels, 1, 1, 0),
            new Pool("pool", AVG, 2, 2, 0))));
      }
    }
    layers.add(new Sequence("last", List.of(
        new BatchNorm("bn"), new Activation("relu", RELU), new GlobalAvgPool("gap"),
        new Flatten("flatten"), new Dense("fc", 10))));
    return new NetworkSpec(
        "densenet",
        "DenseNet (d2l)",
        "DenseNet (d2l §8.7): the ResNet stem, four dense blocks of four BN-ReLU-3×3 convolutions"
            + " (growth 32), each concatenating its new channels to everything before it, 1×1"
            + " transition blocks halving the channels and the size between them. The book trains"
            + " it at 96×96 with SGD lr 0.01, batch 128, 10 epochs.",
        1, 96, 10, layers);
  }
}
