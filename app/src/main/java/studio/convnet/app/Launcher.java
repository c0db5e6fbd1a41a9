package studio.convnet.app;

import javafx.application.Application;

/**
 * The main class for {@code exec:java}, jpackage and plain {@code java -cp}: a main that does not
 * extend {@link Application}, so JavaFX can be on the classpath.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(StudioApp.class, args);
  }
}
