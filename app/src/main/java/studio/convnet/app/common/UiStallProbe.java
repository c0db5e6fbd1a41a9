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

  /** FX-thread work timed by the views while a probe runs (ms), e.g. a dashboard refresh. */
  private static volatile UiStallProbe active;
  private final double[] work = new double[1 << 18];
  private final double[] workCpu = new double[1 << 18];
  private volatile int nWork;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** The calling thread's CPU time in ns (wall-clock independent of other processes' load). */
  public static long cpuNow() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Records a piece of FX-thread work, wall and CPU time (no-op unless a probe runs). FX thread. */
  public static void recordWork(long wallNanos, long cpuNanos) {
    UiStallProbe p = active;
    if (p != null && p.nWork < p.work.length) {
      p.work[p.nWork] = wallNanos / 1e6;
      p.workCpu[p.nWork] = cpuNanos / 1e6;
      p.nWork++;
    }
  }

  private final double[] gaps = new double[1 << 20];
  private final double[] trips = new double[1 << 16];
  private volatile int nGaps;
  private volatile int nTrips;
  private AnimationTimer timer;
  private ScheduledExecutorService sampler;
  private volatile boolean on;

  /** tid → {name, ticks at start, latest ticks}; sampled every second so ended threads still count. */
  private final java.util.Map<Integer, Object[]> cpu = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Samples the CPU ticks (user + system) of every thread of this process, Java and native
   * (PyTorch's OpenMP workers), from /proc/self/task (Linux; nothing elsewhere).
   */
  void sampleCpu() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return;
    }
    for (java.io.File t : tasks) {
      try {
        String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
        int open = stat.indexOf('('), close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close).replaceAll("[0-9]+$", "#");
        String[] f = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        int tid = Integer.parseInt(t.getName());
        Object[] row = cpu.get(tid);
        if (row == null) {
          // a thread first seen after the start counts from zero; one seen at start from there
          cpu.put(tid, new Object[] {name, started ? 0L : ticks, ticks});
        } else {
          row[2] = ticks;
        }
      } catch (Exception e) {
        // a thread that ended meanwhile
      }
    }
  }

  private volatile boolean started;

  /** CPU used since start() by thread name, largest first, with the FX threads' share of the total. */
  public String cpuReport() {
    sampleCpu();
    java.util.Map<String, Long> d = new java.util.HashMap<>();
    long total = 0, fx = 0;
    for (Object[] row : cpu.values()) {
      String name = (String) row[0];
      long v = (Long) row[2] - (Long) row[1];
      if (v > 0) {
        d.merge(name, v, Long::sum);
        total += v;
        if (name.startsWith("JavaFX Applicat") || name.startsWith("QuantumRenderer")
            || name.startsWith("InvokeLaterDisp") || name.startsWith("Prism")) {
          fx += v;
        }
      }
    }
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "process CPU %.1f s; FX threads (application, renderer, invokeLater) %.1f s = %.1f %% of it; by thread:",
        total / 100.0, fx / 100.0, total > 0 ? 100.0 * fx / total : Double.NaN));
    d.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
        .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f s;", e.getKey(), e.getValue() / 100.0)));
    return b.toString();
  }

  /** Starts both probes. FX thread. */
  public void start() {
    on = true;
    active = this;
    sampleCpu();
    started = true;
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
    if (!"false".equals(System.getProperty("convnet.measureUi.pulses"))) {
      timer.start(); // note: a running AnimationTimer itself makes JavaFX pulse every frame
    }
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
    sampler.scheduleAtFixedRate(this::sampleCpu, 1, 1, TimeUnit.SECONDS);
    // count the scene's pulses (layout passes) and time their CSS and layout, without asking for
    // any pulse; and the scene's size
    for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
      if (w.getScene() != null) {
        w.getScene().addPreLayoutPulseListener(() -> layoutStartCpu = cpuNow());
        w.getScene().addPostLayoutPulseListener(() -> {
          pulses++;
          if (nLayouts < layouts.length) {
            layouts[nLayouts++] = (cpuNow() - layoutStartCpu) / 1e6;
          }
        });
        nodes = Math.max(nodes, count(w.getScene().getRoot()));
        if (Boolean.getBoolean("convnet.measureUi.tabs")) {
          w.getScene().getRoot().lookupAll(".tab-pane").forEach(n -> ((javafx.scene.control.TabPane) n).getTabs()
              .forEach(t -> System.out.println("UI-PROBE nodes in tab " + t.getText() + ": "
                  + (ShownTabOnly.content(t) == null ? 0 : count(ShownTabOnly.content(t))))));
        }
      }
    }
    startNanos = System.nanoTime();
  }

  private volatile long pulses;
  private long layoutStartCpu;
  private final double[] layouts = new double[1 << 16];
  private int nLayouts;
  private int nodes;
  private long startNanos;

  private static int count(javafx.scene.Node n) {
    int c = 1;
    if (n instanceof javafx.scene.Parent p) {
      for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
        c += count(k);
      }
    }
    return c;
  }

  /** Stops and returns the report. FX thread. */
  public String stop() {
    on = false;
    active = null;
    if (timer != null) {
      timer.stop();
    }
    if (sampler != null) {
      sampler.shutdownNow();
    }
    return report();
  }

  public String report() {
    double secs = (System.nanoTime() - startNanos) / 1e9;
    return String.format(Locale.ROOT, "scene pulses: %d in %.1f s (%.1f a second); scene nodes at start: %d%n",
        pulses, secs, pulses / secs, nodes) + "a pulse's CSS and layout, FX-thread CPU time: "
        + stats(Arrays.copyOf(layouts, nLayouts)) + "\npulse gaps: " + stats(Arrays.copyOf(gaps, nGaps)) + "\nrunLater round trip: "
        + stats(Arrays.copyOf(trips, nTrips)) + "\ndashboard work per frame (drain + redraw), wall: "
        + stats(Arrays.copyOf(work, nWork)) + "\ndashboard work per frame, FX-thread CPU time: "
        + stats(Arrays.copyOf(workCpu, nWork)) + "\n" + cpuReport();
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
