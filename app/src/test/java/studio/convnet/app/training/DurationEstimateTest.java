package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import studio.convnet.app.training.TrainingBackend.Measurement;
import studio.convnet.engine.train.TrainingConfig;

/** The estimate's arithmetic and wording, from a measured speed alone (no engine, no view-model). */
class DurationEstimateTest {

  private static TrainingConfig lenet(int epochs) {
    return TrainingConfig.bookDefaults("lenet").setEpochs(epochs).build();
  }

  @Test
  void aRunTrainsAtTheMeasuredSpeedAndEvaluatesAtThreeTimesIt() {
    // 60 000 training images at 1 000/s, 10 000 test images at 3 000/s, per epoch
    assertThat(DurationEstimate.duration(lenet(1), 1000)).isCloseTo(63.33, within(0.01));
    assertThat(DurationEstimate.duration(lenet(10), 1000)).isCloseTo(633.3, within(0.1));
    TrainingConfig subset = TrainingConfig.bookDefaults("lenet").setEpochs(2).optMaxTrainExamples(12_000)
        .optMaxTestExamples(2_000).build();
    assertThat(DurationEstimate.duration(subset, 1000)).isCloseTo(2 * (12 + 2 / 3.0), within(0.01));
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertThat(DurationEstimate.human(59.4)).isEqualTo("59 s");
    assertThat(DurationEstimate.human(60)).isEqualTo("1 min 0 s");
    assertThat(DurationEstimate.human(3599)).isEqualTo("59 min 59 s");
    assertThat(DurationEstimate.human(3725)).isEqualTo("1 h 2 min");
    assertThat(DurationEstimate.human(Double.NaN)).isEqualTo("—");
    assertThat(DurationEstimate.human(Double.POSITIVE_INFINITY)).isEqualTo("—");
  }

  @Test
  void aShortRunGetsTheTimeAlone() {
    assertThat(DurationEstimate.text(lenet(1), new Measurement(1000, "CPU", null)))
        .isEqualTo("Measured 1000 images/s on CPU → about 1 min 3 s for 1 epoch of 60,000 images.");
  }

  @Test
  void theSpreadOfTheTimedBatchesSaysHowSureItIsAtLeastTenPercent() {
    assertThat(DurationEstimate.text(lenet(1), new Measurement(1000, 0.03, 5, 2, "CPU", null)))
        .endsWith("of 60,000 images (±10 %: 5 batches timed after 2 to warm up).");
    assertThat(DurationEstimate.text(lenet(1), new Measurement(1000, 0.25, 8, 3, "CPU", null)))
        .contains("(±25 %: 8 batches timed after 3 to warm up)");
  }

  @Test
  void overTenMinutesSuggestsASubsetAndFewerEpochsWithTheirTimes() {
    assertThat(DurationEstimate.text(lenet(10), new Measurement(1000, "CPU", null))).isEqualTo(
        "Measured 1000 images/s on CPU → about 10 min 33 s for 10 epochs of 60,000 images."
            + " That is long for a lecture: on a 3 000-image subset about 33 s; with 3 epochs about 3 min 10 s.");
  }

  @Test
  void onlyAlexNetAboveNinetySixPixelsIsOfferedNinetySix() {
    TrainingConfig book = TrainingConfig.bookDefaults("alexnet").build(); // 224 px
    String at224 = DurationEstimate.text(book, new Measurement(17, "CPU", null));
    assertThat(at224).contains(" h ").contains("That is long for a lecture: at 96 px about ");
    String at96 = DurationEstimate.text(book.toBuilder().optInputSize(96).build(), new Measurement(17, "CPU", null));
    assertThat(at96).contains("That is long for a lecture:").doesNotContain("at 96 px");
  }
}
