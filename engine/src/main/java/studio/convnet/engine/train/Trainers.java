package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
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

  /** An initialised model + trainer; closing it frees both. */
  public record Setup(Model model, Trainer trainer, Block block, StatefulOptimizer optimizer) implements AutoCloseable {
    @Override
    public void close() {
      trainer.close();
      model.close();
    }
  }

  /** What one step gives back: the batch's mean loss and (when asked) how many it got right. */
  public record Step(float loss, long correct) {}

  /** Builds the config's network on {@code device} and initialises it for its input size. */
  public static Setup open(TrainingConfig config, Device device) {
    NetworkSpec spec = config.spec();
    Block block = ToDjl.build(spec);
    Model model = Model.newInstance(spec.id(), device);
    try {
      model.setBlock(block);
      StatefulOptimizer optimizer = optimizer(config);
      Trainer trainer = model.newTrainer(djlConfig(config, device, optimizer));
      int size = config.inputSize();
      trainer.initialize(new Shape(1, spec.inputChannels(), size, size));
      return new Setup(model, trainer, block, optimizer);
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
   */
  public static Step step(Trainer trainer, NDList xy, boolean countCorrect) {
    NDList x = new NDList(xy.get(0));
    NDList y = new NDList(xy.get(1));
    float loss;
    long right = 0;
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDList pred = trainer.forward(x);
      NDArray l = trainer.getLoss().evaluate(y, pred);
      gc.backward(l);
      loss = l.getFloat();
      if (countCorrect) {
        right = pred.singletonOrThrow().argMax(1).eq(y.singletonOrThrow()).countNonzero().getLong();
      }
    }
    if (Float.isFinite(loss)) {
      trainer.step();
    }
    return new Step(loss, right);
  }
}
