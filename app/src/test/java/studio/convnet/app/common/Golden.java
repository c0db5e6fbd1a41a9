package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The one golden-image comparison of the app's tests. A picture matches its golden
 * (src/test/resources/golden/NAME.png) when at most {@code maxFraction} of its pixels have a channel
 * off by more than {@code channelTolerance} levels. A missing golden fails; the actual picture is
 * written to target/golden/NAME-actual.png to be looked at and copied over. On a mismatch the actual
 * picture and a diff (red: beyond tolerance; grey: the golden, faded) go to target/golden/ too.
 */
public final class Golden {

  private Golden() {}

  public static void assertMatches(String name, BufferedImage actual, int channelTolerance, double maxFraction)
      throws IOException {
    Path out = Path.of("target", "golden");
    BufferedImage golden;
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".png")) {
      golden = in == null ? null : ImageIO.read(in);
    }
    if (golden == null) {
      write(out, name + "-actual.png", actual);
      fail("no golden /golden/" + name + ".png; the actual picture is in " + out.resolve(name + "-actual.png")
          + ": look at it, then copy it to app/src/test/resources/golden/");
    }
    if (golden.getWidth() != actual.getWidth() || golden.getHeight() != actual.getHeight()) {
      write(out, name + "-actual.png", actual);
      fail("the golden " + name + " is " + golden.getWidth() + "×" + golden.getHeight() + " but the picture is "
          + actual.getWidth() + "×" + actual.getHeight() + "; see " + out.resolve(name + "-actual.png"));
    }
    BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
    long bad = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int a = actual.getRGB(x, y);
        int g = golden.getRGB(x, y);
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
          d = Math.max(d, Math.abs(((a >> shift) & 0xff) - ((g >> shift) & 0xff)));
        }
        boolean off = d > channelTolerance;
        bad += off ? 1 : 0;
        diff.setRGB(x, y, off ? 0xff0000 : (g & 0xfefefe) >> 1 | 0x808080);
      }
    }
    long allowed = (long) Math.floor(maxFraction * actual.getWidth() * actual.getHeight());
    if (bad > allowed) {
      write(out, name + "-actual.png", actual);
      write(out, name + "-diff.png", diff);
      fail(name + ": " + bad + " pixels differ from the golden by more than " + channelTolerance
          + " levels (allowed " + allowed + "); see " + out);
    }
  }

  private static void write(Path dir, String file, BufferedImage img) throws IOException {
    Files.createDirectories(dir);
    ImageIO.write(img, "png", dir.resolve(file).toFile());
  }
}
