package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.convnet.app.architecture.ArchitectureViewModel;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.architecture.Selection;
import studio.convnet.app.architecture.Side;
import studio.convnet.app.presenter.PresenterModel;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {

  private final PresenterModel presenter = new PresenterModel();
  private final AppContext context = new AppContext();
  private int toggles;
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(context, presenter);
    Scene scene = new Scene(main.createView(), 1300, 850);
    // the real action starts a training run; here we only check that F5 reaches it
    context.registerAction("training.toggle", () -> toggles++);
    main.installShortcuts(scene);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void presenterKeysZoomEveryViewAndToggleFullScreenAndTraining(FxRobot robot) {
    robot.clickOn("#mainTabs");
    robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(presenter.zoomProperty().get()).isEqualTo(1.15);
    assertThat(robot.lookup("#mainRoot").query().getStyle()).contains("-fx-font-size: 15.0px");
    assertThat(robot.lookup("#zoomLabel").queryAs(Label.class).getText()).isEqualTo("115 %");
    robot.type(KeyCode.F11);
    assertThat(presenter.fullScreenProperty().get()).isTrue();
    robot.type(KeyCode.F5);
    assertThat(toggles).isEqualTo(1);
  }

  @Test
  void theLessonStepsThroughTheViews(FxRobot robot) {
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-home");
    robot.clickOn("#home-lesson");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-architecture");
    assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText()).startsWith("1 · Two stacks");
    robot.type(KeyCode.PAGE_DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText()).contains("(2 / 6)");
  }

  @Test
  void theLessonDrivesTheViewsItShows(FxRobot robot) {
    assertThat(context.hasAction("training.start")).isTrue();
    assertThat(context.runOpener()).isPresent();
    robot.clickOn("#home-lesson");
    robot.type(KeyCode.PAGE_DOWN); // step 2: predict-then-reveal hides the shapes
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#hideShapes").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
    robot.type(KeyCode.PAGE_DOWN); // step 3: the LeNet demo preset, not started until the teacher says so
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-training");
    assertThat(main.trainingTabs().training.presetProperty().get().id()).isEqualTo("lenet-quick");
    assertThat(main.trainingTabs().training.runningProperty().get()).isFalse();
  }

  @Test
  void theAugmentationLabsPipelineGoesToTheTrainingForm() {
    var lab = main.augmentation();
    var training = main.trainingTabs().training;
    WaitForAsyncUtils.asyncFx(() -> {
      lab.applySpecText("hflip:p=0.5 crop:scale=0.6..1");
      lab.useForTraining();
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(training.augmentProperty().get()).isEqualTo(lab.trainingSpecProperty().get()).contains("hflip:p=0.5").contains("crop:scale=0.6-1");
    assertThat(training.config().augment()).hasSize(2);
  }

  @Test
  void aReplayedRecordingExportsItsMetricsAsCsvAndTheViewAsPng(FxRobot robot,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path lenet = Assets.recordedRuns().stream()
        .filter(p -> p.getFileName().toString().startsWith("lenet")).findFirst().orElseThrow();
    robot.interact(() -> context.runOpener().orElseThrow().accept(lenet));
    WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
        () -> main.shownRun().map(r -> r.epochs().size() == 10).orElse(false));
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-runs");
    java.nio.file.Path csv = dir.resolve("m.csv");
    java.nio.file.Path png = dir.resolve("v.png");
    boolean[] ok = new boolean[2];
    robot.interact(() -> {
      ok[0] = main.exportMetricsCsv(csv);
      ok[1] = main.exportViewPng(png);
    });
    assertThat(ok).containsExactly(true, true);
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    assertThat(lines.stream().filter(l -> l.startsWith("epoch,"))).hasSize(10);
    assertThat(lines.stream().filter(l -> l.startsWith("epoch,10,")).findFirst().orElseThrow()).contains("0.8162");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThan(500);
  }

  @Test
  void lessonStepFourReplaysTheRecordedAlexNetWithLeNetOverlaid(FxRobot robot) throws Exception {
    robot.interact(() -> context.runAction("runs.recorded-alexnet"));
    var runs = main.trainingTabs().runs;
    WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS, () -> runs.runs().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(runs.titleProperty().get()).startsWith("Replay of ").contains("alexnet").contains("10 epochs");
    assertThat(runs.compareTextProperty().get()).contains("AlexNet").contains("LeNet");
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-runs");
  }

  @Test
  void theSecondLessonWalksThroughTheChapter(FxRobot robot) throws Exception {
    robot.clickOn("#home-lesson-chapter");
    WaitForAsyncUtils.waitForFxEvents();
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    var arch = main.architecture();
    assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText()).startsWith("1 · Where the parameters went");
    assertThat(arch.specProperty(Side.LEFT).get().id()).isEqualTo("alexnet");
    assertThat(arch.specProperty(Side.RIGHT).get().id()).isEqualTo("nin");
    assertThat(arch.selectionProperty().get()).isEqualTo(new Selection(Side.RIGHT, "gap"));

    robot.type(KeyCode.PAGE_DOWN); // 2: NiN's 1×1 convolution, its block opened
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.selectionProperty().get().layer()).isEqualTo("nin1/conv2");
    assertThat(arch.folding().isVisible(Side.LEFT, "nin1/conv2")).isTrue();

    robot.type(KeyCode.PAGE_DOWN); // 3: GoogLeNet with inception3a open: its four paths
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.specProperty(Side.LEFT).get().id()).isEqualTo("googlenet");
    assertThat(arch.folding().isCollapsed(Side.LEFT, "b3/inception3a")).isFalse();
    assertThat(arch.folding().isVisible(Side.LEFT, "b3/inception3a/b4/conv")).isTrue();
    assertThat(arch.summary(Side.LEFT).row("b3/inception3a/concat").orElseThrow().outShapeText()).startsWith("256×");

    robot.type(KeyCode.PAGE_DOWN); // 4: ResNet's shortcut
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.selectionProperty().get()).isEqualTo(new Selection(Side.LEFT, "b3/unit1/shortcut"));

    robot.type(KeyCode.PAGE_UP); // back to 3 and forward again: the same state
    robot.type(KeyCode.PAGE_DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.selectionProperty().get().layer()).isEqualTo("b3/unit1/shortcut");

    robot.type(KeyCode.PAGE_DOWN); // 5: one recording per network raced on the multiply-adds axis
    var race = main.trainingTabs().race;
    WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> race.racers().size() >= 3 && race.racers().stream().allMatch(r -> r.state().started().isPresent()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-race");
    assertThat(race.axisProperty().get()).isEqualTo(studio.convnet.app.race.RaceAxis.MULTIPLY_ADDS);
    var models = race.racers().stream().map(r -> r.state().started().orElseThrow().model()).toList();
    assertThat(models).contains("lenet", "alexnet", "resnet18").doesNotHaveDuplicates();
    OnFx.waitFor(10, () -> robot.lookup("#raceChart")
        .queryAs(org.jfree.chart.fx.ChartViewer.class).getChart().getXYPlot().getDataset(0).getSeriesCount() == models.size()
        && java.util.stream.IntStream.range(0, models.size()).allMatch(i -> robot.lookup("#raceChart") // redrawn since the last recording was read
            .queryAs(org.jfree.chart.fx.ChartViewer.class).getChart().getXYPlot().getDataset(0).getItemCount(i) > 0));
    var plot = robot.lookup("#raceChart").queryAs(org.jfree.chart.fx.ChartViewer.class).getChart().getXYPlot();
    assertThat(plot.getDomainAxis()).isInstanceOf(org.jfree.chart.axis.LogAxis.class); // LeNet and AlexNet both visible
    for (int i = 0; i < models.size(); i++) {
      assertThat(plot.getDataset(0).getItemCount(i)).as(models.get(i)).isGreaterThan(0);
    }
    assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText()).contains("(5 / 5)");
  }
}
