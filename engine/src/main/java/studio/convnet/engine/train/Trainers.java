package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ToDjl;

/**
 * The trainer factory: a config's network as a DJL model on a device, with its loss, optimizer and
 * initialisation, and one training step. Training ({@link TrainingSession}) and the benchmark
 * ({@code convnet bench}) both use it, so they time and train the same thing.
 */
public final class Trainers {

  private Trainers() {}

  /**
   * An initialised model + trainer; closing it frees both. {@code halves} is null, or the helper that
   * trains each batch as two halves at once ({@link HalfBatches}); close on the thread that opened it.
   */
  public record Setup(Model model, Trainer trainer, Block block, StatefulOptimizer optimizer, HalfBatches halves,
      GradientCheck check) implements AutoCloseable {
    @Override
    public void close() {
      if (halves != null) {
        halves.close();
      }
      trainer.close();
      model.close();
    }

    /** Steps computed again because their first result was faulty (see {@link GradientCheck}); cleared. */
    public java.util.List<String> takeFaults() {
      return check.takeFaults();
    }

    /** How this setup trains a batch: "two half batches at once" or "whole batches". */
    public String batchMode() {
      return halves != null ? "two half batches at once" : "whole batches";
    }
  }

  /** Why the config trains whole batches on {@code device} (with this thread's PyTorch threads), or empty. */
  public static java.util.Optional<String> whyWholeBatches(TrainingConfig config, Device device) {
    return HalfBatches.whyWhole(config, device, JniUtils.getNumThreads());
  }

  /** What one step gives back: the batch's mean loss and (when asked) how many it got right. */
  public record Step(float loss, long correct) {}

  /**
   * Builds the config's network on {@code device} and initialises it for its input size; a small
   * network trains its batches in two halves at once where {@link HalfBatches#whyWhole} allows.
   */
  public static Setup open(TrainingConfig config, Device device) {
    return open(config, device, true);
  }

