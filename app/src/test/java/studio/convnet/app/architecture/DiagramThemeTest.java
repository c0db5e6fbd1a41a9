package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.convnet.app.DarkTheme.luminance;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.DarkTheme;

/** The diagram follows the theme: dark background and light text in the dark themes, and back. */
@ExtendWith(ApplicationExtension.class)
class DiagramThemeTest {

  private Scene scene;

  @Start
  void start(Stage stage) {
    scene = DarkTheme.show(stage, new ArchitectureView(new ArchitectureViewModel()).createView()).getScene();
  }

  @AfterEach
  void modena() throws Exception {
    DarkTheme.reset();
  }

  /** The canvas as painted: its corner (background) and the brightest and darkest pixel of the title. */
  private static double[] cornerAndTitle(FxRobot robot) throws Exception {
    Canvas canvas = robot.lookup("#diagram").queryAs(Canvas.class);
    Image img = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
    PixelReader r = img.getPixelReader();
    double lightest = 0;
    double darkest = 1;
    for (int y = 8; y < 30; y++) { // the left network's title, "LeNet (d2l)", at 132 %
      for (int x = 10; x < 90; x++) {
        double l = luminance(r.getColor(x, y));
        lightest = Math.max(lightest, l);
        darkest = Math.min(darkest, l);
      }
    }
    return new double[] {luminance(r.getColor(2, 2)), lightest, darkest, canvas.getWidth()};
  }

  @Test
  void inTheHighContrastDarkThemeTheDiagramIsDarkWithLightTextAndFollowsABackToLight(FxRobot robot)
      throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    double[] dark = cornerAndTitle(robot);
    assertThat(dark[0]).as("background").isLessThan(0.1);
    assertThat(dark[1]).as("title text").isGreaterThan(0.9);
    assertThat(dark[3]).as("drawn at the 132 % zoom").isGreaterThan(1.3 * 2 * DiagramLayout.W);

    robot.interact(() -> {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      scene.getStylesheets().clear();
    });
    WaitForAsyncUtils.waitForFxEvents();
    double[] light = cornerAndTitle(robot);
    assertThat(light[0]).as("background").isGreaterThan(0.95);
    assertThat(light[2]).as("title text").isLessThan(0.25);
  }

  @Test
  void theLightAndDarkColourSetsAreChosenByTheWindowsBackground() {
    assertThat(DiagramColours.forWindow(Color.WHITE, Color.BLACK)).isEqualTo(DiagramColours.LIGHT);
    DiagramColours d = DiagramColours.forWindow(Color.BLACK, Color.WHITE);
    assertThat(d.background()).isEqualTo(Color.BLACK);
    assertThat(d.ink()).isEqualTo(Color.WHITE);
    assertThat(DiagramColours.forWindow(Color.web("#0d1117"), Color.web("#e6edf3")).blockFill())
        .isEqualTo(DiagramColours.DARK.blockFill());
  }
}
