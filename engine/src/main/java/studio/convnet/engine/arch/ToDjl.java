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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
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

  /**
   * DJL's {@link Conv2d} with the channels it sums over padded with zeros to a multiple of 16, so that
   * oneDNN never sees a channel "tail"; the same parameters (names, shapes, checkpoints), the same
   * maths, only the arithmetic is done on a few more zero channels.
   *
   * <p>Why: the oneDNN 3.5.3 inside PyTorch 2.5.1 (DJL 0.33) computes direct convolutions with a
   * kernel larger than 1×1 wrongly on the build machine (AMD EPYC, AVX-512) when the channel count it
   * sums over is not a multiple of its 16-channel block: the forward pass when the <em>input</em>
   * channels are not (e.g. 120 or 24; below 8 oneDNN uses another kernel and is right), the gradient
   * of the input when the <em>output</em> channels are not (6, 10, 40). Measured against a plain
   * loop, deterministic and without any memory trick: 32×120×8×8 → 32, 3×3, padding 1 gave errors up
   * to 0.84 in 7 of the 8 output rows, every run; with 128 input channels, or in PyTorch 1.13 (oneDNN
   * 2.6.3) on the same machine, the error is 1e-6. The same kernel reads channel-padding memory that
   * was never written and multiplies it by zero, so when that memory happens to hold a NaN pattern
   * (freed memory of earlier work) whole 16-channel vectors of the output turn NaN: the "diverged"
   * DenseNet (its {@code dense_blk4} has 120, 152, 184, 216 input channels) and NiN (10 output
   * channels in its last block) of the chapter test. 1×1 kernels and the weight gradient were right in
   * every case tried. With {@code ONEDNN_MAX_CPU_ISA=AVX2} the block is 8 and the same happens (124
   * input channels, 10 output channels), so padding to 16 covers both. A second fault, with stride
   * above 1: the input gradient is wrong when the input has an odd number of 16-channel blocks above
   * one (48, 80, … 240 channels, 3×3 and 5×5, stride 2 or 3; 16, 32, 64, 96… are right), so there
   * the input channels are padded to a multiple of 32.
   *
   * <p>Decided at run time from the actual input: the input channels are padded when there are more
   * than 8 and they are not a multiple of 16 (of 32 for the strided case, when the input needs a
   * gradient); the output channels when the input needs a gradient (so the backward pass computes
   * one: not for the first layer, not in evaluation).
   *
   * <p>The DJL code {@link CodeExport} writes carries a copy of this class as text (an exported
   * program needs no engine); {@code CodeExportTest} checks the two compute the same.
   */
  public static final class ChannelAlignedConv2d extends Conv2d {

    /** oneDNN's f32 channel block on AVX-512 (8 on AVX2 divides it). */
    static final int BLOCK = 16;

    private ChannelAlignedConv2d(Conv2d.Builder builder) {
      super(builder);
    }

    /** A builder for this block, set like {@link Conv2d#builder()}. */
    public static Conv2d.Builder alignedBuilder() {
      return new Conv2d.Builder() {
        @Override
        public Conv2d build() {
          validate();
          return new ChannelAlignedConv2d(this);
        }
      };
    }

    /** How many zero channels make {@code channels} a multiple of {@code multiple}. */
    static long padTo(long channels, int multiple) {
      return (multiple - channels % multiple) % multiple;
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray w = store.getValue(weight, x.getDevice(), training);
      NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
      long cin = x.getShape().get(1);
      long cout = w.getShape().get(0);
      boolean wide = (kernelShape.get(0) > 1 || kernelShape.get(1) > 1) && groups == 1;
      boolean strided = stride.get(0) > 1 || stride.get(1) > 1;
      boolean inputGradient = x.hasGradient();
      long inPad = !wide || cin <= 8 ? 0
          : padTo(cin, strided && inputGradient && cin > BLOCK ? 2 * BLOCK : BLOCK);
      long outPad = wide && inputGradient ? padTo(cout, BLOCK) : 0;
      if (inPad == 0 && outPad == 0) {
        return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
      }
      // pad() takes (before, after) pairs from the last axis backwards; zeros, differentiable
      if (inPad > 0) {
        x = x.pad(new Shape(0, 0, 0, 0, 0, inPad), 0);
      }
      w = w.pad(new Shape(0, 0, 0, 0, 0, inPad, 0, outPad), 0);
      if (b != null && outPad > 0) {
        b = b.pad(new Shape(0, outPad), 0);
      }
      NDArray y = Conv2d.conv2d(x, w, b, stride, padding, dilation, groups).singletonOrThrow();
      return new NDList(outPad > 0 ? y.get(":, 0:" + cout) : y);
    }
  }

  private static Block activation(LayerSpec.Fn fn) {
    return switch (fn) {
      case RELU -> Activation.reluBlock();
      case SIGMOID -> Activation.sigmoidBlock();
      case TANH -> Activation.tanhBlock();
    };
  }
}
