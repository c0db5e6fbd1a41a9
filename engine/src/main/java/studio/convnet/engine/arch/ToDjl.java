package studio.convnet.engine.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Translates a {@link NetworkSpec} into a DJL block whose children are the spec's units ({@link
 * NetworkSpec#units()}), in order, each named after our layer ({@code 01conv1}, {@code
 * 02sigmoid1}, …) rather than DJL's {@code 01Conv2d}. Child {@code i} is always unit {@code i}, so
 * activations can be probed unit by unit; for a plain stack the units are the leaves. A concat
 * becomes a {@link ParallelBlock} joined by channel concatenation, a residual unit a parallel block
 * of main path and shortcut joined by addition, followed by its activation.
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
    return sequence(spec.units());
  }

  private static NamedSequentialBlock sequence(List<LayerSpec> layers) {
    NamedSequentialBlock net = new NamedSequentialBlock();
    for (LayerSpec layer : layers) {
      net.addNamed(layer.name(), block(layer));
    }
    return net;
  }

  /** One DJL block for one layer or block. */
  public static Block block(LayerSpec layer) {
    if (layer instanceof LayerSpec.Sequence s) {
      return sequence(s.layers());
    } else if (layer instanceof LayerSpec.Concat c) {
      List<Block> paths = c.paths().stream().map(ToDjl::block).toList();
      return new ParallelBlock(outs -> {
        NDList heads = new NDList();
        outs.forEach(o -> heads.add(o.singletonOrThrow()));
        return new NDList(NDArrays.concat(heads, 1));
      }, paths);
    } else if (layer instanceof LayerSpec.Residual r) {
      Block sum = new ParallelBlock(
          outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
          List.of(sequence(r.main()), block(r.shortcut())));
      if (r.after() == null) {
        return sum;
      }
      return new SequentialBlock().add(sum).add(activation(r.after()));
    } else if (layer instanceof LayerSpec.GlobalAvgPool) {
      return new LambdaBlock(x -> {
        NDArray in = x.singletonOrThrow();
        return new NDList(Pool.globalAvgPool2d(in).reshape(in.getShape().get(0), in.getShape().get(1), 1, 1));
      }, "globalAvgPool");
    } else if (layer instanceof LayerSpec.Identity) {
      return Blocks.identityBlock();
    } else if (layer instanceof LayerSpec.Conv c) {
      return ChannelAlignedConv2d.alignedBuilder()
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
      return activation(a.fn());
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

  private static Block activation(LayerSpec.Fn fn) {
    return switch (fn) {
      case RELU -> Activation.reluBlock();
      case SIGMOID -> Activation.sigmoidBlock();
      case TANH -> Activation.tanhBlock();
    };
  }
}
