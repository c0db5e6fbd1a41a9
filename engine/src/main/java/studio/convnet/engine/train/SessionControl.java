package studio.convnet.engine.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The commands a running session takes from other threads (pause, resume, stop, activations now),
 * as flags the training thread reads between batches. Nothing here blocks the caller.
 */
final class SessionControl {

  private final Object lock = new Object();
  private final AtomicBoolean activationsWanted = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicReference<OwnImage> image = new java.util.concurrent.atomic.AtomicReference<>();
  private volatile boolean stopRequested;
  private volatile boolean pauseRequested;
  private final AtomicBoolean endEpochWanted = new AtomicBoolean();

  void pause() {
    pauseRequested = true;
  }

  void resume() {
    synchronized (lock) {
      pauseRequested = false;
      lock.notifyAll();
    }
  }

  void stop() {
    synchronized (lock) {
      stopRequested = true;
      lock.notifyAll();
    }
  }

  void endEpoch() {
    endEpochWanted.set(true);
  }

  /** True once per request: the training thread skips the rest of the epoch's batches. */
  boolean takeEndEpochRequest() {
    return endEpochWanted.getAndSet(false);
  }

  void requestActivations() {
    synchronized (lock) {
      activationsWanted.set(true);
      lock.notifyAll();
    }
  }

  /** Asks for one own image to be classified between the next two batches (the newest request wins). */
  void submit(OwnImage request) {
    synchronized (lock) {
      image.set(request);
      lock.notifyAll();
    }
  }

  /** The pending own image, once. */
  OwnImage takeImage() {
    return image.getAndSet(null);
  }

  boolean stopRequested() {
    return stopRequested;
  }

  boolean pauseRequested() {
    return pauseRequested;
  }

  /** True once per request: the caller serves it. */
  boolean takeActivationRequest() {
    return activationsWanted.getAndSet(false);
  }

  /**
   * Training thread: waits while paused, until resumed, stopped or asked for activations or an own
   * image; returns true when something was asked for (serve it, then call again).
   */
  boolean awaitWhilePaused() {
    synchronized (lock) {
      while (pauseRequested && !stopRequested && !activationsWanted.get() && image.get() == null) {
        try {
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopRequested = true;
        }
      }
      return activationsWanted.get() || image.get() != null;
    }
  }
}
