package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.app.architecture.Answers.Verdict;
import studio.convnet.engine.arch.Zoo;

/** The explorer's view-model on graph networks: folding, selection by path, edits and predictions inside blocks. */
class ExplorerGraphViewModelTest {

  private static ArchitectureViewModel googlenetAndResnet() {
    ArchitectureViewModel vm = new ArchitectureViewModel(Zoo.get("googlenet"), Zoo.get("resnet18"));
    vm.tableSideProperty().set(Side.LEFT);
    return vm;
  }

  private static List<String> tableNames(ArchitectureViewModel vm) {
    return vm.tableRowsProperty().get().stream().map(Row::name).toList();
  }

  private static Row row(ArchitectureViewModel vm, String name) {
    return vm.tableRowsProperty().get().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void googLeNetOpensAsFiveBlocksAndOpensOneLevelAtATime() {
    ArchitectureViewModel vm = googlenetAndResnet();
    assertThat(tableNames(vm)).containsExactly("b1", "b2", "b3", "b4", "b5", "fc", "total");
    assertThat(row(vm, "b3").kind()).isEqualTo(Row.Kind.BLOCK);
    assertThat(row(vm, "b3").collapsed()).isTrue();
    assertThat(row(vm, "b3").shape()).isEqualTo("480×6×6");
    assertThat(row(vm, "b3").params()).isEqualTo(552_432);
    assertThat(row(vm, "b3").rf()).isEqualTo("107");
    assertThat(row(vm, "b3").jump()).isEqualTo("16");

    vm.folding().toggle(Side.LEFT, "b3");
    assertThat(tableNames(vm)).containsSubsequence("b3", "b3/inception3a", "b3/inception3b", "b3/pool", "b4");
    assertThat(tableNames(vm)).doesNotContain("b3/inception3a/b1");
    assertThat(row(vm, "b3/inception3a").depth()).isEqualTo(1);

    vm.folding().toggle(Side.LEFT, "b3/inception3a");
    // the four paths open at once, each with its layers, then the concat with the channel sum
    assertThat(tableNames(vm)).containsSubsequence("b3/inception3a", "b3/inception3a/b1", "b3/inception3a/b1/conv",
        "b3/inception3a/b2", "b3/inception3a/b2/conv2", "b3/inception3a/b3", "b3/inception3a/b4/pool",
        "b3/inception3a/concat", "b3/inception3b");
    assertThat(row(vm, "b3/inception3a/b2/conv2").depth()).isEqualTo(3);
    assertThat(row(vm, "b3/inception3a/b2/conv2").label()).isEqualTo("conv2");
    assertThat(row(vm, "b3/inception3a/concat").shape()).isEqualTo("256×12×12");

    vm.folding().setCollapsed(Side.LEFT, "b3", true);
    assertThat(tableNames(vm)).containsExactly("b1", "b2", "b3", "b4", "b5", "fc", "total");
    vm.folding().setAllCollapsed(Side.LEFT, false);
    assertThat(tableNames(vm)).contains("b5/inception5b/b4/conv", "b4/inception4e/concat");
    vm.folding().setAllCollapsed(Side.LEFT, true);
    assertThat(tableNames(vm)).hasSize(7);
  }

  @Test
  void selectingAPathOpensTheBlocksAroundItAndFoldingMovesTheSelectionToTheBlock() {
    ArchitectureViewModel vm = googlenetAndResnet();
    vm.select(Side.LEFT, "b3/inception3a/b2/conv2");
    assertThat(vm.folding().isCollapsed(Side.LEFT, "b3")).isFalse();
    assertThat(vm.folding().isCollapsed(Side.LEFT, "b3/inception3a")).isFalse();
    assertThat(vm.folding().isVisible(Side.LEFT, "b3/inception3a/b2/conv2")).isTrue();
    assertThat(vm.fieldsProperty().get()).extracting(LayerEdits.Field::name)
        .containsExactly("channels", "kernel", "stride", "padding");
    assertThat(vm.arithmeticProperty().get().get(0)).startsWith("b3/inception3a/b2/conv2 · Conv2d");
    assertThat(vm.arithmeticProperty().get()).anyMatch(l -> l.startsWith("sees    43×43 input pixels (receptive field); one output step = 8"));

    vm.folding().collapseSelected(); // ← on a layer folds the block around it
    assertThat(vm.folding().isCollapsed(Side.LEFT, "b3/inception3a/b2")).isTrue();
    assertThat(vm.selectionProperty().get()).isEqualTo(new Selection(Side.LEFT, "b3/inception3a/b2"));
    vm.folding().setCollapsed(Side.LEFT, "b3", true);
    assertThat(vm.selectionProperty().get()).isEqualTo(new Selection(Side.LEFT, "b3"));
    assertThat(vm.fieldsProperty().get()).isEmpty();
    assertThat(vm.arithmeticProperty().get().get(0)).isEqualTo("b3 · 3 layers:  192×12×12 → 480×6×6");
    vm.folding().expandSelected();
    assertThat(vm.folding().isCollapsed(Side.LEFT, "b3")).isFalse();
  }

  @Test
  void aBlocksArithmeticShowsTheChannelSumAndTheShortcut() {
    ArchitectureViewModel vm = googlenetAndResnet();
    vm.select(Side.LEFT, "b3/inception3a");
    assertThat(vm.arithmeticProperty().get())
        .contains("b3/inception3a · 4 parallel paths, concatenated:  192×12×12 → 256×12×12")
        .contains("channels 64 + 128 + 32 + 32 = 256 channels (the paths side by side)");
    vm.select(Side.RIGHT, "b3/unit1");
    assertThat(vm.arithmeticProperty().get())
        .contains("add     main path + shortcut: 128×12×12 + 128×12×12", "then    ReLU of the sum");
  }

  @Test
  void editsInsideABlockChangeTheConcatsChannelSumAndAMismatchNamesTheBlock() {
    ArchitectureViewModel vm = googlenetAndResnet();
    vm.select(Side.LEFT, "b3/inception3a/b2/conv2");
    assertThat(vm.edit("channels", 64)).isTrue();
    assertThat(vm.edited(Side.LEFT)).isTrue();
    assertThat(vm.summary(Side.LEFT).outShape("b3/inception3a").orElseThrow()).containsExactly(192, 12, 12);
    assertThat(vm.summary(Side.LEFT).row("b3/inception3a/concat").orElseThrow().formula())
        .isEqualTo("64 + 64 + 32 + 32 = 192 channels");

    assertThat(vm.edit("padding", 0)).isTrue(); // a 3×3 without padding shrinks this path to 10×10
    assertThat(vm.summary(Side.LEFT).error().orElseThrow().layer()).isEqualTo("b3/inception3a");
    assertThat(ArchitectureViewModel.errorText(vm.summary(Side.LEFT)))
        .contains("layer b3/inception3a").contains("64×12×12").contains("64×10×10");
    assertThat(tableNames(vm)).contains("b3/inception3a"); // the broken block is in view
    assertThat(vm.edit("kernel", 0)).isFalse();
    assertThat(vm.editErrorProperty().get()).isEqualTo("b3/inception3a/b2/conv2 — conv2: kernel must be ≥ 1, got 0");
  }

  @Test
  void aShortcutMustMatchItsMainPath() {
    ArchitectureViewModel vm = googlenetAndResnet();
    vm.select(Side.RIGHT, "b2/unit1/conv2");
    assertThat(vm.edit("channels", 32)).isTrue();
    assertThat(vm.summary(Side.RIGHT).error().orElseThrow().layer()).isEqualTo("b2/unit1");
    assertThat(vm.summary(Side.RIGHT).error().orElseThrow().message())
        .contains("cannot add the main path's 32×24×24 to the shortcut's 64×24×24");
    vm.select(Side.RIGHT, "b3/unit1/shortcut"); // the 1×1 convolution shortcut is edited like any layer
    assertThat(vm.fieldsProperty().get()).extracting(LayerEdits.Field::value).containsExactly(128, 1, 2, 0);
  }

  @Test
  void predictionsAskForWhatCanBeSeenBlockOutputsIncluded() {
    ArchitectureViewModel vm = googlenetAndResnet();
    vm.prediction().hideShapesProperty().set(true);
    // folded: GoogLeNet's b1…b5 and fc, ResNet's b1…b5, last
    assertThat(vm.prediction().score()).isEqualTo("0 of 12 right");
    assertThat(vm.prediction().isHidden(Side.LEFT, "b3", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().isHidden(Side.LEFT, "b3/inception3a", Column.SHAPE)).isFalse(); // folded away, not asked

    assertThat(vm.prediction().submit(Side.LEFT, "b3", Column.SHAPE, "480x6x6")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().score()).isEqualTo("1 of 12 right");

    vm.folding().toggle(Side.LEFT, "b3");
    vm.folding().toggle(Side.LEFT, "b3/inception3a");
    assertThat(vm.prediction().isHidden(Side.LEFT, "b3/inception3a", Column.SHAPE)).isTrue();
    // the concat shows the block's output: it is asked as the block, not a second time
    assertThat(vm.prediction().isHidden(Side.LEFT, "b3/inception3a/concat", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().submit(Side.LEFT, "b3/inception3a/concat", Column.SHAPE, "256×12×12")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().isAnsweredRight(Side.LEFT, "b3/inception3a", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().submit(Side.LEFT, "b3/inception3a/b2/conv2", Column.SHAPE, "128x12x12")).isEqualTo(Verdict.RIGHT);

    vm.select(Side.LEFT, "b3/inception3b");
    assertThat(vm.arithmeticProperty().get()).contains("arithmetic hidden until you answer or reveal this block");
    vm.revealSelected();
    assertThat(vm.prediction().isHidden(Side.LEFT, "b3/inception3b", Column.SHAPE)).isFalse();
    vm.prediction().revealAll();
    assertThat(vm.prediction().isHidden(Side.LEFT, "b5", Column.SHAPE)).isFalse();
  }
}
