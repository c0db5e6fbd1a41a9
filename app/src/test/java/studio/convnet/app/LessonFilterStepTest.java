package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;

/** The first lesson's last step: AlexNet's filters under two recipes, the formed ones replayed on Filters. */
@ExtendWith(ApplicationExtension.class)
class LessonFilterStepTest {

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

  @Test
  void stepSixReplaysTheAlexnetWhoseFiltersFormOnItsFiltersTabBesideTheBooksRun(FxRobot robot) throws Exception {
    robot.clickOn("#home-lesson");
    for (int i = 0; i < 5; i++) {
      robot.type(KeyCode.PAGE_DOWN);
      WaitForAsyncUtils.waitForFxEvents();
    }
    var runs = main.trainingTabs().runs;
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> runs.runs().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
        .isEqualTo("tab-runs");
    TabPane runTabs = robot.lookup("#runsView .tab-pane").queryAs(TabPane.class);
    assertThat(runTabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("runs-replay");
    assertThat(runs.runs().get(0).folder().getFileName().toString()).isEqualTo("alexnet-80-momentum-wd");
    assertThat(runs.runs().get(1).folder().getFileName().toString()).isEqualTo("alexnet-96-book");
    var dashboards = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
        .filter(p -> p.getTabs().stream().anyMatch(x -> "replay-filters".equals(x.getId()))).toList();
    assertThat(dashboards).hasSize(1);
    assertThat(dashboards.get(0).getSelectionModel().getSelectedItem().getId()).isEqualTo("replay-filters");
    robot.clickOn("#lessonClose");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(runs.runs()).isEmpty();
  }
}
