package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.arch.Zoo;

class InPlaceSgdTest {

  /** Trains LeNet for 3 steps on fixed data and returns every parameter's values. */
  private static List<float[]> train(Optimizer opt) {
    EngineSupport.engine().setRandomSeed(11);
    JniUtils.setGradMode(false);
    try (Model m = Model.newInstance("lenet", Device.cpu())) {
      m.setBlock(ToDjl.build(Zoo.get("lenet")));
      try (Trainer t = m.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(opt).optDevices(new Device[] {Device.cpu()}))) {
        t.initialize(new Shape(1, 1, 28, 28));
        NDManager mm = t.getManager();
        NDArray x = mm.randomUniform(0, 1, new Shape(16, 1, 28, 28));
        NDArray y = mm.randomInteger(0, 10, new Shape(16), ai.djl.ndarray.types.DataType.INT64);
        for (int i = 0; i < 3; i++) {
          try (NDManager bm = mm.newSubManager()) {
            TrainStep.forwardBackward(t, new NDList(x), new NDList(y), Precision.FP32, null);
            TrainStep.update(t, opt);
          }
        }
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.getBlock().getParameters().values()) out.add(p.getArray().toFloatArray());
        return out;
      }
    }
  }

  @ParameterizedTest(name = "momentum {0}")
  @CsvSource({"0", "0.9"})
  void givesBitForBitTheParametersOfDjlsSgd(float momentum) {
    List<float[]> djl = train(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).optMomentum(momentum).build());
    List<float[]> ours = train(InPlaceSgd.builder().learningRate(0.5f).momentum(momentum).build());
    assertThat(ours).hasSameSizeAs(djl);
    for (int i = 0; i < djl.size(); i++) {
      assertThat(ours.get(i)).as("parameter %d", i).containsExactly(djl.get(i));
    }
    List<float[]> untrained = train(InPlaceSgd.builder().learningRate(0f).build());
    assertThat(ours.get(0)).as("the update changed the weights").isNotEqualTo(untrained.get(0));
  }
}
