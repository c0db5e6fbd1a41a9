package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurationEstimateTest {

  @TempDir Path tmp;

  @Test
  void aShortRealRunTimesTrainingEvaluationAndTheEpochsProbesAndLeavesNoFolder() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(4).optMaxTrainExamples(6_000).optMaxTestExamples(1_000).build();
    DurationEstimate e = DurationEstimate.measure(c, TestData.fashion(), tmp);

    assertThat(e.device()).contains("CPU");
    assertThat(e.trainImagesPerSecond()).isPositive();
    assertThat(e.evalImagesPerSecond()).isPositive();
    assertThat(e.timedBatches()).isGreaterThanOrEqualTo(SpeedSample.MIN_TIMED);
    assertThat(e.epochSeconds()).as("probes and checkpoint were timed").isPositive();
    assertThat(e.trainImages(c)).isEqualTo(6_000);
    assertThat(e.testImages(c)).isEqualTo(1_000);
    double perEpoch = 6_000 / e.trainImagesPerSecond() + 1_000 / e.evalImagesPerSecond() + e.epochSeconds();
    assertThat(e.seconds(c)).isCloseTo(e.startSeconds() + e.warmUpSeconds() + 4 * perEpoch, within(1e-9));
    assertThat(e.seconds(c.toBuilder().setEpochs(8).build()) - e.seconds(c)).isCloseTo(4 * perEpoch, within(1e-9));
    assertThat(e.describe(c)).contains("for 4 epochs of 6,000 images").contains("±");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("the timing run's folder is deleted").isEmpty();
    }
  }

  @Test
  void anEpochTooShortToTimeAfterAWarmUpIsTimedWholeAndSaysItIsUnsure() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(3).optMaxTrainExamples(192).optMaxTestExamples(64).build();
    DurationEstimate e = DurationEstimate.measure(c, TestData.fashion(), tmp);
    assertThat(e.trainImagesPerSecond()).isPositive();
    assertThat(e.timedBatches()).isEqualTo(3);
    assertThat(e.sure()).isEqualTo(DurationEstimate.FEW_BATCHES);
    assertThat(e.describe(c)).contains("±50 %");
  }

  @Test
  void theSpokenFormOfAKnownSpeedCountsEvaluationAtThreeTimesIt() {
    DurationEstimate e = DurationEstimate.fromTrainingSpeed(1_000, "CPU");
    TrainingConfig c = TrainingConfig.bookDefaults("lenet").setEpochs(2).build(); // all 60 000 / 10 000
    assertThat(e.seconds(c)).isCloseTo(2 * (60 + 10 / 3.0), within(1e-9));
    assertThat(DurationEstimate.human(3725)).isEqualTo("1 h 2 min");
    assertThat(DurationEstimate.human(185)).isEqualTo("3 min 5 s");
  }
}
