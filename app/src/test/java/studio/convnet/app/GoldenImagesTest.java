package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoldenImagesTest {

  @BeforeEach
  void notWhileUpdatingGoldens() {
    assumeFalse(Boolean.getBoolean("golden.update"), "-Dgolden.update=true writes goldens instead of checking");
  }

  @Test
  void aMissingGoldenFailsAndSaysHowToMakeIt() {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> GoldenImages.assertMatches("no-such-golden", img, 0, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no golden")
        .hasMessageContaining("-Dgolden.update=true");
    assertThat(GoldenImages.GOLDEN.resolve("no-such-golden.png")).doesNotExist();
    assertThat(GoldenImages.OUT.resolve("no-such-golden-actual.png")).exists();
  }

  @Test
  void aPictureThatDiffersFailsWithADiffAndOneWithinToleranceMatches() throws Exception {
    BufferedImage golden = ImageIO.read(GoldenImages.GOLDEN.resolve("filters-lenet-shared.png").toFile());
    BufferedImage blank = new BufferedImage(golden.getWidth(), golden.getHeight(), BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> GoldenImages.assertMatches("filters-lenet-shared", blank, 3, 0.001))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("of the pixels differ from the golden by more than 3 levels");
    assertThat(Files.exists(GoldenImages.OUT.resolve("filters-lenet-shared-diff.png"))).isTrue();

    BufferedImage nudged = new BufferedImage(golden.getWidth(), golden.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < golden.getHeight(); y++) {
      for (int x = 0; x < golden.getWidth(); x++) {
        int b = golden.getRGB(x, y) & 0xff;
        nudged.setRGB(x, y, golden.getRGB(x, y) & 0xffff00 | Math.min(255, b + 2)); // blue off by ≤ 2
      }
    }
    GoldenImages.assertMatches("filters-lenet-shared", nudged, 3, 0.001);
  }
}
