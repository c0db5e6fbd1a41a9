package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.runs.RunReader;

/** Start, pause, resume and stop a real LeNet run (on a 30 000-image subset of FashionMNIST, stopped mid-run) from the view. */
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {

  @TempDir static Path runs;
  TrainingViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new TrainingViewModel(new EngineBackend(runs), Platform::runLater, true);
    stage.setScene(new Scene(new TrainingView(vm).createView(), 1400, 860));
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    vm.close();
  }

  private void waitFor(String what, long seconds, java.util.function.BooleanSupplier cond) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return cond.getAsBoolean();
    });
  }

  @Test
  void startPauseResumeStopOnATinyRealRunLeavesAValidRunFolder(FxRobot robot) throws Exception {
    robot.interact(() -> {
      vm.presetProperty().set(studio.convnet.engine.train.Presets.get("lenet-quick"));
      vm.maxTrainProperty().set(30_000); // long enough to pause and stop it mid-run (LeNet does ~10k img/s here)
      vm.maxTestProperty().set(200);
      vm.epochsProperty().set(3);
      vm.filterEveryProperty().set(2);
    });
    robot.clickOn("#startRun");
    assertThat(robot.lookup("#startRun").queryAs(Button.class).isDisabled()).isTrue();
    waitFor("the first batch", 45, () -> vm.state().batchCount() > 0);
    assertThat(robot.lookup("#deviceText").queryAs(Label.class).getText()).contains("CPU");

    robot.clickOn("#pauseRun");
    waitFor("paused", 20, () -> vm.pausedProperty().get());
    long pausedAt = vm.state().lastBatch().orElseThrow().step();
    Thread.sleep(500);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.state().lastBatch().orElseThrow().step()).as("no batches while paused").isEqualTo(pausedAt);
    assertThat(robot.lookup("#resumeRun").queryAs(Button.class).isDisabled()).isFalse();

    robot.clickOn("#resumeRun");
    waitFor("running again", 20, () -> !vm.pausedProperty().get());
    robot.clickOn("#stopRun");
    waitFor("the end of the run", 30, () -> !vm.runningProperty().get());
    assertThat(vm.state().status()).isIn(Status.STOPPED, Status.FINISHED);
    assertThat(robot.lookup("#statusText").queryAs(Label.class).getText()).containsAnyOf("stopped", "finished");
    assertThat(robot.lookup("#startRun").queryAs(Button.class).isDisabled()).isFalse();

    // the run folder on disk ends with RunFinished and replays as the same run
    Path folder;
    try (var s = Files.list(runs)) {
      folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(vm.awaitEnd(10_000)).isTrue();
    List<RunEvent> events = RunReader.readAll(folder);
    assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    assertThat(events.stream().filter(e -> e instanceof RunEvent.BatchMetrics).count())
        .isEqualTo(vm.state().batchCount());
  }
}
