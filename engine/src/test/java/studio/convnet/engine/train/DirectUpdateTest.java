package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The update straight on each gradient (Trainers.step) gives exactly what DJL's trainer.step() gives. */
class DirectUpdateTest {

  /** LeNet, 3 steps on fixed data, updated directly or through DJL's parameter server; every parameter. */
  private static List<float[]> train(TrainingConfig.OptimizerKind kind, boolean throughDjl) {
    EngineSupport.engine().setRandomSeed(11);
    JniUtils.setGradMode(false);
    TrainingConfig config = TrainingConfig.bookDefaults("lenet").optOptimizer(kind).setLearningRate(0.05)
        .optWeightDecay(kind == TrainingConfig.OptimizerKind.SGD ? 0 : 1e-3).optDevice(DeviceChoice.CPU).build();
    // whole batches: this compares updates, and the halves add their two gradients in another order
    try (Trainers.Setup setup = Trainers.open(config, Device.cpu(), false)) {
      NDManager mm = setup.trainer().getManager();
      NDArray x = mm.randomUniform(0, 1, new Shape(16, 1, 28, 28));
      NDArray y = mm.randomInteger(0, 10, new Shape(16), DataType.INT64);
      for (int i = 0; i < 3; i++) {
        try (NDManager bm = mm.newSubManager()) {
          if (throughDjl) {
            try (var gc = setup.trainer().newGradientCollector()) {
              gc.backward(setup.trainer().getLoss().evaluate(new NDList(y), setup.trainer().forward(new NDList(x))));
            }
            setup.trainer().step();
          } else {
            Trainers.step(setup, new NDList(x, y), false);
          }
        }
      }
      List<float[]> out = new ArrayList<>();
      for (Parameter p : setup.block().getParameters().values()) out.add(p.getArray().toFloatArray());
      return out;
    }
  }

  @ParameterizedTest
  @EnumSource(TrainingConfig.OptimizerKind.class)
  void givesBitForBitWhatDjlsParameterServerGives(TrainingConfig.OptimizerKind kind) {
    List<float[]> djl = train(kind, true);
    List<float[]> direct = train(kind, false);
    assertThat(direct).hasSameSizeAs(djl);
    for (int i = 0; i < djl.size(); i++) {
      assertThat(direct.get(i)).as("parameter %d", i).containsExactly(djl.get(i));
    }
    EngineSupport.engine().setRandomSeed(11);
    TrainingConfig c = TrainingConfig.bookDefaults("lenet").optDevice(DeviceChoice.CPU).build();
    try (Trainers.Setup fresh = Trainers.open(c, Device.cpu())) {
      float[] initial = fresh.block().getParameters().values().get(0).getArray().toFloatArray();
      assertThat(direct.get(0)).as("the steps changed the weights").isNotEqualTo(initial);
    }
  }
}
