package studio.convnet.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;
import studio.convnet.engine.events.RunState;

/** The dashboard's panes drawn from a synthetic run's events (test-only data). */
@ExtendWith(ApplicationExtension.class)
class DashboardPanesTest {

  DashboardPanes panes;
  final RunState state = RunState.of(FakeRun.run("fake", 2, 10));

  @Start
  void start(Stage stage) {
    panes = new DashboardPanes(() -> {}, "t-");
    stage.setScene(new Scene(new VBox(panes.view()), 1400, 860));
    stage.show();
  }

  @Test
  void curvesHoldEveryBatchPointAndTheTestAccuracyPerEpoch(FxRobot robot) {
    robot.interact(() -> panes.refresh(state));
    assertThat(panes.curves().trainLossSeries().getItemCount()).isEqualTo(20);
    assertThat(panes.curves().testAccSeries().getItemCount()).isEqualTo(2);
    int redraws = panes.curves().redraws();
    robot.interact(() -> panes.refresh(state));
    assertThat(panes.curves().redraws()).as("no redraw when nothing changed").isEqualTo(redraws);
  }

  @Test
  void clickingAFilterEnlargesItAndFlagsAreListed(FxRobot robot) {
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(1);
      panes.refresh(state);
    });
    ImageView grid = robot.lookup("#filterGrid").queryAs(ImageView.class);
    assertThat(grid.getImage()).isNotNull();
    assertThat(robot.lookup("#filterCaption").queryAs(Label.class).getText()).contains("6 filters of 5×5");
    robot.clickOn(robot.point(grid).atPosition(javafx.geometry.Pos.TOP_LEFT).atOffset(new javafx.geometry.Point2D(20, 20)));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(panes.filters().selected()).isEqualTo(0);
    assertThat(robot.lookup("#filterEnlarged").queryAs(ImageView.class).getImage()).isNotNull();
    assertThat(robot.lookup("#filterActivation").queryAs(ImageView.class).getImage()).isNotNull();
  }

  @Test
  void theFiltersTabScoresWhatTheDataCanSeeAndDrawsTheFiltersAsItSeesThem(FxRobot robot) {
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(1);
      panes.refresh(state);
    });
    // the fake run trains at 28 px: nothing is upsampled, everything is visible
    assertThat(robot.lookup("#filterScore").queryAs(Label.class).getText()).contains("every frequency");
    assertThat(robot.lookup("#filterFlags").queryAs(Label.class).getText()).containsPattern("(fire|fires) .*on the \\d+ probe image");
    robot.interact(() -> robot.lookup("#filterView").queryComboBox().getSelectionModel().select(FilterPanel.SEEN));
    assertThat(robot.lookup("#filterGrid").queryAs(ImageView.class).getImage()).isNotNull();
    robot.interact(() -> panes.filters().select(2));
    assertThat(robot.lookup("#filterSeen").queryAs(ImageView.class).getImage()).isNotNull();
  }

  @Test
  void topPatchesShowOneRowPerChannelAndTheClickedFiltersPatches(FxRobot robot) {
    int k = 3, side = 5;
    float[] patches = new float[6 * k * side * side];
    int[] tests = new int[6 * k];
    float[] acts = new float[6 * k];
    for (int i = 0; i < tests.length; i++) {
      tests[i] = 100 + i;
      acts[i] = 10 - i % k;
    }
    state.apply(new studio.convnet.engine.events.RunEvent.TopPatches(1e6, 2, 20, "conv1", k,
        new int[] {0, 1, 2, 3, 4, 5}, new int[] {1, side, side}, tests, acts, patches));
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(5);
      panes.refresh(state);
    });
    assertThat(robot.lookup("#patchRows").queryAs(VBox.class).getChildren()).hasSize(6);
    assertThat(robot.lookup("#patchCaption").queryAs(Label.class).getText()).contains("conv1 after epoch 2");
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(1);
      panes.refresh(state);
      panes.filters().select(1);
    });
    assertThat(robot.lookup("#filterPatches").queryAs(ImageView.class).getImage()).isNotNull();
  }

  @Test
  void clickingAConfusionCellShowsItsTestImages(FxRobot robot) throws Exception {
    // a matrix consistent with the real test labels: the first 100 test images, all predicted right
    var ds = studio.convnet.app.common.TestImages.fashionMnist().get(30, TimeUnit.SECONDS);
    int[] idx = new int[100], pred = new int[100];
    int[][] counts = new int[10][10];
    for (int i = 0; i < 100; i++) {
      idx[i] = i;
      pred[i] = ds.testLabels().labels()[i] & 0xff;
      counts[pred[i]][pred[i]]++;
    }
    state.apply(new studio.convnet.engine.events.RunEvent.ConfusionMatrix(99, 3, counts, idx, pred));
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(4);
      panes.refresh(state);
    });
    assertThat(robot.lookup("#confusionAccuracy").queryAs(Label.class).getText())
        .contains("epoch 3: 100 of 100");
    robot.clickOn("#cm-9-9");
    studio.convnet.app.OnFx.waitFor(20, () -> {
      return robot.lookup("#confusionImages").queryAs(FlowPane.class).getChildren().size() == counts[9][9];
    });
  }

  @Test
  void activationsShowEveryLayerOfTheProbe(FxRobot robot) {
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(3);
      panes.refresh(state);
    });
    VBox layers = robot.lookup("#activationLayers").queryAs(VBox.class);
    assertThat(layers.getChildren()).hasSize(1 + 1 + 2 + 1); // where it looks, input, conv1, fc3, probabilities
  }

  @Test
  void whereItLooksShowsTheRecordedSaliencyAndClassMapOfTheChosenClassAndAsksALiveRunForOthers(FxRobot robot) {
    var events = new ArrayList<RunEvent>(FakeRun.run("looks", 1, 4));
    float[] image = new float[28 * 28];
    for (int y = 4; y < 24; y++) for (int x = 8; x < 20; x++) image[y * 28 + x] = 1; // a bright block: the garment
    float[] sal = new float[2 * 28 * 28];
    sal[10 * 28 + 12] = 1; // class 9 looks inside the garment
    sal[28 * 28 + 1] = 1; // class 5 looks at the black corner
    events.add(new RunEvent.LookMaps(9, 1, 4, RunEvent.LookMaps.SALIENCY, "input", 0, 9, 9, 28, image,
        new int[] {9, 5}, new int[] {28, 28}, sal, new float[] {3, 1}));
    float[] cam = new float[10 * 4];
    cam[9 * 4 + 1] = 2;
    events.add(new RunEvent.LookMaps(9, 1, 4, RunEvent.LookMaps.CAM, "b5/inception5b", 0, 9, 9, 28, image,
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {2, 2}, cam, new float[10]));
    List<int[]> asked = new ArrayList<>();
    robot.interact(() -> {
      panes.activations().setLookRequester((i, c) -> asked.add(new int[] {i, c}));
      panes.tabs().getSelectionModel().select(3);
      panes.refresh(RunState.of(events));
    });
    assertThat(robot.lookup("#lookClass").queryComboBox().getValue()).as("the true class first").isEqualTo(9);
    assertThat(robot.lookup("#lookSaliency").queryAs(ImageView.class).getImage()).isNotNull();
    assertThat(robot.lookup("#lookCam").queryAs(ImageView.class).getImage()).isNotNull();
    String note = robot.lookup("#lookNote").queryAs(Label.class).getText();
    assertThat(note).contains("Saliency of Ankle boot (score 3.00, epoch 1): 100 % on the garment")
        .contains("Class map (b5/inception5b, 2×2) of Ankle boot").contains("covers 31 %");
    robot.interact(() -> robot.lookup("#lookClass").queryComboBox().getSelectionModel().select(Integer.valueOf(5)));
    assertThat(robot.lookup("#lookNote").queryAs(Label.class).getText()).contains("Saliency of Sandal (score 1.00, epoch 1): 0 % on the garment");
    robot.interact(() -> robot.lookup("#lookClass").queryComboBox().getSelectionModel().select(Integer.valueOf(3)));
    assertThat(robot.lookup("#lookSaliency").tryQuery()).as("no saliency recorded for class 3").isEmpty();
    assertThat(robot.lookup("#lookCam").queryAs(ImageView.class).getImage()).as("the class map has every class").isNotNull();
    // nothing to ask until a run trains
    assertThat(robot.lookup("#lookNow").queryButton().isDisabled()).isTrue();
    robot.interact(() -> panes.activations().setRefreshEnabled(true));
    robot.clickOn("#lookNow");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).containsExactly(0, 3);
  }

  private static LayerActivation maps(String name, int c, int hw) {
    return new LayerActivation(name, "conv", new int[] {c, hw, hw}, new float[c * hw * hw]);
  }

  @Test
  void activationMapsShareOnePixelScaleAndFillTheirGridEvenly(FxRobot robot) {
    // LeNet's layers: a 14×14 map must not be drawn larger than a 28×28 one; 16 maps as 8 + 8
    var lenet = List.of(maps("conv1", 6, 28), maps("pool1", 6, 14), maps("conv2", 16, 10), maps("pool2", 16, 5));
    var events = new ArrayList<RunEvent>(FakeRun.run("lenet-shapes", 1, 4));
    events.add(new ActivationSnapshot(9, 1, 4, 0, 9, 28, new float[28 * 28], lenet, new float[10]));
    robot.interact(() -> {
      panes.tabs().getSelectionModel().select(3);
      panes.refresh(RunState.of(events));
    });
    double previous = Double.MAX_VALUE;
    for (String layer : List.of("conv1", "pool1", "conv2", "pool2")) {
      GridPane grid = robot.lookup("#maps-" + layer).queryAs(GridPane.class);
      double width = ((ImageView) grid.getChildren().get(0)).getImage().getWidth();
      assertThat(width).as(layer).isLessThan(previous);
      previous = width;
    }
    assertThat(((ImageView) robot.lookup("#maps-conv1").queryAs(GridPane.class).getChildren().get(0))
        .getImage().getWidth()).isEqualTo(2 * ((ImageView) robot.lookup("#maps-pool1").queryAs(GridPane.class)
            .getChildren().get(0)).getImage().getWidth());
    GridPane conv2 = robot.lookup("#maps-conv2").queryAs(GridPane.class);
    var perRow = conv2.getChildren().stream().collect(java.util.stream.Collectors.groupingBy(
        GridPane::getRowIndex, java.util.stream.Collectors.counting()));
    assertThat(perRow.values()).as("maps per row").containsOnly(16L / perRow.size());
  }

  @Test
  void aTinyMapIsEnlargedToStayVisibleButNeverBeyondALargerOne() {
    int scale = ActivationPanel.scale(List.of(maps("conv1", 96, 54), maps("pool3", 256, 5)));
    assertThat(scale).isEqualTo(2);
    assertThat(5 * ActivationPanel.scaleFor(5, scale)).isBetween(ActivationPanel.SMALLEST_MAP_PX, 12 * scale);
    assertThat(ActivationPanel.columns(48, 108, 900)).isEqualTo(8);
    assertThat(ActivationPanel.columns(6, 112, 900)).isEqualTo(6);
    assertThat(ActivationPanel.columns(16, 40, 15 * 43)).as("where 15 fit: 8 + 8, not 15 + 1").isEqualTo(8);
  }
}
