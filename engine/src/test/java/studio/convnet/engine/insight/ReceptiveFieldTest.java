package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.LayerSpec.Conv;
import studio.convnet.engine.arch.LayerSpec.Pool;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

class ReceptiveFieldTest {

  @Test
  void alexnetConv1SeesAnElevenPixelSquareEveryFourPixelsStartingInThePadding() {
    List<LayerSpec> units = Zoo.get("alexnet").units();
    ReceptiveField rf = ReceptiveField.of(units, 0).orElseThrow();
    assertThat(rf).isEqualTo(new ReceptiveField(11, 4, -1));
    assertThat(rf.origin(3)).isEqualTo(11);
  }

  @Test
  void sizeAndJumpAgreeWithShapeInferenceForAlexnetUpToConv5() {
    var spec = Zoo.get("alexnet");
    var rows = ShapeInference.infer(spec, 224).rows();
    List<LayerSpec> units = spec.units();
    for (int i = 0; i < units.size(); i++) {
      var rf = ReceptiveField.of(units, i);
      if (rf.isEmpty()) break;
      int unit = i;
      var row = rows.stream().filter(r -> r.name().equals(units.get(unit).name())).findFirst().orElseThrow();
      assertThat(rf.get().size()).as(row.name()).isEqualTo(row.receptiveField());
      assertThat(rf.get().jump()).as(row.name()).isEqualTo(row.jump());
    }
  }

  @Test
  void aFieldStopsAtADenseLayer() {
    List<LayerSpec> units = List.of(new Conv("c", 1, 3, 1, 0), new LayerSpec.Flatten("f"), new LayerSpec.Dense("d", 2));
    assertThat(ReceptiveField.of(units, 0)).isPresent();
    assertThat(ReceptiveField.of(units, 2)).isEmpty();
  }

  @Test
  void twoStackedWindowsGrowTheFieldByTheJump() {
    List<LayerSpec> units = List.of(new Conv("c", 1, 3, 1, 1), new Pool("p", LayerSpec.PoolKind.MAX, 2, 2, 0),
        new Conv("c2", 1, 3, 1, 0));
    // 3 → pool: 3 + 1 = 4, jump 2 → conv: 4 + 2·2 = 8
    assertThat(ReceptiveField.of(units, 2).orElseThrow()).isEqualTo(new ReceptiveField(8, 2, -1));
  }

  @Test
  void cuttingAPatchCopiesTheSquareAndFillsPaddingWithZeros() {
    // a 4×4 image with values 1..16, one channel; a field of 3 at jump 2 starting at −1
    float[] image = new float[16];
    for (int i = 0; i < 16; i++) image[i] = i + 1;
    ReceptiveField rf = new ReceptiveField(3, 2, -1);
    assertThat(rf.cut(image, 1, 4, 0, 0)).containsExactly(0, 0, 0, 0, 1, 2, 0, 5, 6);
    assertThat(rf.cut(image, 1, 4, 1, 1)).containsExactly(6, 7, 8, 10, 11, 12, 14, 15, 16);
  }

  @Test
  void aBlocksFieldIsTheUnionOfItsPathsAndAgreesWithTheExplorersColumn() {
    // a residual unit: main path 3×3, 3×3 (field 5, start −2), shortcut 1×1 (field 1): the union is the main path
    LayerSpec.Residual unit = new LayerSpec.Residual("u", List.of(new Conv("a", 1, 3, 1, 1), new Conv("b", 1, 3, 1, 1)),
        new LayerSpec.Identity("s"), LayerSpec.Fn.RELU);
    assertThat(ReceptiveField.of(List.of(unit), 0).orElseThrow()).isEqualTo(new ReceptiveField(5, 1, -2));
    // paths 1×1 and 5×5/pad 2 behind a stride-2 stem: the 5×5 path wins, seen at jump 2
    LayerSpec.Concat inception = new LayerSpec.Concat("i", List.of(new Conv("one", 1, 1, 1, 0), new Conv("five", 1, 5, 1, 2)));
    assertThat(ReceptiveField.of(List.of(new Conv("stem", 1, 2, 2, 0), inception), 1).orElseThrow())
        .isEqualTo(new ReceptiveField(2 + 4 * 2, 2, -4));
    for (String id : List.of("resnet18", "googlenet", "densenet")) {
      var spec = studio.convnet.engine.arch.Zoo.get(id);
      var shapes = studio.convnet.engine.arch.ShapeInference.infer(spec, 96);
      var units = spec.units();
      for (int i = 0; i < units.size(); i++) {
        String name = units.get(i).name();
        var field = ReceptiveField.of(units, i);
        int widest = shapes.rows().stream().filter(r -> r.name().equals(name) || r.name().startsWith(name + "/"))
            .mapToInt(r -> r.receptiveField()).max().orElse(-2);
        if (widest == studio.convnet.engine.arch.ShapeInference.GLOBAL) {
          assertThat(field).as("%s %s", id, name).isEmpty();
          break;
        }
        assertThat(field.orElseThrow().size()).as("%s %s", id, name).isEqualTo(widest);
      }
    }
  }
}
