package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunEvent;

class Bf16StepTest {

  @Test
  void aBf16StepRunsInBf16LearnsAndLeavesAutocastOff() {
    assumeTrue(Autocast.available(), "PyTorch's autocast switch was not found");
    EngineSupport.engine().setRandomSeed(3);
    JniUtils.setGradMode(false);
    TrainingConfig config = TrainingConfig.bookDefaults("lenet-modern").setLearningRate(0.1)
        .optOptimizer(TrainingConfig.OptimizerKind.SGD).optDevice(DeviceChoice.CPU).build();
    try (Trainers.Setup setup = Trainers.open(config, Device.cpu())) {
      Trainer t = setup.trainer();
      NDManager mm = t.getManager();
      NDArray x = mm.randomUniform(0, 1, new Shape(32, 1, 28, 28));
      NDArray y = mm.randomInteger(0, 10, new Shape(32), DataType.INT64);
      float first = Float.NaN;
      float last = Float.NaN;
      for (int i = 0; i < 8; i++) {
        try (NDManager bm = mm.newSubManager()) {
          Trainers.Step out = Trainers.step(setup, new NDList(x, y), true, Precision.BF16, null);
          assertThat(Autocast.enabled()).as("autocast is off after the step").isFalse();
          if (i == 0) first = out.loss();
          last = out.loss();
        }
      }
      assertThat(last).as("memorising one batch in bf16").isLessThan(first * 0.8f);
      // under autocast the network really runs in bf16: DJL cannot name that type
      Autocast.set(true);
      try {
        NDArray raw = t.evaluate(new NDList(x)).singletonOrThrow();
        assertThat(raw.getDataType()).isEqualTo(DataType.UNKNOWN);
      } finally {
        Autocast.set(false);
      }
      assertThat(Trainers.evaluate(setup, new NDList(x), Precision.BF16).getDataType()).isEqualTo(DataType.FLOAT32);
    }
  }

  @Test
  void aBf16RunIsRecordedAsBf16ResumesAsBf16AndLearns() throws Exception {
    assumeTrue(Autocast.available(), "PyTorch's autocast switch was not found");
    TrainingConfig c = TestData.quick().setEpochs(2).optPrecision(Precision.BF16).build();
    assertThat(c.record().precision()).isEqualTo("bf16");
    assertThat(TrainingConfig.fromRecord(c.record(), null).build().precision()).isEqualTo(Precision.BF16);
    TestData.Recorder r = new TestData.Recorder();
    TrainingSession s = new TrainingSession(c).dataset(TestData.fashion()).addListener(r);
    s.start();
    assertThat(s.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(s.result()).get().isInstanceOf(RunEvent.RunFinished.class);
    List<RunEvent.EpochMetrics> epochs = r.of(RunEvent.EpochMetrics.class);
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
    assertThat(epochs.get(1).testAccuracy()).isGreaterThan(0.3); // chance is 0.1
  }
}