  /** As {@link #open(TrainingConfig, Device)}; {@code mayHalve} false always trains whole batches. */
  public static Setup open(TrainingConfig config, Device device, boolean mayHalve) {
    NetworkSpec spec = config.spec();
    Block block = ToDjl.build(spec);
    Model model = Model.newInstance(spec.id(), device);
    try {
      model.setBlock(block);
      StatefulOptimizer optimizer = optimizer(config);
      Trainer trainer = model.newTrainer(djlConfig(config, device, optimizer));
      int size = config.inputSize();
      trainer.initialize(new Shape(1, spec.inputChannels(), size, size));
      boolean halve = mayHalve && HalfBatches.whyWhole(config, device, JniUtils.getNumThreads()).isEmpty();
      return new Setup(model, trainer, block, optimizer, halve ? new HalfBatches() : null,
          new GradientCheck());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Softmax cross-entropy, the config's optimizer, and d2l's Xavier initialisation when asked. */
  static DefaultTrainingConfig djlConfig(TrainingConfig config, Device device, Optimizer optimizer) {
    DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(optimizer)
        .optDevices(new Device[] {device});
    if (config.init() == TrainingConfig.Init.XAVIER) {
      // PyTorch's xavier_uniform_ (d2l): U(±sqrt(6 / (fan_in + fan_out))) = DJL AVG factor, magnitude 3
      tc.optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
          XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
    }
    return tc;
  }

  /** The config's optimizer, ours rather than DJL's so that its state can be checkpointed (StatefulOptimizer). */
  static StatefulOptimizer optimizer(TrainingConfig config) {
    StatefulOptimizer.Kind kind = switch (config.optimizer()) {
      case SGD -> StatefulOptimizer.Kind.SGD;
      case SGD_MOMENTUM -> StatefulOptimizer.Kind.MOMENTUM;
      case ADAM -> StatefulOptimizer.Kind.ADAM;
    };
    return new StatefulOptimizer(kind, (float) config.learningRate(), (float) config.momentum(),
        (float) config.weightDecay());
  }

  /**
   * Forward, loss, backward and the optimizer's update on one batch (x, y). Reading the loss
   * synchronises with the device, so the step is finished when this returns. A non-finite loss is
   * returned as it is, before the update, for the caller to stop on.
   *
   * <p>With {@link Precision#BF16} the forward pass runs under PyTorch's CPU autocast ({@link
   * Autocast}): convolutions and dense layers in bf16, parameters and their updates in float32. The
   * prediction is cast back to float32 before the loss (differentiably: {@link #toFloat32KeepingGrad})
   * and the backward pass runs with autocast off, in the types the forward chose (as
   * {@code torch.autocast} prescribes).
   *
   * @param clock null, or the clock whose laps mark forward (with the loss), backward and update
   */
  public static Step step(Setup setup, NDList xy, boolean countCorrect, Precision precision, PhaseClock clock) {
    return step(setup, xy, countCorrect, precision, false, clock);
  }

  /**
   * As {@link #step(Setup, NDList, boolean, Precision, PhaseClock)}; with {@code channelsLast} the
   * images are handed to the network in channels-last memory order (still shaped N, C, H, W), which
   * PyTorch's convolutions then keep from layer to layer (an experiment: {@code bench --channels-last}).
   */
  public static Step step(Setup setup, NDList xy, boolean countCorrect, Precision precision, boolean channelsLast,
      PhaseClock clock) {
    return step(setup, xy, countCorrect, precision, channelsLast, clock, null);
  }

  /**
   * As above; {@code beforeUpdate} (when not null) runs after the backward pass and before the
   * update, while each weight's gradient is still the batch's (the update uses it as scratch space).
   * It must only read. Not run when the loss is not finite (there is no update then either).
   */
  static Step step(Setup setup, NDList xy, boolean countCorrect, Precision precision, boolean channelsLast,
      PhaseClock clock, Runnable beforeUpdate) {
    boolean halved = setup.halves() != null && precision == Precision.FP32 && !channelsLast
        && xy.get(0).getShape().get(0) >= 2;
    // a step whose gradient is unfit is computed again from the same weights (GradientCheck)
    Step result = setup.check().checked(setup.trainer(), halved, c -> halved
        ? setup.halves().forwardBackward(setup.trainer(), xy, countCorrect, c)
        : forwardBackward(setup.trainer(), xy, countCorrect, precision, channelsLast, c), clock);
    if (Float.isFinite(result.loss())) {
      if (beforeUpdate != null) {
        beforeUpdate.run();
      }
      update(setup);
      lap(clock, PhaseClock.Phase.UPDATE);
    }
    return result;
  }

  /** Forward, loss and backward of the whole batch; the caller updates. */
  private static Step forwardBackward(Trainer trainer, NDList xy, boolean countCorrect, Precision precision,
      boolean channelsLast, PhaseClock clock) {
    NDList y = new NDList(xy.get(1));
    boolean bf16 = precision == Precision.BF16;
    NDArray x = channelsLast ? channelsLast(xy.get(0)) : xy.get(0);
    float loss;
    NDArray pred;
    try (GradientCollector gc = trainer.newGradientCollector()) {
      try (Autocast.Scope on = Autocast.scope(bf16)) {
        pred = trainer.forward(new NDList(x)).singletonOrThrow();
      }
      if (bf16) {
        pred = toFloat32KeepingGrad(pred);
      }
      NDArray l = trainer.getLoss().evaluate(y, new NDList(pred));
      lap(clock, PhaseClock.Phase.FORWARD);
      gc.backward(l);
      loss = l.getFloat();
      lap(clock, PhaseClock.Phase.BACKWARD);
    }
    long right = countCorrect ? pred.argMax(1).eq(y.singletonOrThrow()).countNonzero().getLong() : 0;
    return new Step(loss, right);
  }

  /** A float32 step without timing. */
  public static Step step(Setup setup, NDList xy, boolean countCorrect) {
    return step(setup, xy, countCorrect, Precision.FP32, null);
  }

  private static void lap(PhaseClock clock, PhaseClock.Phase phase) {
    if (clock != null) clock.lap(phase);
  }

  /**
   * The optimizer's update: {@link StatefulOptimizer#step} on one device, straight on each parameter's
   * gradient, else DJL's {@code trainer.step()}. DJL's step goes through its parameter server, which
   * duplicates every gradient first (for a multi-device reduction), allocating the whole model's size
   * again each step.
   */
  static void update(Setup setup) {
    if (setup.trainer().getDevices().length == 1) {
      setup.optimizer().step(setup.block());
    } else {
      setup.trainer().step();
    }
  }

  /**
   * The same (N, C, H, W) values stored channels-last (NHWC in memory): DJL has no memory-format
   * call, so NHWC is materialised by a permute and a reshape (which copies) and viewed back as NCHW;
   * PyTorch recognises the strides as {@code torch.channels_last}.
   */
  static NDArray channelsLast(NDArray nchw) {
    long[] s = nchw.getShape().getShape();
    return nchw.transpose(0, 2, 3, 1).reshape(s[0], s[2] * s[3] * s[1]).reshape(s[0], s[2], s[3], s[1])
        .transpose(0, 3, 1, 2);
  }

  /**
   * A differentiable cast to float32. DJL's {@code toType} runs under a no-grad guard in its JNI
   * ({@code torchTo}), which would cut the graph; adding float32 zeros promotes bf16 to float32 and
   * keeps the gradient's path.
   */
  static NDArray toFloat32KeepingGrad(NDArray bf16) {
    return bf16.add(bf16.getManager().zeros(bf16.getShape(), DataType.FLOAT32));
  }

  /** The forward pass for evaluation (no gradients), under autocast for bf16; the result is float32. */
  public static NDArray evaluate(Setup setup, NDList x, Precision precision) {
    Trainer trainer = setup.trainer();
    if (setup.halves() != null && precision == Precision.FP32) {
      return setup.halves().evaluate(trainer, x.singletonOrThrow());
    }
    boolean bf16 = precision == Precision.BF16;
    NDArray out;
    try (Autocast.Scope on = Autocast.scope(bf16)) {
      out = trainer.evaluate(x).singletonOrThrow();
    }
    return bf16 ? out.toType(DataType.FLOAT32, false) : out;
  }
}
