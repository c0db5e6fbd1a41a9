package studio.convnet.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plain wiring shared by the views: what must be closed when the window closes (a running training
 * session, a followed run folder) and named actions a view offers to the others (the lesson, the
 * start page and keyboard shortcuts call them). No framework, no statics.
 */
public final class AppContext {

  private final List<AutoCloseable> closeOnExit = new ArrayList<>();
  private final Map<String, Runnable> actions = new LinkedHashMap<>();
  private final List<Supplier<Runnable>> snapshots = new ArrayList<>();
  private Consumer<Path> runOpener;

  /** Registers something to close when the app exits (training sessions, run followers). */
  public synchronized void closeOnExit(AutoCloseable c) {
    closeOnExit.add(c);
  }

  /** A view offers an action under an id such as {@code training.toggle}. */
  public void registerAction(String id, Runnable action) {
    actions.put(id, action);
  }

  /** Runs the action if some view registered it; returns whether it did. */
  public boolean runAction(String id) {
    Runnable r = id == null ? null : actions.get(id);
    if (r == null) {
      return false;
    }
    r.run();
    return true;
  }

  public boolean hasAction(String id) {
    return actions.containsKey(id);
  }

  /**
   * A view offers to capture the state a lesson step may change: the supplier captures it now and
   * returns the action that puts it back.
   */
  public void registerSnapshot(Supplier<Runnable> snapshot) {
    snapshots.add(snapshot);
  }

  /** Captures every registered view's state; the returned action restores them all. */
  public Runnable capture() {
    List<Runnable> restore = snapshots.stream().map(Supplier::get).toList();
    return () -> restore.forEach(Runnable::run);
  }

  /** The runs view registers how to open a run folder (recorded or being written). */
  public void setRunOpener(Consumer<Path> opener) {
    this.runOpener = opener;
  }

  public Optional<Consumer<Path>> runOpener() {
    return Optional.ofNullable(runOpener);
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
