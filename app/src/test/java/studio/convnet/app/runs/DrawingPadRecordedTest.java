package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.dashboard.DrawingPad;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;

/** Strokes drawn on the pad are classified by the shipped LeNet recording's final weights. */
@ExtendWith(ApplicationExtension.class)
class DrawingPadRecordedTest {

  static final Path LENET = Path.of("..", "assets", "runs", "lenet-quick-weights");
  DrawingPad pad;
  RecordedClassifier weights;

  @Start
  void start(Stage stage) {
    pad = new DrawingPad();
    weights = new RecordedClassifier(LENET);
    pad.setClassifier(weights);
    stage.setScene(new Scene(new VBox(pad.view()), 1000, 700));
    stage.show();
  }

  @AfterEach
  void close() {
    weights.close();
  }

  @Test
  void aDrawingIsClassifiedByTheRecordingWithEveryLayerShown(FxRobot robot) throws Exception {
    Canvas canvas = robot.lookup("#padCanvas").queryAs(Canvas.class);
    Point2D top = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(112, 30)).query();
    Point2D bottom = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(112, 200)).query();
    String before = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    robot.moveTo(top).press(MouseButton.PRIMARY).moveTo(bottom).release(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return pad.lastAnswer() != null;
    });
    ActivationSnapshot a = pad.lastAnswer();
    assertThat(a.probabilities()).hasSize(10);
    assertThat(a.layers()).hasSize(Zoo.lenet().units().size());
    float max = 0;
    for (float v : a.image()) max = Math.max(max, v);
    assertThat(max).as("the stroke reached the network's input").isGreaterThan(0.5f);
    String after = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    assertThat(after).isNotEqualTo(before).contains("%");
    assertThat(robot.lookup("#padSource").queryAs(Label.class).getText()).contains("lenet-quick-weights");
  }
}
