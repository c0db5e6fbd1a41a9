package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Where it looks" in the replay of a shipped recording. The recordings predate the maps: one that
 * keeps its final weights has them worked out from those; one that keeps none says why and what to
 * do, and so do its top patches and the drawing pad.
 */
@ExtendWith(ApplicationExtension.class)
class LooksInReplayTest {

  static final Path RUNS = Path.of("..", "assets", "runs");
  RunsViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new RunsViewModel(new EngineRunSource(), Platform::runLater, true);
    stage.setScene(new Scene(new RunsView(vm).createView(), 1280, 860));
    stage.show();
  }

  @AfterEach
  void close() {
    vm.close();
  }

  private static void waitFor(long seconds, BooleanSupplier cond) throws Exception {
    studio.convnet.app.OnFx.waitFor(seconds, cond::getAsBoolean);
  }

  private static String note(FxRobot robot) {
    return robot.lookup("#lookNote").queryAs(Label.class).getText();
  }

  @Test
  void aRecordingWithItsFinalWeightsShowsWhereItLooksWorkedOutFromThem(FxRobot robot) throws Exception {
    robot.interact(() -> vm.open(RUNS.resolve("lenet-quick-weights")));
    waitFor(60, () -> vm.runs().size() == 1);
    robot.clickOn("#replay-activations");
    waitFor(120, () -> robot.lookup("#lookSaliency").tryQuery().isPresent());
    // probe 0 is an ankle boot; the saliency of its true class, from the epoch-6 checkpoint
    assertThat(note(robot)).startsWith("Worked out now from the recording's final weights (lenet-quick-weights)"
        + " (after epoch 6), not recorded").contains("Saliency of Ankle boot (score ").contains("% on the garment");
    assertThat(robot.lookup("#lookSaliency").queryAs(ImageView.class).getImage()).isNotNull();
    assertThat(robot.lookup("#lookCam").tryQuery()).as("LeNet has no global average pooling: no class map").isEmpty();

    // any other class, worked out when chosen
    @SuppressWarnings("unchecked")
    ComboBox<Integer> cls = robot.lookup("#lookClass").queryAs(ComboBox.class);
    robot.interact(() -> cls.setValue(1));
    waitFor(120, () -> note(robot).contains("Saliency of Trouser (score "));
    assertThat(robot.lookup("#lookPictures").queryAs(HBox.class).getChildren()).hasSize(2); // input and saliency
  }

  @Test
  void aRecordingWithoutMapsOrWeightsSaysWhyAndWhatToDo(FxRobot robot) throws Exception {
    robot.interact(() -> vm.open(RUNS.resolve("lenet-book-10-epochs")));
    waitFor(60, () -> vm.runs().size() == 1);
    robot.clickOn("#replay-activations");
    waitFor(30, () -> note(robot).equals(RunsView.NO_LOOKS));
    assertThat(robot.lookup("#lookPictures").queryAs(HBox.class).getChildren()).isEmpty();
    robot.clickOn("#replay-patches");
    waitFor(30, () -> robot.lookup("#patchCaption").queryAs(Label.class).getText()
        .startsWith("This run recorded no top patches: it was recorded before the app kept them."));
    robot.clickOn("#replay-pad");
    waitFor(30, () -> robot.lookup("#padSource").queryAs(Label.class).getText()
        .startsWith("Nothing to ask yet"));
  }
}
