package studio.convnet.app.architecture;

import java.awt.image.BufferedImage;
import java.util.function.BiPredicate;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.GoldenImages;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

/**
 * The side-by-side diagram, rendered by the software pipeline and compared with committed golden
 * images through {@link GoldenImages}: a pixel differs when a channel is off by more than
 * {@value #CHANNEL_TOLERANCE} levels, and at most {@value #MAX_DIFFERING} of the pixels may differ
 * (anti-aliased text edges vary a little between font versions).
 */
@ExtendWith(ApplicationExtension.class)
class DiagramGoldenTest {

  static final int CHANNEL_TOLERANCE = 40;
  static final double MAX_DIFFERING = 0.002;

  @Start
  void start(Stage stage) {}

  private static BufferedImage render(NetworkSpec left, NetworkSpec right, int size,
      BiPredicate<Side, String> collapsed) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> {
      Canvas diagram = new Canvas();
      Diagram.draw(diagram, ShapeInference.infer(left, size), ShapeInference.infer(right, size), null,
          new DiagramHints() {
            @Override
            public boolean hidden(Side side, String layer, Column column) {
              return false;
            }

            @Override
            public boolean collapsed(Side side, String block) {
              return collapsed.test(side, block);
            }
          });
      SnapshotParameters p = new SnapshotParameters();
      p.setFill(Color.WHITE);
      return SwingFXUtils.fromFXImage(diagram.snapshot(p, null), null);
    }).get();
  }

  @Test
  void leNetBesideAlexNetMatchesTheGoldenImage() throws Exception {
    GoldenImages.assertMatches("diagram-lenet-alexnet-224", render(Zoo.lenet(), Zoo.alexnet(), 224, (s, b) -> false),
        CHANNEL_TOLERANCE, MAX_DIFFERING);
  }

  @Test
  void googLeNetWithAnInceptionOpenedBesideResNetWithAUnitOpenedMatchesTheGoldenImage() throws Exception {
    NetworkSpec g = Zoo.get("googlenet");
    NetworkSpec r = Zoo.get("resnet18");
    Outline o = new Outline();
    o.reset(Side.LEFT, g);
    o.reset(Side.RIGHT, r);
    for (String b : new String[] {"b3", "b3/inception3a"}) {
      o.setCollapsed(Side.LEFT, b, false);
    }
    for (String b : new String[] {"b3", "b3/unit1"}) {
      o.setCollapsed(Side.RIGHT, b, false);
    }
    GoldenImages.assertMatches("diagram-googlenet-resnet18-96-b3-open", render(g, r, 96, o::isCollapsed),
        CHANNEL_TOLERANCE, MAX_DIFFERING);
  }
}
