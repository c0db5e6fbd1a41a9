package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;

/**
 * One training step's forward, loss and backward — the code the training loop and {@code bench}
 * share, so the benchmark times the step that trains — with an optional {@link PhaseClock}.
 *
 * <p>With {@link Precision#BF16} the forward pass runs under PyTorch's CPU autocast ({@link Autocast}):
 * convolutions and dense layers in bf16, parameters and their updates in float32. The prediction is
 * cast back to float32 before the loss (differentiably, see {@link #toFloat32KeepingGrad}) (DJL cannot name a bf16 array's type, and the softmax and
 * its logarithm are better in float32), and the backward pass runs with autocast off, in the types
 * the forward chose (as {@code torch.autocast} prescribes).
 */
public final class TrainStep {

  private TrainStep() {}

  /** The float32 prediction and the scalar loss of a step, both alive until the batch's manager closes. */
  public record Output(NDArray prediction, NDArray loss, float lossValue) {}

  /**
   * Forward, loss and backward of one batch; the caller then checks the loss and calls
   * {@code trainer.step()} (timed as {@link PhaseClock.Phase#UPDATE} by the caller, if wanted).
   *
   * @param clock null, or the clock whose laps mark forward (with the loss) and backward
   */
  public static Output forwardBackward(Trainer trainer, NDList x, NDList y, Precision precision, PhaseClock clock) {
    boolean bf16 = precision == Precision.BF16;
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDArray pred;
      try (Autocast.Scope on = Autocast.scope(bf16)) {
        pred = trainer.forward(x).singletonOrThrow();
      }
      if (bf16) {
        pred = toFloat32KeepingGrad(pred);
      }
      NDArray loss = trainer.getLoss().evaluate(y, new NDList(pred));
      if (clock != null) clock.lap(PhaseClock.Phase.FORWARD);
      gc.backward(loss);
      float value = loss.getFloat(); // on the CPU every op has finished here
      if (clock != null) clock.lap(PhaseClock.Phase.BACKWARD);
      return new Output(pred, loss, value);
    }
  }

  /**
   * A differentiable cast to float32. DJL's {@code toType} runs under a no-grad guard in its JNI
   * ({@code torchTo}), which would cut the graph; adding float32 zeros promotes bf16 to float32 and
   * keeps the gradient's path.
   */
  static NDArray toFloat32KeepingGrad(NDArray bf16) {
    return bf16.add(bf16.getManager().zeros(bf16.getShape(), DataType.FLOAT32));
  }

  /**
   * The optimizer's update after {@link #forwardBackward}: {@link InPlaceSgd#step} on one device
   * (no gradient copies), else DJL's {@code trainer.step()}.
   */
  public static void update(Trainer trainer, Optimizer optimizer) {
    if (optimizer instanceof InPlaceSgd sgd && trainer.getDevices().length == 1) {
      sgd.step(trainer.getModel().getBlock());
    } else {
      trainer.step();
    }
  }

  /** Runs the forward pass for evaluation (no gradients), under autocast for bf16; the result is float32. */
  public static NDArray evaluate(Trainer trainer, NDList x, Precision precision) {
    boolean bf16 = precision == Precision.BF16;
    NDArray out;
    try (Autocast.Scope on = Autocast.scope(bf16)) {
      out = trainer.evaluate(x).singletonOrThrow();
    }
    return bf16 ? out.toType(DataType.FLOAT32, false) : out;
  }
}
