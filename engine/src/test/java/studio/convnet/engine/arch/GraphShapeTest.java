package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.arch.LayerSpec.Concat;
import studio.convnet.engine.arch.LayerSpec.Conv;
import studio.convnet.engine.arch.LayerSpec.Identity;
import studio.convnet.engine.arch.LayerSpec.Residual;
import studio.convnet.engine.arch.LayerSpec.Sequence;
import studio.convnet.engine.arch.ShapeInference.Summary;

/** The chapter's graph networks against the book's {@code layer_summary} output, and graph errors. */
class GraphShapeTest {

  /** d2l prints one line per top-level block; these are its shapes (batch dimension dropped). */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "vgg11-small;224;block1=16×112×112 block2=32×56×56 block3=64×28×28 block4=128×14×14 block5=128×7×7",
      "nin;224;nin1=96×54×54 pool1=96×26×26 nin2=256×26×26 pool2=256×12×12 nin3=384×12×12 pool3=384×5×5 nin4=10×5×5 gap=10×1×1 flatten=10",
      "googlenet;96;b1=64×24×24 b2=192×12×12 b3=480×6×6 b4=832×3×3 b5=1024 fc=10",
      "resnet18;96;b1=64×24×24 b2=64×24×24 b3=128×12×12 b4=256×6×6 b5=512×3×3 last=10",
      "densenet;96;b1=64×24×24 dense_blk1=192×24×24 tran_blk1=96×12×12 dense_blk2=224×12×12 tran_blk2=112×6×6 dense_blk3=240×6×6 tran_blk3=120×3×3 dense_blk4=248×3×3 last=10"})
  void topLevelShapesAreTheBooks(String model, int size, String expected) {
    Summary s = ShapeInference.infer(Zoo.get(model), size);
    assertThat(s.ok()).isTrue();
    for (String pair : expected.split(" ")) {
      String[] kv = pair.split("=");
      assertThat(ShapeInference.shapeText(s.outShape(kv[0]).orElseThrow())).as(model + " " + kv[0]).isEqualTo(kv[1]);
    }
  }

  @Test
  void inceptionChannelsAreTheSumOfItsPaths() {
    Summary s = ShapeInference.infer(Zoo.get("googlenet"), 96);
    var concat = s.row("b3/inception3a/concat").orElseThrow();
    assertThat(concat.formula()).isEqualTo("64 + 128 + 32 + 32 = 256 channels");
    assertThat(s.row("b3/inception3a/b2/conv2").orElseThrow().outShapeText()).isEqualTo("128×12×12");
    assertThat(s.block("b3/inception3a").orElseThrow().params())
        .isEqualTo(64 * 192 + 64 + 96 * 192 + 96 + 128 * 96 * 9 + 128 + 16 * 192 + 16 + 32 * 16 * 25 + 32 + 32 * 192 + 32);
  }

  @Test
  void blockSubtotalsAddUpToTheTotal() {
    Summary s = ShapeInference.infer(Zoo.get("resnet18"), 96);
    long top = s.blocks().stream().filter(b -> b.depth() == 0).mapToLong(ShapeInference.BlockRow::params).sum();
    assertThat(top).isEqualTo(s.totalParams()).isEqualTo(11_178_378L);
    assertThat(s.row("b3/unit1/shortcut").orElseThrow().outShapeText()).isEqualTo("128×12×12");
  }

  @Test
  void receptiveFieldAndJumpGrowAsTheArithmeticSays() {
    Summary s = ShapeInference.infer(Zoo.alexnet(), 224);
    // conv1 11/4: rf 11, jump 4; pool1 3/2: 11 + 2·4 = 19, jump 8; conv2 5/1: 19 + 4·8 = 51
    assertThat(s.row("conv1").orElseThrow().receptiveField()).isEqualTo(11);
    assertThat(s.row("conv1").orElseThrow().jump()).isEqualTo(4);
    assertThat(s.row("pool1").orElseThrow().receptiveField()).isEqualTo(19);
    assertThat(s.row("pool1").orElseThrow().jump()).isEqualTo(8);
    assertThat(s.row("conv2").orElseThrow().receptiveField()).isEqualTo(51);
    assertThat(s.row("fc1").orElseThrow().receptiveFieldText()).isEqualTo("all");
    // a residual unit sees as far as its longer path
    Summary r = ShapeInference.infer(Zoo.get("resnet18"), 96);
    assertThat(r.row("b2/unit1/add").orElseThrow().receptiveField())
        .isEqualTo(r.row("b2/unit1/conv2").orElseThrow().receptiveField());
  }

  @Test
  void concatOfMismatchedSizesNamesTheBlockAndBothShapes() {
    NetworkSpec bad = new NetworkSpec("t", "t", "", 1, 28, 10, List.of(
        new Concat("mix", List.of(new Conv("a", 4, 3, 1, 1), new Conv("b", 8, 3, 1, 0)))));
    Summary s = ShapeInference.infer(bad, 28);
    assertThat(s.error()).isPresent();
    assertThat(s.error().get().layer()).isEqualTo("mix");
    assertThat(s.error().get().message()).contains("4×28×28").contains("8×26×26").contains("padding");
  }

  @Test
  void residualAddOfMismatchedShapesNamesTheUnitAndSuggestsTheShortcut() {
    NetworkSpec bad = new NetworkSpec("t", "t", "", 1, 28, 10, List.of(new Sequence("stage", List.of(
        new Residual("unit1", List.of(new Conv("conv1", 16, 3, 2, 1)), new Identity("shortcut"), LayerSpec.Fn.RELU)))));
    Summary s = ShapeInference.infer(bad, 28);
    assertThat(s.error().get().layer()).isEqualTo("stage/unit1");
    assertThat(s.error().get().message())
        .contains("16×14×14").contains("1×28×28").contains("1×1 convolution with 16 channels and stride 2");
  }

  @Test
  void anErrorInsideABranchNamesTheLayerByPath() {
    NetworkSpec g = Zoo.get("googlenet")
        .withLayer("b3/inception3a/b2/conv2", l -> new Conv("conv2", 128, 30, 1, 1));
    Summary s = ShapeInference.infer(g, 96);
    assertThat(s.error().get().layer()).isEqualTo("b3/inception3a/b2/conv2");
    assertThat(s.error().get().message()).contains("⌊(12 + 2·1 − 30)/1⌋ + 1 = -15");
  }

  @Test
  void unitsKeepBranchesWholeAndLeavesOpenThem() {
    NetworkSpec g = Zoo.get("googlenet");
    assertThat(g.units()).extracting(LayerSpec::name).contains("b3/inception3a", "b3/pool", "fc");
    assertThat(g.leaves()).extracting(LayerSpec::name).contains("b3/inception3a/b4/pool");
    assertThat(g.firstConv().name()).isEqualTo("b1/conv");
  }
}
