package studio.convnet.app.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import studio.convnet.app.GoldenImages;
import studio.convnet.app.common.Raster;

/**
 * A seeded preview grid of a real FashionMNIST test image, drawn in plain Java, against a committed
 * golden PNG. Tolerance: each channel within 2 levels on all but 0.1% of the pixels (GoldenImages:
 * on failure the picture and a diff go to target/golden/; -Dgolden.update=true renews the golden).
 */
class AugmentationGoldenTest {

  static final String SPEC =
      "crop:scale=0.5-1,ratio=0.75-1.3333 hflip:p=0.5 rotate:deg=20,p=0.7 translate:frac=0.1,p=0.5"
          + " contrast:amount=0.3 noise:std=0.03,p=0.5 erase:scale=0.02-0.15,p=0.5";

  @Test
  void seededLeNetGridOfTestImage0MatchesTheGolden() throws IOException {
    AugmentationViewModel vm = AugmentationViewModel.withFashionMnist(Runnable::run, Runnable::run);
    vm.applySpecText(SPEC);
    vm.seedProperty().set(2024);
    assertThat(vm.errorProperty().get()).isEmpty();
    Raster grid = vm.previewProperty().get().grid();
    GoldenImages.assertMatches("augmentation-grid-lenet28-seed2024", grid.toBufferedImage(), 2, 0.001);
  }
}
