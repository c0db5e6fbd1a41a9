package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;

class ShapeInferenceTest {

  private static List<String> shapesOf(Summary s, String... types) {
    List<String> wanted = List.of(types);
    return s.rows().stream()
        .filter(r -> wanted.contains(r.type()))
        .map(LayerRow::outShapeText)
        .toList();
  }

  @Test
  void lenetAt28MatchesTheBook() {
    Summary s = ShapeInference.infer(Zoo.lenet(), 28);
    assertThat(s.ok()).isTrue();
    assertThat(shapesOf(s, "Conv2d", "AvgPool2d", "Flatten", "Linear"))
        .containsExactly("6×28×28", "6×14×14", "16×10×10", "16×5×5", "400", "120", "84", "10");
    assertThat(s.totalParams()).isEqualTo(61_706);
  }

  @Test
  void alexnetAt224MatchesTheBook() {
    Summary s = ShapeInference.infer(Zoo.alexnet(), 224);
    assertThat(s.ok()).isTrue();
    assertThat(shapesOf(s, "Conv2d", "MaxPool2d", "Flatten", "Linear"))
        .containsExactly("96×54×54", "96×26×26", "256×26×26", "256×12×12", "384×12×12",
            "384×12×12", "256×12×12", "256×5×5", "6400", "4096", "4096", "10");
    assertThat(s.totalParams()).isEqualTo(46_764_746);
    assertThat(s.row("conv1").orElseThrow().formula()).isEqualTo("⌊(224 + 2·1 − 11)/4⌋ + 1 = 54");
    assertThat(s.row("conv1").orElseThrow().macs()).isEqualTo(96L * 121 * 54 * 54);
  }

  @Test
  void alexnetEndsWithLogitsNotAReLU() {
    List<LayerSpec> layers = Zoo.alexnet().layers();
    assertThat(layers.get(layers.size() - 1)).isInstanceOf(LayerSpec.Dense.class);
    assertThat(Zoo.alexnet().description()).contains("ReLU after the last dense layer");
  }

  @Test
  void alexnetAt32NamesTheLayerWhoseOutputDies() {
    Summary s = ShapeInference.infer(Zoo.alexnet(), 32);
    assertThat(s.ok()).isFalse();
    assertThat(s.error().orElseThrow().layer()).isEqualTo("pool2");
    assertThat(s.error().orElseThrow().message())
        .contains("⌊(2 + 2·0 − 3)/2⌋ + 1 = 0")
        .contains("3×3 pooling window does not fit in the 2×2 input");
    assertThat(s.rows()).extracting(LayerRow::name).endsWith("relu2");
  }

  @Test
  void tinyInputFailsAtTheFirstConvolution() {
    Summary s = ShapeInference.infer(Zoo.alexnet(), 8);
    assertThat(s.error().orElseThrow().layer()).isEqualTo("conv1");
    assertThat(s.rows()).isEmpty();
  }

  @Test
  void denseWithoutFlattenIsReported() {
    NetworkSpec bad = new NetworkSpec("bad", "Bad", "", 1, 28, 10,
        List.of(new LayerSpec.Conv("conv1", 4, 3, 1, 1), new LayerSpec.Dense("fc", 10)));
    Summary s = ShapeInference.infer(bad, 28);
    assertThat(s.error().orElseThrow().layer()).isEqualTo("fc");
    assertThat(s.error().orElseThrow().message()).contains("add a Flatten");
  }

  @Test
  void vggBlocksExpandWithQualifiedNames() {
    Summary s = ShapeInference.infer(Zoo.vgg11(), 224);
    assertThat(s.ok()).isTrue();
    assertThat(s.row("block5/pool").orElseThrow().outShapeText()).isEqualTo("512×7×7");
    assertThat(s.row("flatten").orElseThrow().outShapeText()).isEqualTo("25088");
  }

  @Test
  void modernLenetCountsBatchNormGammaAndBeta() {
    Summary s = ShapeInference.infer(Zoo.lenetModern(), 28);
    assertThat(s.row("bn1").orElseThrow().params()).isEqualTo(12);
    assertThat(s.totalParams()).isEqualTo(61_706 + 2 * (6 + 16 + 120 + 84));
  }

  @Test
  void badLayerParametersAreRejectedWithTheLayerName() {
    assertThatThrownBy(() -> new LayerSpec.Conv("conv9", 0, 3, 1, 0))
        .hasMessageContaining("conv9").hasMessageContaining("channels");
    assertThatThrownBy(() -> new LayerSpec.Dropout("drop", 1.5)).hasMessageContaining("drop");
  }

  @Test
  void editingALayerPropagates() {
    NetworkSpec edited = Zoo.alexnet().withLayer("conv1", l -> new LayerSpec.Conv("conv1", 96, 11, 4, 2));
    assertThat(ShapeInference.infer(edited, 224).row("conv1").orElseThrow().formula())
        .isEqualTo("⌊(224 + 2·2 − 11)/4⌋ + 1 = 55");
    NetworkSpec bigger = Zoo.alexnet().withLayer("conv1", l -> new LayerSpec.Conv("conv1", 64, 5, 1, 2));
    assertThat(ShapeInference.infer(bigger, 224).row("pool3").orElseThrow().outShapeText()).isEqualTo("256×27×27");
  }
}
