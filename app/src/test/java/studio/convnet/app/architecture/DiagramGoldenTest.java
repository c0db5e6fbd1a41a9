package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import studio.convnet.app.GoldenImages;
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
 * text edges vary a little between font versions). See GoldenImages: a missing golden fails; on a
 * mismatch the picture and a diff go to target/golden/; -Dgolden.update=true rewrites the golden.
 */
@ExtendWith(ApplicationExtension.class)
class DiagramGoldenTest {

  static final int CHANNEL_TOLERANCE = 40;
  static final double MAX_DIFFERING = 0.002;

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

    GoldenImages.assertMatches("diagram-lenet-alexnet-224", actual, CHANNEL_TOLERANCE, MAX_DIFFERING);
  }
}
