package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  private static TrainingConfig.Builder valid() {
    return TrainingConfig.builder().setModel("lenet").setBatchSize(256).setLearningRate(0.9).setEpochs(10);
  }

  @Test
  void defaultsComeFromTheModel() {
    TrainingConfig c = valid().build();
    assertThat(c.inputSize()).isEqualTo(28);
    assertThat(c.init()).isEqualTo(TrainingConfig.Init.XAVIER);
    assertThat(c.maxTrainExamples()).isZero();
    assertThat(c.augment()).isEmpty();
    assertThat(c.augmentation()).isEmpty();
    assertThat(TrainingConfig.bookDefaults("alexnet").build().inputSize()).isEqualTo(224);
    assertThat(TrainingConfig.bookDefaults("alexnet").build().batchSize()).isEqualTo(128);
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThatThrownBy(() -> TrainingConfig.builder().build()).hasMessageContaining("model is required");
    assertThatThrownBy(() -> TrainingConfig.builder().setModel("lenet").setBatchSize(1).setEpochs(1).build())
        .hasMessageContaining("learningRate is required");
  }

  @Test
  void badValuesAreNamedWithTheirValue() {
    assertThatThrownBy(() -> valid().setBatchSize(0).build()).hasMessageContaining("batchSize must be ≥ 1, got 0");
    assertThatThrownBy(() -> valid().setLearningRate(-1).build()).hasMessageContaining("learningRate must be a positive number");
    assertThatThrownBy(() -> valid().setEpochs(0).build()).hasMessageContaining("epochs must be ≥ 1");
    assertThatThrownBy(() -> valid().optMomentum(1.5).build()).hasMessageContaining("momentum must be in [0, 1)");
    assertThatThrownBy(() -> valid().optWeightDecay(-0.1).build()).hasMessageContaining("weightDecay");
    assertThatThrownBy(() -> valid().optMaxTrainExamples(-5).build()).hasMessageContaining("maxTrainExamples");
    assertThatThrownBy(() -> valid().optMetricsEvery(0).build()).hasMessageContaining("metricsEvery");
    assertThatThrownBy(() -> valid().optFilterEvery(0).build()).hasMessageContaining("filterEvery");
    assertThatThrownBy(() -> valid().optProbeIndices(-1).build()).hasMessageContaining("probeIndices");
    assertThatThrownBy(() -> TrainingConfig.builder().setModel("nope")).hasMessageContaining("unknown model 'nope'");
  }

  @Test
  void anInputTooSmallForTheNetworkIsRejectedWithTheLayer() {
    assertThatThrownBy(() -> TrainingConfig.bookDefaults("alexnet").optInputSize(32).build())
        .hasMessageContaining("inputSize 32 does not fit alexnet");
  }

  @Test
  void momentumIsRecordedOnlyWhereTheOptimizerUsesIt() {
    assertThat(valid().optOptimizer(TrainingConfig.OptimizerKind.SGD).optMomentum(0.9).build().record().momentum())
        .isZero();
    assertThat(valid().optOptimizer(TrainingConfig.OptimizerKind.ADAM).build().record().momentum()).isZero();
    assertThat(valid().optOptimizer(TrainingConfig.OptimizerKind.SGD_MOMENTUM).optMomentum(0.8).build().record()
        .momentum()).isEqualTo(0.8);
  }

  @Test
  void recordAndFromRecordRoundTrip() {
    var pipeline = studio.convnet.engine.data.augment.AugmentationPipeline.parse("hflip;crop:scale=0.5..1");
    TrainingConfig c = valid().optInputSize(32).optOptimizer(TrainingConfig.OptimizerKind.SGD_MOMENTUM)
        .optMomentum(0.8).optWeightDecay(1e-4).optSeed(3).optMaxTrainExamples(100).optMaxTestExamples(50)
        .optDevice(DeviceChoice.CPU).optDatasetFolder(Path.of("/data/mnist")).optProbeIndices(3, 4)
        .optAugment(pipeline.toSpecList()).optAugmentation(pipeline).build();
    var record = c.record();
    assertThat(record.format()).isEqualTo(studio.convnet.engine.events.RunConfig.FORMAT);
    assertThat(record.optimizer()).isEqualTo("SGD_MOMENTUM");
    assertThat(record.device()).isEqualTo("cpu");
    assertThat(record.dataset()).isEqualTo(Path.of("/data/mnist").toString());
    assertThat(record.probeIndices()).containsExactly(3, 4);
    assertThat(record.maxTestExamples()).isEqualTo(50);
    TrainingConfig back = TrainingConfig.fromRecord(record, null).build();
    assertThat(back.record()).isEqualTo(record);
    assertThat(back.augment()).hasSize(2);
    assertThat(back.augment().get(0)).startsWith("hflip");
    assertThat(back.augmentation()).isPresent();
  }

  @Test
  void deviceChoiceLogic() {
    assertThat(DeviceChoice.AUTO.resolve(0)).isEqualTo(Device.cpu());
    assertThat(DeviceChoice.AUTO.resolve(1)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.CPU.resolve(4)).isEqualTo(Device.cpu());
    assertThatThrownBy(() -> DeviceChoice.GPU.resolve(0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no CUDA GPU");
    assertThat(DeviceChoice.GPU.resolve(2)).isEqualTo(Device.gpu(0));
    assertThatThrownBy(() -> DeviceChoice.parse("tpu")).hasMessageContaining("auto, cpu or gpu");
  }
}
