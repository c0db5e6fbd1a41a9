package studio.convnet.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain wiring shared by the views: long-lived services and what must be closed when the window
 * closes (a running training session, a followed run folder). No framework, no statics.
 */
public final class AppContext {

  private final List<AutoCloseable> closeOnExit = new ArrayList<>();

  /** Registers something to close when the app exits (training sessions, run followers). */
  public synchronized void closeOnExit(AutoCloseable c) {
    closeOnExit.add(c);
  }

  /** Closes everything registered, newest first; errors are reported, never thrown. */
  public synchronized void shutdown() {
    for (int i = closeOnExit.size() - 1; i >= 0; i--) {
      try {
        closeOnExit.get(i).close();
      } catch (Exception e) {
        System.err.println("while closing: " + e);
      }
    }
    closeOnExit.clear();
  }
}
