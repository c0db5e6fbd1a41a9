package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Zoo;

class ExerciseTest {

  @Test
  void thereAreAtLeastSixCardsForLenetAndAlexnetEachAValidVariant() {
    List<Exercise> all = Exercise.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(6);
    assertThat(all).extracting(Exercise::baseModel).contains("lenet", "alexnet");
    assertThat(new HashSet<>(all.stream().map(Exercise::id).toList())).hasSameSizeAs(all);
    for (Exercise e : all) {
      TrainingConfig o = e.original();
      TrainingConfig v = e.variantConfig();
      assertThat(o.spec()).as(e.id()).isEqualTo(Zoo.get(e.baseModel()));
      assertThat(v.spec()).as(e.id()).isEqualTo(e.variant()).isNotEqualTo(o.spec());
      assertThat(v.seed()).isEqualTo(o.seed());
      assertThat(v.epochs()).isEqualTo(o.epochs());
      assertThat(v.maxTrainExamples()).isEqualTo(o.maxTrainExamples());
      assertThat(ShapeInference.infer(v.spec(), v.inputSize()).ok()).as(e.id()).isTrue();
      assertThat(e.ask()).isNotBlank();
      assertThat(e.predict()).isNotBlank();
    }
  }

  @Test
  void theVariantsChangeWhatTheExerciseSays() {
    assertThat(Exercise.find("lenet-max").orElseThrow().variant().leaves())
        .filteredOn(LayerSpec.Pool.class::isInstance)
        .allSatisfy(p -> assertThat(((LayerSpec.Pool) p).kind()).isEqualTo(LayerSpec.PoolKind.MAX));
    assertThat(Exercise.find("lenet-relu").orElseThrow().variant().leaves())
        .filteredOn(LayerSpec.Activation.class::isInstance)
        .allSatisfy(a -> assertThat(((LayerSpec.Activation) a).fn()).isEqualTo(LayerSpec.Fn.RELU));
    assertThat(Exercise.find("lenet-relu-dropout").orElseThrow().variant().leaves())
        .filteredOn(LayerSpec.Dropout.class::isInstance).hasSize(2);
  }

  @Test
  void theAlexnetFor28TrainsAt28WithAFractionOfTheCost() {
    Exercise e = Exercise.find("alexnet-28").orElseThrow();
    assertThat(e.original().inputSize()).isEqualTo(96);
    assertThat(e.variantConfig().inputSize()).isEqualTo(28);
    Summary small = ShapeInference.infer(e.variant(), 28);
    Summary big = ShapeInference.infer(Zoo.alexnet(), 96);
    assertThat(small.totalMacs()).isLessThan(big.totalMacs() / 5);
    assertThat(small.totalParams()).isLessThan(big.totalParams() / 5);
    assertThat(e.measured()).contains("0.404").contains("0.312").contains("images/s"); // docs/variants.md
  }
}
