package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.StructureEdits.NewLayer;
import studio.convnet.engine.arch.StructureEdits.Result;

class StructureEditsTest {

  private static List<String> names(NetworkSpec s) {
    return s.leaves().stream().map(LayerSpec::name).toList();
  }

  @Test
  void insertPutsAFreshlyNamedLayerAfterTheSelection() {
    Result r = StructureEdits.insert(Zoo.lenet(), "conv1", NewLayer.BATCH_NORM, true);
    assertThat(names(r.spec())).startsWith("conv1", "bn1", "sigmoid1");
    assertThat(r.select()).isEqualTo("bn1");
    Result before = StructureEdits.insert(r.spec(), "conv1", NewLayer.BATCH_NORM, false);
    assertThat(names(before.spec())).startsWith("bn2", "conv1", "bn1");
  }

  @Test
  void removeSelectsTheNeighbourAndRefusesTheLastLayerOfABlock() {
    Result r = StructureEdits.remove(Zoo.lenet(), "sigmoid1");
    assertThat(names(r.spec())).startsWith("conv1", "pool1");
    assertThat(r.select()).isEqualTo("pool1");
    NetworkSpec one = Zoo.lenet().withLayer("pool1", p -> new LayerSpec.Sequence("block", List.of(p)));
    assertThatThrownBy(() -> StructureEdits.remove(one, "block/pool1"))
        .hasMessage("block/pool1: the only layer in block; remove the block instead");
  }

  @Test
  void moveSwapsWithANeighbourAndStopsAtTheEnds() {
    Result r = StructureEdits.move(Zoo.lenet(), "pool1", -1);
    assertThat(names(r.spec())).startsWith("conv1", "pool1", "sigmoid1");
    assertThat(r.select()).isEqualTo("pool1");
    assertThatThrownBy(() -> StructureEdits.move(Zoo.lenet(), "conv1", -1))
        .hasMessage("conv1: already the first layer of the network");
  }

  @Test
  void swapKindTurnsSigmoidIntoReluAndAverageIntoMaxPooling() {
    Result r = StructureEdits.swapKind(Zoo.lenet(), "sigmoid1");
    assertThat(r.spec().find("relu1")).contains(new LayerSpec.Activation("relu1", LayerSpec.Fn.RELU));
    assertThat(r.select()).isEqualTo("relu1");
    Result p = StructureEdits.swapKind(Zoo.lenet(), "pool1");
    assertThat(((LayerSpec.Pool) p.spec().find("pool1").orElseThrow()).kind()).isEqualTo(LayerSpec.PoolKind.MAX);
    assertThat(StructureEdits.swapKind(p.spec(), "pool1").spec()).isEqualTo(Zoo.lenet());
    assertThatThrownBy(() -> StructureEdits.swapKind(Zoo.lenet(), "conv1")).hasMessageContaining("no other kind");
  }

  @Test
  void batchNormAndDropoutToggleAfterALayer() {
    Result on = StructureEdits.toggleAfter(Zoo.lenet(), "conv1", NewLayer.BATCH_NORM);
    assertThat(names(on.spec())).startsWith("conv1", "bn1");
    Result off = StructureEdits.toggleAfter(on.spec(), "conv1", NewLayer.BATCH_NORM);
    assertThat(off.spec()).isEqualTo(Zoo.lenet());
    Result drop = StructureEdits.toggleAfter(Zoo.lenet(), "fc1", NewLayer.DROPOUT);
    assertThat(drop.spec().find("dropout1")).contains(new LayerSpec.Dropout("dropout1", 0.5));
  }

  @Test
  void aWholeBlockIsDuplicatedMovedAndRemovedAsOne() {
    NetworkSpec g = Zoo.get("googlenet");
    assertThat(StructureEdits.enclosingBlock(g, "b3/inception3a/b2/conv2")).contains("b3/inception3a");
    Result dup = StructureEdits.duplicate(g, "b3/inception3a");
    assertThat(dup.spec().find("b3/inception3a_1")).isPresent();
    assertThat(dup.select()).isEqualTo("b3/inception3a_1/b1/conv");
    assertThat(ShapeInference.infer(dup.spec(), 96).ok()).isTrue();
    Result moved = StructureEdits.move(dup.spec(), "b3/inception3a_1", 1);
    assertThat(Graph.children(moved.spec().find("b3").orElseThrow()).stream().map(LayerSpec::name))
        .containsSubsequence("inception3b", "inception3a_1");
    Result removed = StructureEdits.remove(moved.spec(), "b3/inception3a_1");
    assertThat(removed.spec()).isEqualTo(g);
  }

  @Test
  void aResidualUnitKeepsItsShortcut() {
    NetworkSpec r = Zoo.get("resnet18");
    assertThat(StructureEdits.enclosingBlock(r, "b3/unit1/conv1")).contains("b3/unit1");
    assertThatThrownBy(() -> StructureEdits.remove(r, "b3/unit1/shortcut")).hasMessageContaining("shortcut");
    assertThatThrownBy(() -> StructureEdits.move(r, "b3/unit1/bn2", 1)).hasMessageContaining("already the last");
    Result ins = StructureEdits.insert(r, "b3/unit1/bn2", NewLayer.DROPOUT, true);
    LayerSpec.Residual unit = (LayerSpec.Residual) ins.spec().find("b3/unit1").orElseThrow();
    assertThat(unit.main()).hasSize(6);
    assertThat(unit.shortcut().name()).isEqualTo("shortcut");
  }

  @Test
  void aConcatKeepsTwoPaths() {
    NetworkSpec g = Zoo.get("googlenet");
    Result r = StructureEdits.remove(g, "b3/inception3a/b4");
    NetworkSpec two = StructureEdits.remove(r.spec(), "b3/inception3a/b3").spec();
    assertThatThrownBy(() -> StructureEdits.remove(two, "b3/inception3a/b2"))
        .hasMessageContaining("at least two paths");
  }
}
