package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD (with optional momentum and weight decay) that updates each parameter in place, with the same
 * arithmetic as DJL's {@code Sgd} but without its copies.
 *
 * <p>DJL 0.33's PyTorch SGD ({@code PyTorchLibrary_optim.cc sgdUpdate}) clones every gradient, adds
 * {@code weight_decay × weight} even when the decay is 0, scales, subtracts, then zeroes the
 * gradient: five passes over memory and a fresh allocation as large as the parameter. For AlexNet's
 * 26–38 M-value dense layers that allocation is above glibc's largest mmap threshold, so it
 * page-faults in ~100–200 MB of new pages every step (the tens of thousands of faults per step
 * {@code bench} reported). Here: {@code grad *= lr} in place (the gradient is zeroed afterwards
 * anyway), {@code weight -= grad} (or the momentum buffer), zero the gradient: three passes, no
 * allocation. With weight decay 0 the result is bit for bit DJL's ({@code (g + 0·w)·lr = g·lr});
 * with weight decay the decay term is added to the scaled gradient ({@code g·lr + w·(lr·wd)},
 * equal in exact arithmetic to DJL's {@code (g + wd·w)·lr}).
 */
public final class InPlaceSgd extends Optimizer {

  private final float learningRate;
  private final float momentum;
  private final Map<String, Map<Device, NDArray>> momentumStates = new ConcurrentHashMap<>();

  private InPlaceSgd(Builder b) {
    super(b);
    this.learningRate = b.learningRate;
    this.momentum = b.momentum;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    updateCount(parameterId);
    float wd = getWeightDecay();
    grad.muli(learningRate * rescaleGrad);
    if (clipGrad >= 0) {
      throw new UnsupportedOperationException("gradient clipping is not supported by InPlaceSgd");
    }
    if (wd != 0f) {
      try (NDArray decay = weight.mul(learningRate * wd)) {
        grad.addi(decay);
      }
    }
    if (momentum == 0f) {
      weight.subi(grad);
    } else {
      NDArray state = withDefaultState(momentumStates, parameterId, weight.getDevice(), k -> weight.zerosLike());
      state.muli(momentum).addi(grad);
      weight.subi(state);
    }
    JniUtils.zeroGrad((PtNDArray) weight);
  }

  /**
   * Updates every trainable parameter of {@code block} from its gradient, on the parameter's own
   * device: {@code Trainer.step()} without DJL's parameter server, which duplicates every gradient
   * first (for multi-device reduction) and so allocates the whole model's size again each step.
   * Only for one device.
   */
  public void step(Block block) {
    for (Parameter p : block.getParameters().values()) {
      if (!p.requiresGradient()) continue;
      NDArray w = p.getArray();
      try (NDArray g = w.getGradient()) {
        update(p.getId(), w, g);
      }
    }
  }

  /** Learning rate (fixed), momentum (0: none), weight decay. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    private float learningRate = 0.01f;
    private float momentum;

    public Builder learningRate(float lr) {
      this.learningRate = lr;
      return this;
    }

    public Builder momentum(float m) {
      this.momentum = m;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public InPlaceSgd build() {
      return new InPlaceSgd(this);
    }
  }
}
