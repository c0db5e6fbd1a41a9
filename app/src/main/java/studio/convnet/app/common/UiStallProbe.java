package studio.convnet.app.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures how responsive the FX thread is, two ways: the gap between animation pulses (an
 * AnimationTimer asks for a pulse every frame, so a gap well above 16.7 ms is a stall), and the
 * round trip of a {@code Platform.runLater} posted every 50 ms from another thread. Started by the
 * app with {@code -Dconvnet.measureUi=true}; not part of the test suite.
 */
public final class UiStallProbe {

  private final double[] gaps = new double[1 << 20];
  private final double[] trips = new double[1 << 16];
  private volatile int nGaps;
  private volatile int nTrips;
  private AnimationTimer timer;
  private ScheduledExecutorService sampler;
  private volatile boolean on;

  /** Starts both probes. FX thread. */
  public void start() {
    on = true;
    timer = new AnimationTimer() {
      private long last;

      @Override
      public void handle(long now) {
        if (last != 0 && nGaps < gaps.length) {
          gaps[nGaps++] = (now - last) / 1e6;
        }
        last = now;
      }
    };
    timer.start();
    sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ui-stall-probe");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> {
      long sent = System.nanoTime();
      Platform.runLater(() -> {
        if (on && nTrips < trips.length) {
          trips[nTrips++] = (System.nanoTime() - sent) / 1e6;
        }
      });
    }, 50, 50, TimeUnit.MILLISECONDS);
  }

  /** Stops and returns the report. FX thread. */
  public String stop() {
    on = false;
    if (timer != null) {
      timer.stop();
    }
    if (sampler != null) {
      sampler.shutdownNow();
    }
    return report();
  }

  public String report() {
    return "pulse gaps: " + stats(Arrays.copyOf(gaps, nGaps)) + "\nrunLater round trip: "
        + stats(Arrays.copyOf(trips, nTrips));
  }

  public double p95RoundTripMs() {
    return percentile(sorted(Arrays.copyOf(trips, nTrips)), 0.95);
  }

  public double p95PulseGapMs() {
    return percentile(sorted(Arrays.copyOf(gaps, nGaps)), 0.95);
  }

  static double[] sorted(double[] v) {
    Arrays.sort(v);
    return v;
  }

  static String stats(double[] v) {
    Arrays.sort(v);
    return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", v.length,
        percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99), v.length == 0 ? Double.NaN : v[v.length - 1]);
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
