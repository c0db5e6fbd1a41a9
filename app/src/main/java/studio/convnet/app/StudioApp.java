package studio.convnet.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.engine.train.EngineSupport;

/** The JavaFX application: theme, main window, presenter keys, orderly shutdown. */
public final class StudioApp extends Application {

  private AppContext context;

  @Override
  public void init() {
    EngineSupport.offline();
  }

  @Override
  public void start(Stage stage) {
    context = new AppContext();
    PresenterModel presenter = new PresenterModel();
    MainView main = new MainView(context, presenter);
    // fit the screen: a 1280×720 projector gets the whole window, not its top-left part
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(main.createView(), Math.min(1400, screen.getWidth()), Math.min(880, screen.getHeight()));
    applyTheme(scene, presenter.themeProperty().get());
    presenter.themeProperty().addListener((o, a, b) -> applyTheme(scene, b));
    main.installShortcuts(scene);

    presenter.fullScreenProperty().addListener((o, a, b) -> stage.setFullScreen(b));
    stage.fullScreenProperty().addListener((o, a, b) -> presenter.fullScreenProperty().set(b));
    stage.setFullScreenExitHint("F11 or Esc leaves full screen");
    var icon = StudioApp.class.getResourceAsStream("icon.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon));
    }
    stage.setTitle("ConvNet Studio");
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> context.shutdown());
    stage.show();
  }

  /** AtlantaFX Primer light/dark, plus our high-contrast overrides for projectors. */
  static void applyTheme(Scene scene, PresenterModel.Theme theme) {
    Application.setUserAgentStylesheet(theme.dark()
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
    scene.getStylesheets().setAll(StudioApp.class.getResource("studio.css").toExternalForm());
    if (theme.highContrast()) {
      String css = theme.dark() ? "contrast-dark.css" : "contrast-light.css";
      scene.getStylesheets().add(StudioApp.class.getResource(css).toExternalForm());
    }
  }

  @Override
  public void stop() {
    if (context != null) {
      context.shutdown();
    }
  }
}
