package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The developers' edit-to-redraw figures: timed from a marked edit to the next layout, shown on request. */
@ExtendWith(ApplicationExtension.class)
class EditTimingTest {

  private final SimpleBooleanProperty shown = new SimpleBooleanProperty(false);
  private EditTiming timing;
  private Scene scene;

  @Start
  void start(Stage stage) {
    timing = new EditTiming(shown);
    scene = new Scene(new StackPane(timing.node()), 600, 100);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void aMarkedEditIsTimedToTheNextLayoutWithTheInferencesShare(FxRobot robot) {
    robot.interact(() -> {
      timing.mark();
      timing.recomputed(scene, 1_234_000);
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(timing.node().getText())
        .startsWith("last change: shape inference 1.234 ms; edit → recompute → redraw (laid out) ")
        .endsWith(" ms CPU on the UI thread");
  }

  @Test
  void aRecomputeWithNoEditMarkedIsNotTimed(FxRobot robot) {
    String before = timing.node().getText();
    robot.interact(() -> timing.recomputed(scene, 5_000_000));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(timing.node().getText()).isEqualTo(before).contains("shows here");

    robot.interact(() -> {
      timing.mark();
      timing.recomputed(scene, 2_000_000);
      timing.recomputed(scene, 9_000_000); // a second recompute of the same edit is not timed again
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(timing.node().getText()).contains("shape inference 2.000 ms");
  }

  @Test
  void theFiguresAreForDevelopersOnly(FxRobot robot) {
    assertThat(timing.node().isVisible()).isFalse();
    assertThat(timing.node().isManaged()).isFalse();
    robot.interact(() -> shown.set(true));
    assertThat(timing.node().isVisible()).isTrue();
    assertThat(timing.node().isManaged()).isTrue();
  }
}
