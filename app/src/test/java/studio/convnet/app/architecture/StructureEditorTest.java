package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Summaries;
import studio.convnet.engine.arch.StructureEdits.NewLayer;
import studio.convnet.engine.arch.Zoo;

class StructureEditorTest {

  @TempDir Path dir;

  private final ArchitectureViewModel vm = new ArchitectureViewModel(Zoo.lenet(), Zoo.get("googlenet"));
  private final StructureEditor ed = new StructureEditor(vm);

  @org.junit.jupiter.api.BeforeEach
  void oneSizeForBoth() {
    vm.bookSizesProperty().set(false); // the teacher sets one input size for both sides (96)
  }

  private List<String> leaves(Side s) {
    return vm.specProperty(s).get().leaves().stream().map(LayerSpec::name).toList();
  }

  private String selected() {
    return vm.selectionProperty().get().layer();
  }

  /** Every edit: applied, shapes recomputed, then undone to exactly the book, then redone. */
  private void undoRedo(NetworkSpec before, NetworkSpec after) {
    assertThat(ed.undo()).isTrue();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(before);
    assertThat(vm.summary(Side.LEFT).spec()).isEqualTo(before);
    assertThat(ed.redo()).isTrue();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(after);
  }

  @Test
  void insertAfterAddsTheLayerSelectsItAndPropagatesShapes() {
    vm.select(Side.LEFT, "conv1");
    assertThat(ed.insertAfter(NewLayer.CONV)).isTrue();
    assertThat(leaves(Side.LEFT)).startsWith("conv1", "conv3", "sigmoid1");
    assertThat(selected()).isEqualTo("conv3");
    assertThat(vm.summary(Side.LEFT).row("conv3").orElseThrow().outShapeText()).isEqualTo("16×96×96");
    assertThat(vm.edited(Side.LEFT)).isTrue();
    undoRedo(Zoo.lenet(), vm.specProperty(Side.LEFT).get());
  }

  @Test
  void insertBeforeRemoveAndMoveAreUndoable() {
    vm.select(Side.LEFT, "pool1");
    ed.insertBefore(NewLayer.BATCH_NORM);
    assertThat(leaves(Side.LEFT)).startsWith("conv1", "sigmoid1", "bn1", "pool1");
    undoRedo(Zoo.lenet(), vm.specProperty(Side.LEFT).get());

    vm.select(Side.LEFT, "sigmoid1");
    NetworkSpec before = vm.specProperty(Side.LEFT).get();
    assertThat(ed.remove()).isTrue();
    assertThat(leaves(Side.LEFT)).doesNotContain("sigmoid1");
    assertThat(selected()).isEqualTo("bn1");
    undoRedo(before, vm.specProperty(Side.LEFT).get());

    before = vm.specProperty(Side.LEFT).get();
    vm.select(Side.LEFT, "pool1");
    assertThat(ed.move(-1)).isTrue();
    assertThat(leaves(Side.LEFT)).startsWith("conv1", "pool1", "bn1");
    assertThat(selected()).isEqualTo("pool1");
    undoRedo(before, vm.specProperty(Side.LEFT).get());
  }

  @Test
  void swapKindAndTogglesAreUndoable() {
    vm.select(Side.LEFT, "sigmoid1");
    assertThat(ed.swapKind()).isTrue();
    assertThat(selected()).isEqualTo("relu1");
    undoRedo(Zoo.lenet(), vm.specProperty(Side.LEFT).get());

    NetworkSpec before = vm.specProperty(Side.LEFT).get();
    vm.select(Side.LEFT, "pool2");
    ed.swapKind();
    assertThat(vm.summary(Side.LEFT).row("pool2").orElseThrow().type()).isEqualTo("MaxPool2d");
    undoRedo(before, vm.specProperty(Side.LEFT).get());

    before = vm.specProperty(Side.LEFT).get();
    vm.select(Side.LEFT, "conv2");
    ed.toggleBatchNorm();
    assertThat(leaves(Side.LEFT)).containsSubsequence("conv2", "bn1", "sigmoid2");
    undoRedo(before, vm.specProperty(Side.LEFT).get());
    vm.select(Side.LEFT, "conv2");
    ed.toggleBatchNorm();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(before);

    vm.select(Side.LEFT, "fc1");
    ed.toggleDropout();
    assertThat(leaves(Side.LEFT)).containsSubsequence("fc1", "dropout1");
    undoRedo(before, vm.specProperty(Side.LEFT).get());
  }

