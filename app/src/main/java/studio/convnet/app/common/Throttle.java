package studio.convnet.app.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action on the FX thread at most once per interval: a request right after a run is
 * deferred (one timer, however many requests) to the end of the interval. FX thread only. The
 * action's time is recorded for {@link UiStallProbe}.
 */
public final class Throttle {

  private final long intervalNanos;
  private final Runnable action;
  private long last = Long.MIN_VALUE / 2;
  private PauseTransition pending;

  public Throttle(long intervalNanos, Runnable action) {
    this.intervalNanos = intervalNanos;
    this.action = action;
  }

  public void request() {
    if (pending != null) {
      return; // already scheduled
    }
    long now = System.nanoTime();
    long wait = last + intervalNanos - now;
    if (wait <= 0) {
      run();
    } else {
      pending = new PauseTransition(Duration.millis(wait / 1e6));
      pending.setOnFinished(e -> {
        pending = null;
        run();
      });
      pending.play();
    }
  }

  private void run() {
    long t0 = System.nanoTime();
    long c0 = UiStallProbe.cpuNow();
    last = t0;
    action.run();
    UiStallProbe.recordWork(System.nanoTime() - t0, UiStallProbe.cpuNow() - c0);
  }
}
