package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.dashboard.DashboardPanes;
import studio.convnet.app.training.EngineBackend;
import studio.convnet.app.training.TrainingBackend;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.TrainingConfig;

/**
 * The Health view during a short real training (events applied on the FX thread as they come), then
 * the same run replayed from its folder with the timeline moved; and a recording made before health
 * records existed.
 */
@ExtendWith(ApplicationExtension.class)
class HealthTimelineTest {

  @TempDir Path runs;
  DashboardPanes panes;

  @Start
  void start(Stage stage) {
    panes = new DashboardPanes(() -> {}, "h-");
    panes.tabs().getSelectionModel().select(2); // Health, next to Filters
    stage.setScene(new Scene(new VBox(panes.view()), 1280, 720));
    stage.show();
  }

  @Test
  void theHealthViewFillsDuringARealRunAndFollowsTheReplayTimeline(FxRobot robot) throws Exception {
    assertThat(panes.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Health");
    // lenet-modern, 256 images in batches of 64: records at the start, after batches 1, 2 and at the end (4)
    TrainingConfig c = TrainingConfig.builder().setModel("lenet-modern").setBatchSize(64).setLearningRate(0.01)
        .setEpochs(1).optOptimizer(TrainingConfig.OptimizerKind.ADAM).optMaxTrainExamples(256)
        .optMaxTestExamples(100).optMetricsEvery(1).optSeed(7).optDevice(DeviceChoice.CPU).build();
    RunState live = new RunState();
    AtomicInteger shownAtStep3 = new AtomicInteger(-1);
    TrainingBackend.Control control = new EngineBackend(runs).start(c, e -> Platform.runLater(() -> {
      live.apply(e);
      panes.refresh(live);
      if (e instanceof RunEvent.BatchMetrics b && b.step() == 3) {
        shownAtStep3.set(panes.health().shownRecords()); // mid-run: the records of steps 0, 1 and 2
      }
    }));
    assertThat(control.await(120_000)).isTrue();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shownAtStep3.get()).isEqualTo(3);
    assertThat(panes.health().shownRecords()).isEqualTo(4);
    assertThat(panes.health().shownLayers()).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
    assertThat(robot.lookup("#health-weights-conv1").queryAs(Canvas.class)).isNotNull();
    assertThat(robot.lookup("#healthHow0").queryLabeled().getText()).contains("stopped learning");

    // the replay: its timeline placed at the third record shows three, at the end all four
    LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    RunsViewModel replay = new RunsViewModel(new EngineRunSource(), fx::add, false);
    replay.open(control.runFolder().orElseThrow());
    fx.poll(30, TimeUnit.SECONDS).run();
    List<LayerHealth> recorded = replay.runs().get(0).events().stream().filter(e -> e instanceof LayerHealth)
        .map(e -> (LayerHealth) e).toList();
    assertThat(recorded).hasSize(4);
    robot.interact(() -> {
      replay.timeProperty().set(recorded.get(2).elapsed());
      panes.refresh(replay.stateAtTime());
    });
    assertThat(panes.health().shownRecords()).isEqualTo(3);
    assertThat(panes.health().caption()).contains("3 records up to epoch 0.50");
    robot.interact(() -> {
      replay.timeProperty().set(replay.durationProperty().get());
      panes.refresh(replay.stateAtTime());
    });
    assertThat(panes.health().shownRecords()).isEqualTo(4);
  }

  @Test
  void aRecordingMadeBeforeHealthRecordsSaysSoInsteadOfShowingEmptyCharts(FxRobot robot) throws Exception {
    LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    RunsViewModel replay = new RunsViewModel(new EngineRunSource(), fx::add, false);
    replay.open(Path.of("../assets/runs/lenet-book-10-epochs"));
    fx.poll(30, TimeUnit.SECONDS).run();
    assertThat(replay.stateAtTime().batchCount()).isPositive();
    robot.interact(() -> panes.refresh(replay.stateAtTime()));
    assertThat(panes.health().shownRecords()).isZero();
    assertThat(panes.health().caption()).startsWith("Filter health was not recorded in this run");
    assertThat(robot.lookup("#healthGrid").queryParent().getChildrenUnmodifiable()).isEmpty();
  }
}