  @Test
  void aRefusedEditChangesNothingAndSaysWhy() {
    vm.select(Side.LEFT, "conv1");
    assertThat(ed.move(-1)).isFalse();
    assertThat(ed.messageProperty().get()).isEqualTo("conv1: already the first layer of the network");
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.lenet());
    assertThat(ed.canUndoProperty().get()).isFalse();
    assertThat(ed.swapKind()).isFalse();
    assertThat(ed.messageProperty().get()).contains("no other kind");
  }

  @Test
  void aBrokenShapeIsNamedAtOnce() {
    vm.inputSizeProperty().set(28);
    vm.select(Side.LEFT, "pool2");
    ed.insertAfter(NewLayer.MAX_POOL);
    ed.insertAfter(NewLayer.MAX_POOL);
    assertThat(ArchitectureViewModel.errorText(vm.summary(Side.LEFT))).isEmpty(); // 16×1×1
    ed.insertAfter(NewLayer.MAX_POOL);
    assertThat(ArchitectureViewModel.errorText(vm.summary(Side.LEFT))).contains("layer pool5");
  }

  @Test
  void blocksOfAGraphNetworkAreDuplicatedMovedAndRemovedAsOne() {
    vm.select(Side.RIGHT, "b3/inception3a/b2/conv2");
    assertThat(ed.selectedBlock()).contains("b3/inception3a");
    NetworkSpec book = vm.specProperty(Side.RIGHT).get();
    assertThat(ed.duplicateBlock()).isTrue();
    assertThat(selected()).isEqualTo("b3/inception3a_1/b1/conv");
    assertThat(vm.summary(Side.RIGHT).ok()).isTrue();
    assertThat(ed.moveBlock(1)).isTrue();
    assertThat(selected()).isEqualTo("b3/inception3a_1/b1/conv");
    assertThat(ed.removeBlock()).isTrue();
    assertThat(vm.specProperty(Side.RIGHT).get()).isEqualTo(book);
    ed.undo();
    ed.undo();
    ed.undo();
    assertThat(vm.specProperty(Side.RIGHT).get()).isEqualTo(book);
    assertThat(ed.canUndoProperty().get()).isFalse();
    assertThat(ed.canRedoProperty().get()).isTrue();
  }

  @Test
  void fieldEditsAndResetAreUndoneToo() {
    vm.select(Side.LEFT, "conv1");
    vm.edit("channels", 12);
    ed.insertAfter(NewLayer.RELU);
    vm.resetToBook();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.lenet());
    ed.undo();
    assertThat(leaves(Side.LEFT)).contains("relu1");
    ed.undo();
    ed.undo();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.lenet());
    ed.redo();
    assertThat(((LayerSpec.Conv) vm.specProperty(Side.LEFT).get().find("conv1").orElseThrow()).channels()).isEqualTo(12);
    assertThat(vm.fieldsProperty().get().get(0).value()).isEqualTo(12);
  }

  @Test
  void choosingAnotherModelForgetsThatSidesHistory() {
    vm.select(Side.LEFT, "conv1");
    ed.insertAfter(NewLayer.RELU);
    vm.bookProperty(Side.LEFT).set(Zoo.get("lenet-modern"));
    assertThat(ed.canUndoProperty().get()).isFalse();
    assertThat(ed.undo()).isFalse();
  }

  @Test
  void aVariantIsSavedOpenedAndSummarisedAlike() throws Exception {
    vm.select(Side.LEFT, "sigmoid1");
    ed.swapKind();
    Path file = dir.resolve("lenet-relu.network.json");
    assertThat(ed.save(Side.LEFT, file)).isTrue();
    NetworkSpec saved = vm.specProperty(Side.LEFT).get();
    assertThat(saved.id()).isEqualTo("lenet-relu");
    assertThat(saved.title()).isEqualTo("LeNet (d2l), variant lenet-relu");
    assertThat(NetworkFile.load(file)).isEqualTo(saved);

    vm.bookProperty(Side.LEFT).set(Zoo.alexnet());
    assertThat(ed.open(Side.LEFT, file)).isTrue();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(saved);
    // the summary the CLI prints for the file (summary --network) is the explorer's
    assertThat(Summaries.table(vm.summary(Side.LEFT)))
        .isEqualTo(Summaries.table(ShapeInference.infer(NetworkFile.load(file), vm.inputSizeProperty().get())));
    ed.undo();
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.alexnet());
  }

  @Test
  void aBadFileIsRefusedWithOneLineAndNothingChanges() throws Exception {
    Path file = dir.resolve("bad.network.json");
    Files.writeString(file, NetworkFile.text(Zoo.lenet()).replace("\"version\": 1", "\"version\": 3"));
    assertThat(ed.open(Side.LEFT, file)).isFalse();
    assertThat(ed.messageProperty().get()).startsWith(file.toString()).contains("version 3").doesNotContain("\n");
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.lenet());
  }

  @Test
  void anEditedZooModelIsAVariantInCode() {
    assertThat(ed.variant(Side.LEFT)).isEqualTo(Zoo.lenet());
    vm.select(Side.LEFT, "sigmoid1");
    ed.swapKind();
    assertThat(ed.variant(Side.LEFT).id()).isEqualTo("lenet-variant");
    assertThat(ed.pytorchCode(Side.LEFT)).contains("nn.ReLU(),  # relu1");
    assertThat(ed.djlCode(Side.LEFT)).contains("public final class LenetVariant");
  }
}
