package studio.convnet.engine.events;

/** Receives a run's events on the training thread; must return quickly and never block. */
@FunctionalInterface
public interface RunEventListener {
  void onEvent(RunEvent event);

  /**
   * Returns once every event received so far is durably recorded (a run writer waits for its disk
   * queue). The training loop calls it before it writes a checkpoint, so a checkpoint is never on
   * disk ahead of its epoch's events. Most listeners record nothing and return at once.
   */
  default void awaitWritten() {}

  /**
   * Why this listener could not record an event, in one line naming the file (a run writer on a full
   * disk), or empty. A training session stops at the next batch when a listener reports one, and
   * writes no checkpoint after it, so the recording never has a gap before a checkpoint.
   */
  default java.util.Optional<String> failure() {
    return java.util.Optional.empty();
  }
}
