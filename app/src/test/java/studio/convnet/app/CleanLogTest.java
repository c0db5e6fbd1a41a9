package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.app.presenter.PresenterModel.Theme;

/** The real window under the real themes: JavaFX's CSS logger stays silent through tabs, themes and zoom. */
@ExtendWith(ApplicationExtension.class)
class CleanLogTest {

  private static final Logger CSS = Logger.getLogger("javafx.css");
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final PresenterModel presenter = new PresenterModel();
  private Scene scene;

  @Start
  void start(Stage stage) {
    CSS.addHandler(handler);
    MainView main = new MainView(new AppContext(), presenter);
    scene = new Scene(main.createView(), 1280, 720);
    StudioApp.applyTheme(scene, presenter.themeProperty().get()); // as the app starts: AtlantaFX + ours
    presenter.themeProperty().addListener((o, a, b) -> StudioApp.applyTheme(scene, b));
    main.installShortcuts(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void modena() throws Exception {
    CSS.removeHandler(handler);
    WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
  }

  @Test
  void noCssWarningsThroughEveryTabThemeAndZoom(FxRobot robot) {
    TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
    for (Theme theme : Theme.values()) {
      robot.interact(() -> presenter.themeProperty().set(theme));
      for (int i = 0; i < tabs.getTabs().size(); i++) {
        int tab = i;
        robot.interact(() -> tabs.getSelectionModel().select(tab));
        WaitForAsyncUtils.waitForFxEvents();
      }
      robot.interact(presenter::zoomIn);
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertThat(warnings).isEmpty();
  }
}
