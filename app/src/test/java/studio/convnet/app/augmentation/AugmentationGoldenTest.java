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
    Path out = Path.of("target", "golden");
    BufferedImage golden;
    try (InputStream in = AugmentationGoldenTest.class.getResourceAsStream("/golden/" + name + ".png")) {
      golden = in == null ? null : ImageIO.read(in);
    }
    if (golden == null) {
      Files.createDirectories(out);
      ImageIO.write(toBuffered(actual), "png", out.resolve(name + "-actual.png").toFile());
      fail("no golden /golden/" + name + ".png; the actual picture is in " + out.resolve(name + "-actual.png")
          + ": look at it, then copy it to app/src/test/resources/golden/");
    }
    if (golden.getWidth() != actual.width() || golden.getHeight() != actual.height()) {
      Files.createDirectories(out);
      ImageIO.write(toBuffered(actual), "png", out.resolve(name + "-actual.png").toFile());
      fail("the golden is " + golden.getWidth() + "×" + golden.getHeight() + " but the picture is "
          + actual.width() + "×" + actual.height() + "; see " + out.resolve(name + "-actual.png"));
    }
    BufferedImage diff = new BufferedImage(actual.width(), actual.height(), BufferedImage.TYPE_INT_RGB);
    int bad = 0;
    for (int y = 0; y < actual.height(); y++) {
      for (int x = 0; x < actual.width(); x++) {
        int a = actual.get(x, y);
        int g = golden.getRGB(x, y);
        int worst = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 0xff) - ((g >> shift) & 0xff)));
        }
        if (worst > 2) {
          bad++;
          diff.setRGB(x, y, 0xff0000);
        } else {
          int d = Math.min(255, worst * 8);
          diff.setRGB(x, y, d << 16 | d << 8 | d);
        }
      }
    }
    int allowed = actual.width() * actual.height() / 1000;
    if (bad > allowed) {
      Files.createDirectories(out);
      ImageIO.write(toBuffered(actual), "png", out.resolve(name + "-actual.png").toFile());
      ImageIO.write(diff, "png", out.resolve(name + "-diff.png").toFile());
      fail(bad + " pixels differ from the golden by more than 2 levels (allowed " + allowed + "); see "
          + out.toAbsolutePath().resolve(name + "-actual.png") + " and -diff.png");
    }
  }

  static BufferedImage toBuffered(ArgbImage img) {
    BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
    b.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
    return b;
  }
}
