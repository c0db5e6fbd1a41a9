package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.app.architecture.Answers.Verdict;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Zoo;

class ArchitectureViewModelTest {

  private static String shape(ArchitectureViewModel vm, Side side, String layer) {
    return vm.summary(side).row(layer).orElseThrow().outShapeText();
  }

  @Test
  void changingTheInputSizeRecomputesBothNetworks() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    assertThat(vm.summaryProperty(Side.RIGHT).get().row("conv1").orElseThrow().outShapeText()).isEqualTo("96×54×54");
    vm.inputSizeProperty().set(96);
    assertThat(vm.summaryProperty(Side.RIGHT).get().row("conv1").orElseThrow().outShapeText()).isEqualTo("96×22×22");
    assertThat(vm.summaryProperty(Side.LEFT).get().row("conv1").orElseThrow().outShapeText()).isEqualTo("6×96×96");
  }

  @Test
  void eachNetworkStartsAtItsBookSizeUntilOneSizeIsSetForBoth() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    assertThat(vm.summary(Side.LEFT).inputSize()).isEqualTo(28);
    assertThat(vm.summary(Side.LEFT).totalParams()).isEqualTo(61_706); // not LeNet at 224 (5.6 M)
    assertThat(vm.summary(Side.RIGHT).inputSize()).isEqualTo(224);
    vm.useInputSize(224); // the size already set, chosen for both
    assertThat(vm.bookSizesProperty().get()).isFalse();
    assertThat(vm.summary(Side.LEFT).inputSize()).isEqualTo(224);
    vm.bookSizesProperty().set(true);
    vm.bookProperty(Side.LEFT).set(Zoo.vgg11());
    assertThat(vm.summary(Side.LEFT).inputSize()).isEqualTo(Zoo.vgg11().defaultInputSize());
  }

  @Test
  void aSnapshotPutsBackNetworksEditsSizesAndTheExercise() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.useInputSize(96);
    vm.edit("kernel", 5);
    vm.prediction().hideShapesProperty().set(true);
    vm.prediction().submit(Side.RIGHT, "conv1", Column.SHAPE, "96x24x24");
    Runnable restore = vm.snapshot();
    vm.present(Zoo.vgg11(), Zoo.alexnet());
    assertThat(vm.prediction().hideShapesProperty().get()).isFalse();
    assertThat(vm.prediction().answer(Side.RIGHT, "conv1", Column.SHAPE)).isEmpty();
    assertThat(vm.edited(Side.RIGHT)).isFalse();
    restore.run();
    assertThat(vm.summary(Side.LEFT).spec()).isEqualTo(Zoo.lenet());
    assertThat(vm.summary(Side.RIGHT).inputSize()).isEqualTo(96);
    assertThat(shape(vm, Side.RIGHT, "conv1")).isEqualTo("96×24×24");
    assertThat(vm.prediction().hideShapesProperty().get()).isTrue();
    assertThat(vm.prediction().verdict(Side.RIGHT, "conv1", Column.SHAPE)).isEqualTo(Verdict.RIGHT);
  }

  @Test
  void anImpossibleSizeGivesAnInlineMessageNamingTheLayer() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.inputSizeProperty().set(28);
    assertThat(ArchitectureViewModel.errorText(vm.summaryProperty(Side.RIGHT).get()))
        .startsWith("AlexNet (d2l) at 28×28: layer pool2")
        .contains("does not fit");
    assertThat(ArchitectureViewModel.errorText(vm.summaryProperty(Side.LEFT).get())).isEmpty();
    assertThat(vm.tableRowsProperty().get()).extracting(Row::kind).contains(Row.Kind.BROKEN);
  }

  @Test
  void choosingAnotherModelRecomputesThatSide() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.bookProperty(Side.LEFT).set(Zoo.vgg11());
    assertThat(vm.summaryProperty(Side.LEFT).get().spec().id()).isEqualTo("vgg11");
    assertThat(vm.summaryProperty(Side.LEFT).get().ok()).isTrue();
  }

  @Test
  void startsOnAlexNetsFirstConvolutionWithItsArithmetic() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    assertThat(vm.selectionProperty().get()).isEqualTo(new Selection(Side.RIGHT, "conv1"));
    assertThat(vm.arithmeticProperty().get())
        .contains("height  ⌊(224 + 2·1 − 11)/4⌋ + 1 = 54")
        .contains("params  96·(1·11·11) + 96 = 11,712")
        .contains("MACs    96·1·11·11 · 54·54 = 33,872,256");
    assertThat(vm.fieldsProperty().get()).extracting(LayerEdits.Field::name)
        .containsExactly("channels", "kernel", "stride", "padding");
  }

  @Test
  void editingAlexNetsFirstKernelPropagatesToEveryShapeAndTotal() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    long params = vm.summary(Side.RIGHT).totalParams();
    long macs = vm.summary(Side.RIGHT).totalMacs();
    assertThat(vm.edit("kernel", 5)).isTrue();
    assertThat(shape(vm, Side.RIGHT, "conv1")).isEqualTo("96×56×56");
    assertThat(shape(vm, Side.RIGHT, "pool1")).isEqualTo("96×27×27");
    assertThat(shape(vm, Side.RIGHT, "pool3")).isEqualTo("256×6×6");
    assertThat(shape(vm, Side.RIGHT, "flatten")).isEqualTo("9216");
    assertThat(vm.summary(Side.RIGHT).row("fc1").orElseThrow().params()).isEqualTo(9216L * 4096 + 4096);
    assertThat(vm.summary(Side.RIGHT).totalParams()).isNotEqualTo(params);
    assertThat(vm.summary(Side.RIGHT).totalMacs()).isNotEqualTo(macs);
    assertThat(vm.arithmeticProperty().get()).contains("height  ⌊(224 + 2·1 − 5)/4⌋ + 1 = 56");
    assertThat(vm.edited(Side.RIGHT)).isTrue();
    assertThat(vm.edited(Side.LEFT)).isFalse();
    assertThat(vm.recomputeNanosProperty().get()).isPositive();
  }

  @Test
  void anEditThatKillsAShapeMarksTheFirstBrokenLayer() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.edit("stride", 32);
    Summary s = vm.summary(Side.RIGHT);
    assertThat(s.row("conv1").orElseThrow().outShapeText()).isEqualTo("96×7×7");
    assertThat(s.error()).isPresent();
    assertThat(s.error().get().layer()).isEqualTo("pool3");
    assertThat(ArchitectureViewModel.errorText(s)).contains("layer pool3").contains("does not fit");
    vm.select(Side.RIGHT, "pool3");
    assertThat(vm.arithmeticProperty().get().get(0)).startsWith("pool3: output would be empty");
    vm.select(Side.RIGHT, "fc1");
    assertThat(vm.arithmeticProperty().get().get(0)).contains("an earlier layer is broken");
  }

  @Test
  void anInvalidValueIsRefusedInlineNamingTheField() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    assertThat(vm.edit("kernel", 0)).isFalse();
    assertThat(vm.editErrorProperty().get()).isEqualTo("conv1: kernel must be ≥ 1, got 0");
    assertThat(vm.editErrorFieldProperty().get()).isEqualTo("kernel");
    assertThat(shape(vm, Side.RIGHT, "conv1")).isEqualTo("96×54×54");
    assertThat(vm.edit("kernel", 11)).isTrue();
    assertThat(vm.editErrorProperty().get()).isEmpty();
  }

  @Test
  void resetBringsBackTheBooksNetworksAndInputSize() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.edit("channels", 64);
    vm.select(Side.LEFT, "fc1");
    vm.edit("units", 7);
    vm.inputSizeProperty().set(64);
    vm.resetToBook();
    assertThat(vm.inputSizeProperty().get()).isEqualTo(224);
    assertThat(vm.specProperty(Side.RIGHT).get()).isEqualTo(Zoo.alexnet());
    assertThat(vm.specProperty(Side.LEFT).get()).isEqualTo(Zoo.lenet());
    assertThat(vm.fieldsProperty().get()).containsExactly(new LayerEdits.Field("units", 120, 0, 16384));
  }

  @Test
  void layersInsideCompositeBlocksAreEditable() {
    ArchitectureViewModel vm = new ArchitectureViewModel(Zoo.vgg11(), Zoo.alexnet());
    vm.select(Side.LEFT, "block1/conv1");
    assertThat(vm.edit("channels", 32)).isTrue();
    assertThat(shape(vm, Side.LEFT, "block1/conv1")).isEqualTo("32×224×224");
    assertThat(vm.edit("kernel", 0)).isFalse();
    assertThat(vm.editErrorProperty().get()).startsWith("block1/conv1 — conv1: kernel must be ≥ 1");
  }

  @Test
  void hiddenShapesAreCheckedInAnyCommonNotation() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.prediction().hideShapesProperty().set(true);
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv1", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv1", Column.PARAMS)).isFalse();
    assertThat(vm.prediction().score()).isEqualTo("0 of 33 right");
    for (String ok : new String[] {"96x54x54", "96×54×54", "96, 54, 54", "(96, 54, 54)", "[1, 96, 54, 54]"}) {
      assertThat(vm.prediction().submit(Side.RIGHT, "conv1", Column.SHAPE, ok)).as(ok).isEqualTo(Verdict.RIGHT);
    }
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv1", Column.SHAPE)).isFalse();
    assertThat(vm.prediction().isAnsweredRight(Side.RIGHT, "conv1", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().submit(Side.RIGHT, "flatten", Column.SHAPE, "6,400")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().submit(Side.RIGHT, "pool1", Column.SHAPE, "96x27x27")).isEqualTo(Verdict.WRONG);
    assertThat(vm.prediction().submit(Side.RIGHT, "pool2", Column.SHAPE, "a lot")).isEqualTo(Verdict.WRONG);
    assertThat(vm.prediction().isHidden(Side.RIGHT, "pool1", Column.SHAPE)).isTrue();
    assertThat(vm.prediction().score()).isEqualTo("2 of 33 right");
  }

  @Test
  void hiddenParametersAcceptThousandsSeparatorsAndOnlyAskWhereThereAreSome() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.prediction().hideParamsProperty().set(true);
    assertThat(vm.prediction().isHidden(Side.RIGHT, "relu1", Column.PARAMS)).isFalse();
    assertThat(vm.prediction().submit(Side.RIGHT, "conv1", Column.PARAMS, "11,712")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().submit(Side.RIGHT, "conv2", Column.PARAMS, "614656")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().submit(Side.RIGHT, "conv3", Column.PARAMS, "885 120")).isEqualTo(Verdict.RIGHT);
    assertThat(vm.prediction().submit(Side.RIGHT, "fc1", Column.PARAMS, "26,218,495")).isEqualTo(Verdict.WRONG);
    assertThat(vm.prediction().submit(Side.RIGHT, "fc2", Column.PARAMS, "")).isEqualTo(Verdict.EMPTY);
  }

  @Test
  void revealOneLayerThenAll() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.prediction().hideShapesProperty().set(true);
    vm.prediction().hideParamsProperty().set(true);
    assertThat(vm.arithmeticProperty().get()).anyMatch(l -> l.contains("hidden"));
    vm.revealSelected();
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv1", Column.SHAPE)).isFalse();
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv1", Column.PARAMS)).isFalse();
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv2", Column.SHAPE)).isTrue();
    assertThat(vm.arithmeticProperty().get()).anyMatch(l -> l.contains("= 54"));
    vm.prediction().revealAll();
    assertThat(vm.prediction().isHidden(Side.RIGHT, "fc3", Column.SHAPE)).isFalse();
    assertThat(vm.prediction().isHidden(Side.LEFT, "conv2", Column.PARAMS)).isFalse();
    vm.prediction().hideShapesProperty().set(false);
    vm.prediction().hideShapesProperty().set(true);
    assertThat(vm.prediction().isHidden(Side.RIGHT, "conv2", Column.SHAPE)).as("a new exercise hides again").isTrue();
  }

  @Test
  void exportsTheTableAsCsvAtomicallyAndTheLayerSummaryAsText(@TempDir Path dir) throws Exception {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    Path csv = dir.resolve("alexnet.csv");
    Files.writeString(csv, "old");
    vm.exportCsv(csv);
    assertThat(Files.readString(csv)).startsWith("layer,type,").contains("conv1,Conv2d,").contains("total,,,,46764746,");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(csv);
    }
    assertThat(vm.layerSummaryText())
        .contains("# AlexNet (d2l): X = torch.randn(1, 1, 224, 224)")
        .contains("Conv2d output shape:\t torch.Size([1, 96, 54, 54])")
        .contains("# LeNet (d2l): X = torch.randn(1, 1, 28, 28)");
  }

  @Test
  void shapeInferenceOfBothNetworksTakesMicroseconds() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    long[] nanos = new long[2000];
    for (int i = 0; i < nanos.length; i++) {
      vm.inputSizeProperty().set(i % 2 == 0 ? 227 : 224);
      nanos[i] = vm.recomputeNanosProperty().get();
    }
    java.util.Arrays.sort(nanos, 1000, nanos.length);
    long median = nanos[1500];
    System.out.printf("shape inference, LeNet + AlexNet, warm median: %.1f µs%n", median / 1e3);
    assertThat(median).isLessThan(1_000_000L);
  }
}
