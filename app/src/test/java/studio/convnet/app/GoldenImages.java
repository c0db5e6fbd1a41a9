package studio.convnet.app;

import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The one golden-image comparison of the app's tests. A golden is a PNG in
 * {@code src/test/resources/golden/}; a picture matches when at most {@code maxDiffering} of its
 * pixels have a channel off by more than {@code tolerance} levels. On a mismatch the picture and a
 * diff (differing pixels red, the rest a faded golden) go to {@code target/golden/}.
 *
 * <p>A missing golden fails, saying where the actual picture is: look at it, then run the test once
 * with {@code -Dgolden.update=true} to write it as the golden (or copy the file). That flag also
 * re-makes a golden on purpose.
 */
public final class GoldenImages {

  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  static final Path OUT = Path.of("target", "golden");

  private GoldenImages() {}

  public static void assertMatches(String name, BufferedImage actual, int tolerance, double maxDiffering)
      throws IOException {
    Path golden = GOLDEN.resolve(name + ".png");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      ImageIO.write(actual, "png", golden.toFile());
    }
    if (!Files.isRegularFile(golden)) {
      Path written = write(name + "-actual", actual);
      fail("no golden " + golden + "; the actual picture is " + written.toAbsolutePath()
          + ": look at it, then run this test with -Dgolden.update=true to make it the golden");
    }
    BufferedImage expected = ImageIO.read(golden.toFile());
    if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
      Path written = write(name + "-actual", actual);
      fail(name + ": the golden is " + expected.getWidth() + "×" + expected.getHeight() + " but the picture is "
          + actual.getWidth() + "×" + actual.getHeight() + " (" + written.toAbsolutePath() + ")");
    }
    BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
    long differing = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int a = actual.getRGB(x, y);
        int g = expected.getRGB(x, y);
        int worst = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 0xff) - ((g >> shift) & 0xff)));
        }
        boolean off = worst > tolerance;
        differing += off ? 1 : 0;
        diff.setRGB(x, y, off ? 0xff0000 : (g & 0xfefefe) >> 1 | 0x808080);
      }
    }
    double fraction = differing / (double) (actual.getWidth() * actual.getHeight());
    if (fraction > maxDiffering) {
      Path written = write(name + "-actual", actual);
      write(name + "-diff", diff);
      fail(String.format(java.util.Locale.ROOT, "%s: %.4f of the pixels differ from the golden by more than %d"
          + " levels (allowed %.4f); see %s and %s-diff.png", name, fraction, tolerance, maxDiffering,
          written.toAbsolutePath(), name));
    }
  }

  private static Path write(String name, BufferedImage img) throws IOException {
    Files.createDirectories(OUT);
    Path p = OUT.resolve(name + ".png");
    ImageIO.write(img, "png", p.toFile());
    return p;
  }
}
