package studio.convnet.app.augmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import studio.convnet.app.common.Golden;

/**
 * A seeded preview grid of a real FashionMNIST test image, drawn in plain Java, against a committed
 * golden PNG. Tolerance: each channel within 2 levels on all but 0.1% of the pixels. On failure the
 * actual picture and a diff (red = beyond tolerance, grey = the difference ×8) go to target/golden/.
 * To renew the golden after an intended change, copy target/golden/*-actual.png over it and look at it.
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
    ArgbImage grid = vm.previewProperty().get().grid();
    compare("augmentation-grid-lenet28-seed2024", grid);
  }

  static void compare(String name, ArgbImage actual) throws IOException {
    Golden.assertMatches(name, toBuffered(actual), 2, 0.001);
  }

  static BufferedImage toBuffered(ArgbImage img) {
    BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
    b.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
    return b;
  }
}
