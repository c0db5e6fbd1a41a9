package studio.convnet.engine.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Translates a {@link NetworkSpec} into a DJL block whose children are the spec's leaf layers, in
 * order, each named after our layer ({@code 01conv1}, {@code 02sigmoid1}, …) rather than DJL's
 * {@code 01Conv2d}. Child {@code i} is always leaf {@code i}, so activations can be probed layer by
 * layer.
 */
public final class ToDjl {

  private ToDjl() {}

  /** A sequential block that keeps the names we give its children. */
  public static final class NamedSequentialBlock extends SequentialBlock {
    NamedSequentialBlock addNamed(String name, Block block) {
      addChildBlock(name.replace('/', '.'), block);
      return this;
    }
  }

  public static NamedSequentialBlock build(NetworkSpec spec) {
    NamedSequentialBlock net = new NamedSequentialBlock();
    List<LayerSpec> leaves = spec.leaves();
    for (LayerSpec layer : leaves) {
      net.addNamed(layer.name(), block(layer));
    }
    return net;
  }

  /** One DJL block for one leaf layer. */
  public static Block block(LayerSpec layer) {
    if (layer instanceof LayerSpec.Conv c) {
      return Conv2d.builder()
          .setFilters(c.channels())
          .setKernelShape(new Shape(c.kernel(), c.kernel()))
          .optStride(new Shape(c.stride(), c.stride()))
          .optPadding(new Shape(c.padding(), c.padding()))
          .build();
    } else if (layer instanceof LayerSpec.Pool p) {
      Shape window = new Shape(p.window(), p.window());
      Shape stride = new Shape(p.stride(), p.stride());
      Shape pad = new Shape(p.padding(), p.padding());
      return p.kind() == LayerSpec.PoolKind.MAX
          ? Pool.maxPool2dBlock(window, stride, pad)
          : Pool.avgPool2dBlock(window, stride, pad);
    } else if (layer instanceof LayerSpec.Dense d) {
      return Linear.builder().setUnits(d.units()).build();
    } else if (layer instanceof LayerSpec.Activation a) {
      return switch (a.fn()) {
        case RELU -> Activation.reluBlock();
        case SIGMOID -> Activation.sigmoidBlock();
        case TANH -> Activation.tanhBlock();
      };
    } else if (layer instanceof LayerSpec.Dropout d) {
      return Dropout.builder().optRate((float) d.rate()).build();
    } else if (layer instanceof LayerSpec.Flatten) {
      return Blocks.batchFlattenBlock();
    } else if (layer instanceof LayerSpec.BatchNorm) {
      return BatchNorm.builder().build();
    }
    throw new IllegalArgumentException(
        layer.name() + ": no DJL block for " + layer.getClass().getSimpleName());
  }
}
