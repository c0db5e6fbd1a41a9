package studio.convnet.engine.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
 * input channels, 10 output channels), so padding to 16 covers both.
 *
 * <p>Decided at run time from the actual input: the input channels are padded when there are more
 * than 8 and they are not a multiple of 16; the output channels when the input needs a gradient
 * (so the backward pass computes one: not for the first layer, not in evaluation).
 */
public final class ChannelAlignedConv2d extends Conv2d {

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

  /** How many zero channels to add to {@code channels} (0 when it is already aligned). */
  static long padTo(long channels) {
    return (BLOCK - channels % BLOCK) % BLOCK;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
    long cin = x.getShape().get(1);
    long cout = w.getShape().get(0);
    boolean wide = kernelShape.get(0) > 1 || kernelShape.get(1) > 1;
    long inPad = wide && groups == 1 && cin > 8 ? padTo(cin) : 0;
    long outPad = wide && groups == 1 && x.hasGradient() ? padTo(cout) : 0;
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
