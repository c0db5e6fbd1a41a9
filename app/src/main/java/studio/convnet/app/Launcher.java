package studio.convnet.app;

import javafx.application.Application;
import studio.convnet.engine.train.MallocRestart;

/**
 * The main class for {@code exec:java}, jpackage and plain {@code java -cp}: a main that does not
 * extend {@link Application}, so JavaFX can be on the classpath.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    MallocRestart.restartIfUseful(); // first: it replaces this JVM with itself under malloc tunables
    Application.launch(StudioApp.class, args);
  }
}
