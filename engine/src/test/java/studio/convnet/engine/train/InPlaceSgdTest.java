package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InPlaceSgdTest {

  /** Trains LeNet for 3 steps on fixed data and returns every parameter's values. */
  private static List<float[]> train(Optimizer opt) {
    EngineSupport.engine().setRandomSeed(11);
    JniUtils.setGradMode(false);
    TrainingConfig config = TrainingConfig.bookDefaults("lenet").optDevice(DeviceChoice.CPU).build();
    try (Trainers.Setup setup = Trainers.open(config, Device.cpu(), opt)) {
      NDManager mm = setup.trainer().getManager();
      NDArray x = mm.randomUniform(0, 1, new Shape(16, 1, 28, 28));
      NDArray y = mm.randomInteger(0, 10, new Shape(16), ai.djl.ndarray.types.DataType.INT64);
      for (int i = 0; i < 3; i++) {
        try (NDManager bm = mm.newSubManager()) {
          Trainers.step(setup, new NDList(x, y), false);
        }
      }
      List<float[]> out = new ArrayList<>();
      for (Parameter p : setup.block().getParameters().values()) out.add(p.getArray().toFloatArray());
      return out;
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
