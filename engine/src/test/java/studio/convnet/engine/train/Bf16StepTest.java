package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.arch.Zoo;

class Bf16StepTest {

  @Test
  void aBf16StepRunsInBf16LearnsAndLeavesAutocastOff() {
    assumeTrue(Autocast.available(), "PyTorch's autocast switch was not found");
    EngineSupport.engine().setRandomSeed(3);
    JniUtils.setGradMode(false);
    InPlaceSgd sgd = InPlaceSgd.builder().learningRate(0.1f).build();
    try (Model m = Model.newInstance("lenet-modern", Device.cpu())) {
      m.setBlock(ToDjl.build(Zoo.get("lenet-modern")));
      try (Trainer t = m.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(sgd).optDevices(new Device[] {Device.cpu()}))) {
        t.initialize(new Shape(1, 1, 28, 28));
        NDManager mm = t.getManager();
        NDArray x = mm.randomUniform(0, 1, new Shape(32, 1, 28, 28));
        NDArray y = mm.randomInteger(0, 10, new Shape(32), DataType.INT64);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int i = 0; i < 8; i++) {
          try (NDManager bm = mm.newSubManager()) {
            TrainStep.Output out = TrainStep.forwardBackward(t, new NDList(x), new NDList(y), Precision.BF16, null);
            assertThat(out.prediction().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(Autocast.enabled()).as("autocast is off after the forward pass").isFalse();
            TrainStep.update(t, sgd);
            if (i == 0) first = out.lossValue();
            last = out.lossValue();
          }
        }
        assertThat(last).as("memorising one batch in bf16").isLessThan(first * 0.8f);
        // under autocast the convolution really ran in bf16: DJL cannot name that type
        Autocast.set(true);
        try {
          NDArray raw = t.evaluate(new NDList(x)).singletonOrThrow();
          assertThat(raw.getDataType()).isEqualTo(DataType.UNKNOWN);
        } finally {
          Autocast.set(false);
        }
        assertThat(TrainStep.evaluate(t, new NDList(x), Precision.BF16).getDataType()).isEqualTo(DataType.FLOAT32);
      }
    }
  }
}
