package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Zoo;

/** What the explorer's arithmetic panel says for a selected path, the exercise's hidden values kept hidden. */
class ArithmeticTest {

  private static final Summary ALEXNET = ShapeInference.infer(Zoo.alexnet(), 224);
  private static final Summary GOOGLENET = ShapeInference.infer(Zoo.get("googlenet"), 96);

  @Test
  void aLayerShowsItsFormulasWithTheNumbersFilledIn() {
    assertThat(Arithmetic.forPath(ALEXNET, "conv1", c -> false))
        .startsWith("conv1 · Conv2d (96, 11×11, stride 4, pad 1):  1×224×224 → 96×54×54")
        .contains("height  ⌊(224 + 2·1 − 11)/4⌋ + 1 = 54", "params  96·(1·11·11) + 96 = 11,712");
  }

  @Test
  void aLayerWhoseShapeOrParametersAreAskedShowsOnlyItsName() {
    for (Column asked : Column.values()) {
      assertThat(Arithmetic.forPath(ALEXNET, "conv1", c -> c == asked)).containsExactly(
          "conv1 · Conv2d (96, 11×11, stride 4, pad 1)", "arithmetic hidden until you answer or reveal this layer");
    }
  }

  @Test
  void aBlockShowsItsArithmeticUnlessItsOutputIsAsked() {
    assertThat(Arithmetic.forPath(GOOGLENET, "b3", c -> false).get(0)).isEqualTo("b3 · 3 layers:  192×12×12 → 480×6×6");
    assertThat(Arithmetic.forPath(GOOGLENET, "b3", c -> c == Column.PARAMS).get(0)).startsWith("b3 · 3 layers");
    assertThat(Arithmetic.forPath(GOOGLENET, "b3", c -> c == Column.SHAPE))
        .containsExactly("b3 · block", "arithmetic hidden until you answer or reveal this block");
    // a concat shows its block's arithmetic
    assertThat(Arithmetic.forPath(GOOGLENET, "b3/inception3a/concat", c -> false).get(0))
        .startsWith("b3/inception3a · 4 parallel paths, concatenated");
  }

  @Test
  void theBrokenLayerGivesItsMessageAndTheLayersAfterItSayTheyWereNotComputed() {
    Summary broken = ShapeInference.infer(Zoo.alexnet(), 30);
    String at = broken.error().orElseThrow().layer();
    assertThat(Arithmetic.forPath(broken, at, c -> false))
        .containsExactly(at + ": " + broken.error().get().message());
    assertThat(Arithmetic.forPath(broken, "fc1", c -> false))
        .containsExactly("fc1: not computed, an earlier layer is broken");
    assertThat(Arithmetic.forPath(ALEXNET, "no-such-layer", c -> false)).isEmpty();
  }
}
