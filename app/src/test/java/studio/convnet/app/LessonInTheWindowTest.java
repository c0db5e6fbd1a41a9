package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.architecture.Answers.Verdict;
import studio.convnet.app.architecture.Column;
import studio.convnet.app.architecture.Side;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.engine.arch.Zoo;

/**
 * The lesson as a teacher rehearses it, in the real window at a projector's 1280×720: keys that work
 * whatever was clicked, steps that look the same however they are reached, the teacher's own state
 * back at the end.
 */
@ExtendWith(ApplicationExtension.class)
class LessonInTheWindowTest {

  private final PresenterModel presenter = new PresenterModel();
  private final AppContext context = new AppContext();
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(context, presenter);
    Scene scene = new Scene(main.createView(), 1280, 720);
    main.installShortcuts(scene);
    stage.setScene(scene);
    stage.show();
  }

  private String tab(FxRobot robot) {
    return robot.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId();
  }

  private String title(FxRobot robot) {
    return robot.lookup("#lessonTitle").queryAs(Label.class).getText();
  }

  private void key(FxRobot robot, KeyCode code) {
    robot.type(code);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void pageDownAndClickerKeysStepWhateverWasClickedButLeaveTextFieldsTheirKeys(FxRobot robot) {
    robot.clickOn("#home-lesson");
    robot.clickOn("#diagram"); // a click on the diagram used to keep PageDown for its scroll pane
    key(robot, KeyCode.PAGE_DOWN);
    assertThat(title(robot)).contains("(2 / 6)");
    robot.clickOn("#answer-shape-conv1").write("96x54x54");
    key(robot, KeyCode.PAGE_DOWN); // a typed answer's field used to keep it too
    assertThat(title(robot)).contains("(3 / 6)");
    key(robot, KeyCode.PAGE_UP);
    assertThat(title(robot)).contains("(2 / 6)");

    // in a text field being typed in, arrows, B and . are the field's
    TextField answer = robot.lookup("#answer-shape-conv1").queryAs(TextField.class);
    robot.clickOn(answer);
    robot.write("b.");
    key(robot, KeyCode.RIGHT);
    assertThat(answer.getText()).endsWith("b.");
    assertThat(presenter.blankProperty().get()).isFalse();
    assertThat(title(robot)).contains("(2 / 6)");

    // the explorer's diagram keeps → and ← (they open and fold its blocks) ...
    robot.clickOn("#diagram");
    key(robot, KeyCode.RIGHT);
    assertThat(title(robot)).contains("(2 / 6)");
    // ... elsewhere a clicker's → and ← step, and B or . blanks the screen until any key
    robot.clickOn("#tab-architecture");
    key(robot, KeyCode.RIGHT);
    assertThat(title(robot)).contains("(3 / 6)");
    assertThat(tab(robot)).isEqualTo("tab-training");
    robot.clickOn("#curvesChart"); // the dashboard's shown tab
    key(robot, KeyCode.LEFT);
    assertThat(title(robot)).contains("(2 / 6)");
    key(robot, KeyCode.B);
    assertThat(robot.lookup("#blankScreen").query().isVisible()).isTrue();
    key(robot, KeyCode.PAGE_DOWN); // the key that wakes the screen does nothing else
    assertThat(robot.lookup("#blankScreen").query().isVisible()).isFalse();
    assertThat(title(robot)).contains("(2 / 6)");
    key(robot, KeyCode.PERIOD);
    assertThat(presenter.blankProperty().get()).isTrue();
  }

  @Test
  void ctrlShiftEqualsIsCtrlPlusOnAUsKeyboard(FxRobot robot) {
    robot.clickOn("#mainTabs");
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.EQUALS).release(KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(presenter.zoomProperty().get()).isEqualTo(1.15);
    robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(presenter.zoomProperty().get()).isEqualTo(1.0);
  }

  @Test
  void stepOneShowsEachNetworkAtItsBookSizeAndARestartResetsWhatARehearsalChanged(FxRobot robot) {
    var arch = main.architecture();
    // the teacher's own exploration before the lesson: AlexNet at 96, conv1 edited
    robot.interact(() -> {
      arch.useInputSize(96);
      arch.edit("kernel", 5);
    });
    robot.clickOn("#lessonStart");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.summary(Side.LEFT).inputSize()).isEqualTo(28);
    assertThat(arch.summary(Side.LEFT).totalParams()).isEqualTo(61_706);
    assertThat(arch.summary(Side.RIGHT).inputSize()).isEqualTo(224);
    assertThat(arch.summary(Side.RIGHT).spec()).isEqualTo(Zoo.alexnet());

    // rehearse: 28 for both (AlexNet breaks), then predict with a wrong answer
    robot.clickOn("#size-28");
    assertThat(arch.summary(Side.RIGHT).ok()).isFalse();
    key(robot, KeyCode.PAGE_DOWN);
    assertThat(arch.prediction().hideShapesProperty().get()).isTrue();
    robot.interact(() -> arch.prediction().submit(Side.RIGHT, "conv1", Column.SHAPE, "1x2x3"));
    key(robot, KeyCode.PAGE_DOWN);

    // start again: step 1 is as the note says, step 2 has no old answers
    robot.clickOn("#lessonStart");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(arch.summary(Side.RIGHT).ok()).isTrue();
    assertThat(arch.summary(Side.LEFT).inputSize()).isEqualTo(28);
    assertThat(arch.prediction().hideShapesProperty().get()).isFalse();
    assertThat(robot.lookup("#bookSizes").queryAs(CheckBox.class).isSelected()).isTrue();
    key(robot, KeyCode.PAGE_DOWN);
    assertThat(arch.prediction().verdict(Side.RIGHT, "conv1", Column.SHAPE)).isEqualTo(Verdict.EMPTY);
    assertThat(arch.prediction().isHidden(Side.RIGHT, "conv1", Column.SHAPE)).isTrue();

    // leaving the lesson gives the teacher back their own state and tab
    robot.clickOn("#lessonClose");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#lessonBar").query().isVisible()).isFalse();
    assertThat(tab(robot)).isEqualTo("tab-home");
    assertThat(arch.summary(Side.RIGHT).inputSize()).isEqualTo(96);
    assertThat(arch.edited(Side.RIGHT)).isTrue();
    assertThat(arch.prediction().hideShapesProperty().get()).isFalse();
  }

  @Test
  void theStepNameIsNeverCutAtAnyZoomAt1280x720(FxRobot robot) {
    robot.clickOn("#home-lesson");
    for (double zoom : new double[] {1.0, 1.32, 1.75, PresenterModel.MAX_ZOOM}) {
      robot.interact(() -> presenter.zoomProperty().set(zoom));
      for (int step = 0; step < 6; step++) {
        int s = step;
        robot.interact(() -> main.lesson().go(s));
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.lookup("#lessonTitle").queryAs(Label.class);
        String shown = ((Text) title.lookup(".text")).getText();
        assertThat(shown.replace("\n", " ")).as("step %d at zoom %.2f", step + 1, zoom)
            .isEqualTo(title.getText()).doesNotContain("…");
        assertThat(title.getLayoutBounds().getMaxX()).isLessThanOrEqualTo(1280);
      }
    }
  }

  @Test
  void stepFourOpensTheComparisonWithTheInputSizeInEveryTitle(FxRobot robot) throws Exception {
    robot.clickOn("#home-lesson");
    for (int i = 0; i < 3; i++) {
      key(robot, KeyCode.PAGE_DOWN);
    }
    var runs = main.trainingTabs().runs;
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> runs.runs().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    TabPane runTabs = robot.lookup("#runsView .tab-pane").queryAs(TabPane.class);
    assertThat(runTabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("runs-compare");
    assertThat(runs.titleProperty().get()).startsWith("Replay of AlexNet (d2l) at 96 px");
    assertThat(runs.compareTextProperty().get().lines())
        .anySatisfy(l -> assertThat(l).startsWith("AlexNet (d2l) at 96 px"))
        .anySatisfy(l -> assertThat(l).startsWith("LeNet").contains(" at 28 px"));
    // leaving the lesson closes what the lesson opened
    robot.clickOn("#lessonClose");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(runs.runs()).isEmpty();
  }

  @Test
  void stepSixPagedToFasterThanStepFourReadsShowsTheMomentumRunsFormedFiltersAndTheirTopPatches(FxRobot robot)
      throws Exception {
    robot.clickOn("#home-lesson");
    // a teacher pages 1 → 6 without waiting: step 4 starts reading the book's AlexNet (16 MB) and
    // step 6 opens the momentum + weight-decay recording before that read ends
    for (int i = 0; i < 5; i++) {
      key(robot, KeyCode.PAGE_DOWN);
    }
    assertThat(title(robot)).contains("6 · AlexNet's filters").contains("(6 / 6)");
    var runs = main.trainingTabs().runs;
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> runs.runs().size() == 2 && !readerRunning());
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(300); // the replay's redraw is throttled to 10 a second
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(tab(robot)).isEqualTo("tab-runs");
    assertThat(runs.pageProperty().get()).isEqualTo(studio.convnet.app.runs.RunsViewModel.Page.REPLAY);
    assertThat(runs.runs().get(0).folder().getFileName()).hasToString("alexnet-80-momentum-wd");
    assertThat(runs.titleProperty().get()).startsWith("Replay of AlexNet (d2l) at 80 px").contains("finished, 6 epochs");
    javafx.scene.Node runsView = robot.lookup("#runsView").query();
    TabPane panes = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
        .filter(tp -> tp.getTabs().stream().anyMatch(t -> "replay-filters".equals(t.getId()))).findFirst().orElseThrow();
    assertThat(panes.getSelectionModel().getSelectedItem().getId()).isEqualTo("replay-filters");

    // what the filter view shows: its conv1 at the end of the run, the share the data can see
    assertThat(robot.from(runsView).lookup("#filterCaption").queryAs(Label.class).getText())
        .startsWith("conv1: 96 filters of 11×11").contains("epoch 6, step 300");
    assertThat(robot.from(runsView).lookup("#filterScore").queryAs(Label.class).getText())
        .startsWith("Visible to the data: median 69 %").contains("80-px input");
    javafx.scene.image.ImageView grid = robot.from(runsView).lookup("#filterGrid").queryAs(javafx.scene.image.ImageView.class);
    assertThat(grid.getImage()).isNotNull();

    // a click on the first filter shows its top patches from the recording
    robot.clickOn(robot.point(grid).atPosition(javafx.geometry.Pos.TOP_LEFT).atOffset(new javafx.geometry.Point2D(10, 10))
        .query());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.from(runsView).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText))
        .anySatisfy(t -> assertThat(t).isEqualTo("Filter 0 of conv1"));
    assertThat(robot.from(runsView).lookup("#filterPatches").queryAs(javafx.scene.image.ImageView.class).getImage())
        .isNotNull();
    assertThat(robot.from(runsView).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText))
        .anySatisfy(t -> assertThat(t).startsWith("The 9 test patches that excite it most (epoch 6"));

    // back to step 4: the book's run, compared with LeNet, as that step always looks
    key(robot, KeyCode.PAGE_UP);
    key(robot, KeyCode.PAGE_UP);
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !readerRunning()
        && runs.runs().get(0).folder().getFileName().toString().equals("alexnet-96-book"));
    assertThat(runs.pageProperty().get()).isEqualTo(studio.convnet.app.runs.RunsViewModel.Page.COMPARE);
  }

  /** A Runs read still under way (the RunsViewModel reads on threads of this name). */
  private static boolean readerRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("convnet-run-reader"));
  }

  @Test
  void timingsAreForDevelopersOnly(FxRobot robot) {
    robot.clickOn("#home-architecture");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#timing").query().isVisible()).isFalse();
    robot.interact(() -> presenter.diagnosticsProperty().set(true));
    assertThat(robot.lookup("#timing").query().isVisible()).isTrue();
  }

  @Test
  void recordingCardsShowTheResultAndKeepTheProvenanceOneClickAway(FxRobot robot) {
    String lenet = "lenet-book-10-epochs";
    assertThat(robot.lookup("#result-" + lenet).queryAs(Label.class).getText()).startsWith("test accuracy 0.8162");
    assertThat(robot.lookup("#provenance-" + lenet).query().isVisible()).isFalse();
    scrollTo(robot, "#showProvenance-" + lenet); // the cards below the first screenful, as a teacher scrolls
    robot.clickOn("#showProvenance-" + lenet);
    assertThat(robot.lookup("#provenance-" + lenet).query().isVisible()).isTrue();
    assertThat(robot.lookup("#provenance-" + lenet).queryAs(Label.class).getText()).contains("Machine:", "Wall time:");
  }

  @Test
  void theTrainingFormIsTheTeachersAgainAfterTheLesson(FxRobot robot) {
    var training = main.trainingTabs().training;
    var own = training.presets().get(training.presets().size() - 1);
    robot.interact(() -> {
      training.presetProperty().set(own);
      training.epochsProperty().set(3);
    });
    robot.clickOn("#lessonStart");
    key(robot, KeyCode.PAGE_DOWN);
    key(robot, KeyCode.PAGE_DOWN); // step 3: the LeNet quick demo
    assertThat(training.presetProperty().get().id()).isEqualTo("lenet-quick");
    robot.clickOn("#lessonClose");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(training.presetProperty().get()).isEqualTo(own);
    assertThat(training.epochsProperty().get()).isEqualTo(3);
  }

  @Test
  void everyStepOfBothLessonsSetsUpItsViewWithAnActionThisWindowHas() {
    for (var lesson : java.util.List.of(studio.convnet.app.presenter.Lesson.D2L_MODERN_CNNS,
        studio.convnet.app.presenter.ChapterLesson.STEPS)) {
      for (var step : lesson) {
        assertThat(step.setup()).as(step.title()).isNotEmpty().allSatisfy(a -> assertThat(context.hasAction(a)).isTrue());
      }
    }
  }

  @Test
  void stepFiveSetsUpTheLabForwardsAndBackwardsAndGivesTheTeachersLabBack(FxRobot robot) {
    var lab = main.augmentation();
    float[] own = new float[28 * 28];
    own[0] = 1;
    robot.interact(() -> { // the teacher's own lab: an opened picture, LeNet, another pipeline and seed
      lab.modelProperty().set(Zoo.lenet());
      lab.applySpecText("vflip:p=1");
      lab.seedProperty().set(99);
      lab.indexProperty().set(7);
      lab.showImage(own, "my-shirt.png");
    });
    String teachers = lab.specTextProperty().get();
    robot.clickOn("#lessonStart");
    robot.interact(() -> main.lesson().go(4));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tab(robot)).isEqualTo("tab-augmentation");
    Runnable expectLesson = () -> {
      assertThat(lab.modelProperty().get()).isEqualTo(Zoo.alexnet());
      assertThat(lab.specTextProperty().get()).startsWith("crop:scale=0.5-1,ratio=0.75-1.3333").contains(" hflip")
          .doesNotContain("rotate");
      assertThat(lab.seedProperty().get()).isEqualTo(1);
      assertThat(lab.indexProperty().get()).isZero();
      assertThat(lab.customImageProperty().get()).isFalse();
    };
    expectLesson.run();

    // a rehearsal changes the lab; back to step 4 and forwards again: step 5 as before
    robot.interact(() -> {
      lab.reroll();
      lab.applySpecText("rotate:deg=30");
      lab.next();
    });
    key(robot, KeyCode.PAGE_UP);
    assertThat(tab(robot)).isEqualTo("tab-runs");
    key(robot, KeyCode.PAGE_DOWN);
    expectLesson.run();

    robot.clickOn("#lessonClose");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(lab.modelProperty().get()).isEqualTo(Zoo.lenet());
    assertThat(lab.specTextProperty().get()).isEqualTo(teachers).startsWith("vflip");
    assertThat(lab.seedProperty().get()).isEqualTo(99);
    assertThat(lab.customImageProperty().get()).isTrue();
    assertThat(lab.example()[0]).isEqualTo(1f);
    assertThat(lab.imageTitleProperty().get()).isEqualTo("my-shirt.png");
  }

  /** Scrolls the page holding a node until the node is in view (a robot click does not scroll). */
  private static void scrollTo(FxRobot robot, String query) {
    javafx.scene.Node n = robot.lookup(query).query();
    robot.interact(() -> {
      javafx.scene.Parent p = n.getParent();
      while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
        p = p.getParent();
      }
      var sp = (javafx.scene.control.ScrollPane) p;
      double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
      double range = sp.getContent().getLayoutBounds().getHeight() - sp.getViewportBounds().getHeight();
      sp.setVvalue(Math.max(0, Math.min(1, (y - 40) / range)));
    });
    WaitForAsyncUtils.waitForFxEvents();
  }
}
