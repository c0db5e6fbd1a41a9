package studio.convnet.app.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.convnet.engine.train.Exercise;

class ExercisesViewTest {

  @Test
  void aCardStatesTheCostOfBothNetworksAndTheSettings() {
    String facts = ExercisesView.facts(Exercise.find("lenet-wide").orElseThrow());
    assertThat(facts).startsWith("parameters 62 k → ").contains("28 px → 28 px").contains("12,000 images × 6 epochs");
    assertThat(ExercisesView.facts(Exercise.find("alexnet-28").orElseThrow()))
        .startsWith("parameters 21.6 M → 1.8 M · multiply-adds 134.5 M → 16.7 M · 96 px → 28 px");
  }
}
