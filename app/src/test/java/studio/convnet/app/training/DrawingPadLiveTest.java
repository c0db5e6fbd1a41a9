package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
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
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.dashboard.DrawingPad;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.train.Presets;

/**
 * The drawing pad during a real LeNet run (the quick demo on its 12 000-image subset): strokes drawn
 * with the mouse are answered by the run as it is now — probabilities and every layer's output shown —
 * and the same drawing gets another answer once the weights have moved on.
 */
@ExtendWith(ApplicationExtension.class)
class DrawingPadLiveTest {

  @TempDir static Path runs;
  TrainingViewModel vm;
  TrainingView view;

  @Start
  void start(Stage stage) {
    vm = new TrainingViewModel(new EngineBackend(runs), Platform::runLater, true);
    view = new TrainingView(vm);
    stage.setScene(new Scene(new VBox(view.createView()), 1400, 860));
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    vm.close();
  }

  private static void waitFor(long seconds, BooleanSupplier cond) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return cond.getAsBoolean();
    });
  }

  /** Waits until the pad has no question out and its answer stayed the same for a moment. */
  private static ActivationSnapshot settled(DrawingPad pad) throws Exception {
    ActivationSnapshot seen = null;
    for (int tries = 0; tries < 600; tries++) {
      waitFor(90, () -> pad.lastAnswer() != null && !pad.waiting());
      ActivationSnapshot now = pad.lastAnswer();
      if (now == seen) {
        return now;
      }
      seen = now;
      Thread.sleep(300);
    }
    throw new AssertionError("the pad's answer never settled");
  }

  @Test
  void strokesAreAnsweredByTheLiveRunAndTheAnswerMovesWithTheWeights(FxRobot robot) throws Exception {
    robot.interact(() -> {
      vm.presetProperty().set(Presets.get("lenet-quick"));
      vm.maxTestProperty().set(200);
      vm.epochsProperty().set(3);
    });
    robot.clickOn("#startRun");
    waitFor(120, () -> vm.state().batchCount() > 0);
    robot.clickOn("#pauseRun");
    // paused once the run's own RunPaused has arrived (batches still in the queue come before it)
    waitFor(60, () -> vm.state().status() == RunState.Status.PAUSED);
    long pausedAt = vm.state().lastBatch().orElseThrow().step();

    robot.clickOn("#train-pad");
    DrawingPad pad = view.panes().pad();
    assertThat(robot.lookup("#padSource").queryAs(Label.class).getText()).contains("the live run");
    String before = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    // a pair of trousers: two legs drawn down from a waistband
    Canvas canvas = robot.lookup("#padCanvas").queryAs(Canvas.class);
    drag(robot, canvas, new Point2D(70, 30), new Point2D(154, 30));
    drag(robot, canvas, new Point2D(80, 30), new Point2D(75, 205));
    drag(robot, canvas, new Point2D(144, 30), new Point2D(150, 205));

    ActivationSnapshot first = settled(pad);
    // answered while paused, by the weights as they are (batch points are logged every few batches,
    // so the run may be a few steps past the last one shown)
    assertThat(first.step()).isBetween(pausedAt, pausedAt + 20);
    float[] p = first.probabilities();
    assertThat(p).hasSize(10);
    double sum = 0;
    for (float v : p) {
      assertThat(v).isBetween(0f, 1f);
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-4));
    float max = 0;
    for (float v : first.image()) max = Math.max(max, v);
    assertThat(max).as("the strokes reached the network's input").isGreaterThan(0.5f);
    var units = vm.config().spec().units();
    assertThat(first.layers()).extracting(l -> l.layer()).containsExactlyElementsOf(units.stream().map(u -> u.name()).toList());
    // the panel shows them: a bar per class, a row per layer, the best class with its probability
    assertThat(robot.lookup("#padProbabilities").queryAs(VBox.class).getChildren()).hasSize(10);
    assertThat(robot.lookup("#padLayers").queryAs(VBox.class).getChildren()).hasSize(units.size());
    String answer = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    assertThat(answer).isNotEqualTo(before).matches(".+ — \\d+ %");

    // training goes on: the same drawing is asked again and answered by the newer weights
    robot.clickOn("#resumeRun");
    waitFor(120, () -> pad.lastAnswer().step() > first.step() + 20);
    robot.clickOn("#pauseRun");
    waitFor(60, () -> vm.state().status() == RunState.Status.PAUSED);
    ActivationSnapshot later = settled(pad);
    assertThat(later.image()).as("the same drawing").containsExactly(first.image());
    double moved = 0;
    for (int i = 0; i < 10; i++) moved = Math.max(moved, Math.abs(later.probabilities()[i] - p[i]));
    assertThat(moved).as("largest change of a class probability after %d more batches", later.step() - first.step())
        .isGreaterThan(1e-3);
    assertThat(robot.lookup("#padProbabilities").queryAs(VBox.class).getChildren()).hasSize(10);
    robot.clickOn("#stopRun");
    waitFor(90, () -> !vm.runningProperty().get());
  }

  private static void drag(FxRobot robot, Canvas canvas, Point2D from, Point2D to) {
    Point2D a = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(from).query();
    Point2D b = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(to).query();
    robot.moveTo(a).press(MouseButton.PRIMARY).moveTo(b).release(MouseButton.PRIMARY);
  }
}
