package studio.convnet.app;

import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lecture-hall look for a TestFX scene, as {@code StudioApp} and {@code PresenterModel} set it:
 * AtlantaFX's PrimerDark with {@code contrast-dark.css}, the presenter's 132 % font size, a 1280×720
 * window. Tests that use it call {@link #reset()} after each test, so the next one starts in Modena.
 */
public final class DarkTheme {

  /** The root font size at 132 %, as PresenterModel sets it. */
  public static final String ZOOM_132 = "-fx-font-size: 17.2px;";

  private DarkTheme() {}

  /** Shows {@code content} on the stage in the high-contrast dark theme at 132 %; returns the zoomed root. */
  public static StackPane show(Stage stage, Node content) {
    Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    StackPane root = new StackPane(content);
    root.setStyle(ZOOM_132);
    Scene scene = new Scene(root, 1280, 720);
    scene.getStylesheets().add(DarkTheme.class.getResource("/studio/convnet/app/contrast-dark.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
    return root;
  }

  /**
   * Makes a test window take the presenter's theme as the app's does ({@code StudioApp.applyTheme}:
   * AtlantaFX Primer and the high-contrast sheets); without it a theme change in a test changed
   * nothing on the screen. Call {@link #reset()} after the test.
   */
  public static void follow(Scene scene, studio.convnet.app.presenter.PresenterModel presenter) {
    StudioApp.applyTheme(scene, presenter.themeProperty().get());
    presenter.themeProperty().addListener((o, a, b) -> StudioApp.applyTheme(scene, b));
  }

  /**
   * Shows the app's main window on the stage at a projector's 1280×720, following the presenter's
   * theme as the app does ({@link #follow}); returns its scene. Call {@link #reset()} after the test.
   */
  public static Scene showFollowing(Stage stage, MainView main, studio.convnet.app.presenter.PresenterModel presenter) {
    Scene scene = new Scene(main.createView(), 1280, 720);
    follow(scene, presenter);
    stage.setScene(scene);
    stage.show();
    return scene;
  }

  /** Back to JavaFX's own Modena user-agent stylesheet. */
  public static void reset() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
  }

  /** Relative luminance (Rec. 709 weights) of a JavaFX colour, 0 black to 1 white. */
  public static double luminance(javafx.scene.paint.Color c) {
    return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
  }

  /** Relative luminance of an AWT colour (JFreeChart's paints), 0 black to 1 white. */
  public static double luminance(java.awt.Color c) {
    return luminance(javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue()));
  }
}
