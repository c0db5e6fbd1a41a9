package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.TrainingConfig;

/** The estimate's wording from a known speed alone (no engine run, no view-model). */
class EstimateTextTest {

  private static TrainingConfig lenet(int epochs) {
    return TrainingConfig.bookDefaults("lenet").setEpochs(epochs).build();
  }

  private static DurationEstimate speed(double ips) {
    return DurationEstimate.fromTrainingSpeed(ips, "CPU");
  }

  @Test
  void aShortRunGetsTheTimeAlone() {
    assertThat(EstimateText.of(lenet(1), speed(1000)))
        .isEqualTo("Measured 1000 training images/s on CPU → about 1 min 3 s for 1 epoch of 60,000 images.");
  }

  @Test
  void overTenMinutesSuggestsASubsetAndFewerEpochsWithTheirTimes() {
    assertThat(EstimateText.of(lenet(10), speed(1000))).isEqualTo(
        "Measured 1000 training images/s on CPU → about 10 min 33 s for 10 epochs of 60,000 images."
            + " That is long for a lecture: on a 3 000-image subset about 33 s; with 3 epochs about 3 min 10 s.");
  }

  @Test
  void onlyAlexNetAboveNinetySixPixelsIsOfferedNinetySix() {
    TrainingConfig book = TrainingConfig.bookDefaults("alexnet").build(); // 224 px
    assertThat(EstimateText.of(book, speed(17))).contains(" h ").contains("That is long for a lecture: at 96 px about ");
    assertThat(EstimateText.of(book.toBuilder().optInputSize(96).build(), speed(17)))
        .contains("That is long for a lecture:").doesNotContain("at 96 px");
  }
}
