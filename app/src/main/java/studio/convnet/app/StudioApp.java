package studio.convnet.app;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.convnet.engine.train.EngineSupport;

/** The JavaFX application: theme, main window, orderly shutdown. */
public final class StudioApp extends Application {

  private AppContext context;

  @Override
  public void init() {
    EngineSupport.offline();
  }

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    context = new AppContext();
    MainView main = new MainView(context);
    Scene scene = new Scene(main.createView(), 1400, 860);
    scene.getStylesheets().add(StudioApp.class.getResource("studio.css").toExternalForm());
    stage.setTitle("ConvNet Studio");
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> context.shutdown());
    stage.show();
  }

  @Override
  public void stop() {
    if (context != null) {
      context.shutdown();
    }
  }
}
