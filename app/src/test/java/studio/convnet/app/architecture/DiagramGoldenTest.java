package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

/**
 * The side-by-side diagram of LeNet and AlexNet at 224×224, rendered by the software pipeline and
 * compared with a committed golden image. A pixel differs when any channel is off by more than
 * {@value #CHANNEL_TOLERANCE}; at most {@value #MAX_DIFFERING} of the pixels may differ (anti-aliased
 * text edges vary a little between font versions). On failure the actual image and a diff (differing
 * pixels in red) are written to target/golden/. Run with -Dgolden.update=true to rewrite the golden.
 */
@ExtendWith(ApplicationExtension.class)
class DiagramGoldenTest {

  static final int CHANNEL_TOLERANCE = 40;
  static final double MAX_DIFFERING = 0.002;
  static final Path GOLDEN = Path.of("src/test/resources/golden/diagram-lenet-alexnet-224.png");

  @Start
  void start(Stage stage) {}

  @Test
  void theSideBySideDiagramMatchesTheGoldenImage() throws Exception {
    BufferedImage actual = WaitForAsyncUtils.asyncFx(() -> {
      Canvas diagram = new Canvas();
      Diagram.draw(diagram, ShapeInference.infer(Zoo.lenet(), 224), ShapeInference.infer(Zoo.alexnet(), 224),
          null, Diagram.Hints.NONE);
      SnapshotParameters p = new SnapshotParameters();
      p.setFill(Color.WHITE);
      WritableImage img = diagram.snapshot(p, null);
      return SwingFXUtils.fromFXImage(img, null);
    }).get();
    assertThat(actual.getWidth()).isEqualTo(774);

    if (Boolean.getBoolean("golden.update") || !Files.exists(GOLDEN)) {
      Files.createDirectories(GOLDEN.getParent());
      ImageIO.write(actual, "png", GOLDEN.toFile());
    }
    BufferedImage golden = ImageIO.read(GOLDEN.toFile());
    assertThat(actual.getWidth()).isEqualTo(golden.getWidth());
    assertThat(actual.getHeight()).isEqualTo(golden.getHeight());

    BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
    long differing = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int a = actual.getRGB(x, y);
        int g = golden.getRGB(x, y);
        boolean off = false;
        for (int shift = 0; shift <= 16; shift += 8) {
          off |= Math.abs(((a >> shift) & 0xff) - ((g >> shift) & 0xff)) > CHANNEL_TOLERANCE;
        }
        differing += off ? 1 : 0;
        diff.setRGB(x, y, off ? 0xff0000 : (g & 0xfefefe) >> 1 | 0x808080);
      }
    }
    double fraction = differing / (double) (actual.getWidth() * actual.getHeight());
    if (fraction > MAX_DIFFERING) {
      Path out = Path.of("target/golden");
      Files.createDirectories(out);
      ImageIO.write(actual, "png", out.resolve("diagram-actual.png").toFile());
      ImageIO.write(diff, "png", out.resolve("diagram-diff.png").toFile());
    }
    assertThat(fraction).as("fraction of differing pixels (actual and diff in target/golden/)")
        .isLessThanOrEqualTo(MAX_DIFFERING);
  }
}
