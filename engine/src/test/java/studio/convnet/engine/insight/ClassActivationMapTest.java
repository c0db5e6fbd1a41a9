package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.Zoo;

class ClassActivationMapTest {

  @Test
  void aClassMapIsTheDenseWeightedSumOfTheLastFeatureMaps() {
    // two 2×2 feature maps, three classes
    float[] f = {1, 2, 3, 4, /* k=1 */ 10, 0, 0, -10};
    float[] w = {1, 0, /* class 1 */ 0, 1, /* class 2 */ 0.5f, -2};
    float[] m = ClassActivationMap.maps(f, 2, 2, 2, w, 3);
    assertThat(m).containsExactly(1, 2, 3, 4, /* class 1 */ 10, 0, 0, -10, /* class 2 */ -19.5f, 1, 1.5f, 22);
    // the score without its bias is the map's mean: (w·mean F)
    assertThat(ClassActivationMap.mean(m, 2, 4)).isCloseTo(0.5 * 2.5 - 2 * 0, within(1e-9));
  }

  @Test
  void withoutADenseLayerTheChannelsAreTheClassMaps() {
    float[] f = {1, 2, 3, 4, 5, 6};
    assertThat(ClassActivationMap.maps(f, 2, 1, 3, null, 2)).containsExactly(f);
  }

  @Test
  void theHeadIsFoundInTheChaptersGapNetworksAndNotInAlexNetOrLeNet() {
    var nin = Zoo.get("nin").units();
    ClassActivationMap.Head h = ClassActivationMap.head(nin, 10).orElseThrow();
    assertThat(h.identity()).isTrue();
    assertThat(nin.get(h.poolUnit())).isInstanceOf(LayerSpec.GlobalAvgPool.class);
    assertThat(nin.get(h.featureUnit()).name()).isEqualTo("nin4/relu3");
    for (String id : List.of("googlenet", "resnet18", "densenet")) {
      var units = Zoo.get(id).units();
      ClassActivationMap.Head g = ClassActivationMap.head(units, 10).orElseThrow();
      assertThat(g.identity()).as(id).isFalse();
      assertThat(units.get(g.denseUnit())).as(id).isInstanceOf(LayerSpec.Dense.class);
      assertThat(g.featureUnit()).as(id).isEqualTo(g.poolUnit() - 1);
    }
    assertThat(ClassActivationMap.head(Zoo.get("alexnet").units(), 10)).isEmpty();
    assertThat(ClassActivationMap.head(Zoo.get("lenet").units(), 10)).isEmpty();
  }

  @Test
  void anActivationAfterThePoolingBreaksTheLinearHead() {
    List<LayerSpec> units = List.of(new LayerSpec.Conv("c", 4, 3, 1, 1), new LayerSpec.GlobalAvgPool("gap"),
        new LayerSpec.Flatten("f"), new LayerSpec.Dense("d", 10), new LayerSpec.Activation("r", LayerSpec.Fn.RELU));
    assertThat(ClassActivationMap.head(units, 10)).isEmpty();
    assertThat(ClassActivationMap.head(units.subList(0, 4), 10)).isPresent();
  }
}
