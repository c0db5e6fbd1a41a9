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
}
