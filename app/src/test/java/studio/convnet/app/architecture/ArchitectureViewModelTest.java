package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.Zoo;

class ArchitectureViewModelTest {

  @Test
  void changingTheInputSizeRecomputesBothNetworks() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    assertThat(vm.rightSummaryProperty().get().row("conv1").orElseThrow().outShapeText()).isEqualTo("96×54×54");
    vm.inputSizeProperty().set(96);
    assertThat(vm.rightSummaryProperty().get().row("conv1").orElseThrow().outShapeText()).isEqualTo("96×22×22");
    assertThat(vm.leftSummaryProperty().get().row("conv1").orElseThrow().outShapeText()).isEqualTo("6×96×96");
  }

  @Test
  void anImpossibleSizeGivesAnInlineMessageNamingTheLayer() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.inputSizeProperty().set(28);
    assertThat(ArchitectureViewModel.errorText(vm.rightSummaryProperty().get()))
        .startsWith("AlexNet (d2l) at 28×28: layer pool2")
        .contains("does not fit");
    assertThat(ArchitectureViewModel.errorText(vm.leftSummaryProperty().get())).isEmpty();
  }

  @Test
  void choosingAnotherModelRecomputesThatSide() {
    ArchitectureViewModel vm = new ArchitectureViewModel();
    vm.leftProperty().set(Zoo.vgg11());
    assertThat(vm.leftSummaryProperty().get().spec().id()).isEqualTo("vgg11");
    assertThat(vm.leftSummaryProperty().get().ok()).isTrue();
  }
}
