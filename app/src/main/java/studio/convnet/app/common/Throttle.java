package studio.convnet.app.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runs an action on the FX thread at most once per interval: a request right after a run is
 * deferred (one pending run, however many requests) to the end of the interval. FX thread only. The
 * action's time is recorded for {@link UiStallProbe}.
 *
 * <p>The deferred run goes through a daemon timer thread and {@code Platform.runLater}, not a
 * JavaFX animation: a pending {@code PauseTransition} keeps JavaFX pulsing (CSS, bounds and layout
 * of the whole scene) 60 times a second until it fires, on cores the training needs
 * (docs/dashboard.md, "Pulses").
 */
public final class Throttle {

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "convnet-fx-throttle");
    t.setDaemon(true);
    return t;
  });

  private final long intervalNanos;
  private final Runnable action;
  private long last = Long.MIN_VALUE / 2;
  private boolean pending;

  public Throttle(long intervalNanos, Runnable action) {
    this.intervalNanos = intervalNanos;
    this.action = action;
  }

  public void request() {
    if (pending) {
      return; // already scheduled
    }
    long wait = last + intervalNanos - System.nanoTime();
    if (wait <= 0) {
      run();
    } else {
      pending = true;
      TIMER.schedule(() -> Platform.runLater(() -> {
        pending = false;
        run();
      }), wait, TimeUnit.NANOSECONDS);
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
