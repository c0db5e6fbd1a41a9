package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.data.IdxReader.Images;
import studio.convnet.engine.data.IdxReader.Labels;
import studio.convnet.engine.data.ImageDataset;
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
  void aSmallSubsetIsTimedPastTheWarmUpOnMoreBatchesThanItsEpochHas() throws Exception {
    // lenet-quick's subset epoch was over before a fresh JVM's warm-up: its cold batches were timed
    TrainingConfig c = TestData.quick().setEpochs(3).optMaxTrainExamples(192).optMaxTestExamples(64).build();
    DurationEstimate e = DurationEstimate.measure(c, TestData.fashion(), tmp);
    assertThat(e.warmUpBatches()).isGreaterThanOrEqualTo(SpeedSample.WARM_UP_BATCHES);
    assertThat(e.timedBatches()).isGreaterThanOrEqualTo(SpeedSample.MIN_TIMED);
    assertThat(e.warmUpBatches() + e.timedBatches()).as("batches beyond the subset's 3").isGreaterThan(3);
    // (not the fallback's "±50 %" by construction: how sure it is depends on how busy the machine is)
    assertThat(e.trainImages(c)).as("the estimate is still for the subset").isEqualTo(192);
  }

  @Test
  void aDatasetTooSmallToTimeAfterAWarmUpIsTimedWholeAndSaysItIsUnsure() throws Exception {
    ImageDataset f = TestData.fashion();
    ImageDataset tiny = new ImageDataset("tiny", f.classNames(), first(f.trainImages(), 192),
        new Labels("tiny", 192, java.util.Arrays.copyOf(f.trainLabels().labels(), 192)), f.testImages(), f.testLabels());
    TrainingConfig c = TestData.quick().setEpochs(3).optMaxTrainExamples(192).optMaxTestExamples(64).build();
    DurationEstimate e = DurationEstimate.measure(c, tiny, tmp);
    assertThat(e.trainImagesPerSecond()).isPositive();
    assertThat(e.timedBatches()).isEqualTo(3);
    assertThat(e.sure()).isEqualTo(DurationEstimate.FEW_BATCHES);
    assertThat(e.describe(c)).contains("±50 %");
  }

  private static Images first(Images all, int n) {
    return new Images("tiny", n, all.rows(), all.cols(), java.util.Arrays.copyOf(all.pixels(), n * all.rows() * all.cols()));
  }

  @Test
  void theTotalIsStartWarmUpAndTheColdFirstEpochOnceThenEachEpochsTrainingEvaluationAndProbes() {
    // a timing run's phases: 2 000 training images/s; 500 test images evaluated in 2.0 s cold, 0.25 s warm;
    // probes and checkpoint 3.0 s cold, 0.5 s warm; 1.5 s to start; the warm-up batches took 0.75 s extra
    DurationEstimate e = DurationEstimate.of("CPU", 2_000, 500, 2.0, 0.25, 3.0, 0.5, 1.5, 0.75, 0.1, 40, 7,
        60_000, 10_000, 1.0);
    TrainingConfig c = TrainingConfig.bookDefaults("lenet").setEpochs(6).optMaxTrainExamples(12_000)
        .optMaxTestExamples(2_000).build();
    assertThat(e.evalImagesPerSecond()).isEqualTo(2_000.0); // 500 images in 0.25 s
    assertThat(e.epochSeconds()).isEqualTo(0.5);
    assertThat(e.warmUpSeconds()).as("warm-up extra + the first epoch's cold evaluation and probes")
        .isCloseTo(0.75 + (2.0 - 0.25) + (3.0 - 0.5), within(1e-12));
    // per epoch: 12 000 / 2 000 = 6 s training, 2 000 / 2 000 = 1 s evaluation, 0.5 s probes
    assertThat(e.seconds(c)).isCloseTo(1.5 + 5.0 + 6 * (6 + 1 + 0.5), within(1e-9));
    assertThat(e.breakdown(c)).isEqualTo("start 1.5 s, warm-up and the first epoch's extra 5.0 s; per epoch:"
        + " training 6.0 s, evaluation 1.0 s, probes and checkpoint 0.5 s");
    // without a limit: all 60 000 training and 10 000 test images
    TrainingConfig all = TrainingConfig.bookDefaults("lenet").setEpochs(2).build();
    assertThat(e.seconds(all)).isCloseTo(1.5 + 5.0 + 2 * (30 + 5 + 0.5), within(1e-9));
    // a first epoch no slower than a warm one adds nothing
    DurationEstimate flat = DurationEstimate.of("CPU", 2_000, 500, 0.2, 0.25, 0.4, 0.5, 0, 0, 0.1, 40, 7,
        60_000, 10_000, 1.0);
    assertThat(flat.warmUpSeconds()).isZero();
    assertThat(flat.seconds(c)).isCloseTo(6 * (6 + 1 + 0.5), within(1e-9));
    // the app trains right after the timing, in the same JVM: the warm-up is not paid again
    DurationEstimate warm = e.warmedUp();
    assertThat(warm.seconds(c)).isCloseTo(e.seconds(c) - 5.0, within(1e-9));
    assertThat(warm.trainImagesPerSecond()).isEqualTo(e.trainImagesPerSecond());
    assertThat(warm.sure()).isEqualTo(e.sure());
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
