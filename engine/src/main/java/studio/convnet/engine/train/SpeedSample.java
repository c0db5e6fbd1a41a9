package studio.convnet.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Times training batches for an estimate the way a run will see them. The first batches (JIT, native
 * kernels picked and cached, memory pools filled) are warm-up: not counted in the speed, but their
 * extra time is kept, since a real run pays it too. The warm-up lasts at least {@value #WARM_UP_SECONDS}
 * s and {@value #WARM_UP_BATCHES} batches, and longer (up to {@value #MAX_WARM_UP_SECONDS} s) while the
 * JVM's JIT compiler is still busy: in a fresh JVM it compiled for 11 s of CPU time in the first 8 s
 * of a LeNet estimate, on a 2-core machine where those threads take the cores PyTorch's two threads
 * train on, and the batches timed then ran slower than the run's later ones. Then batches are timed
 * for a few seconds (at least three batches), and longer while the speed is still rising ({@link
 * #STILL_RISING}, up to {@value #MAX_SECONDS} s in all).
 *
 * <p>The speed is the timed images over the timed wall-clock seconds — what a run's length depends
 * on. The median of the per-batch speeds was used before and read 22–38 % fast on a shared machine:
 * a batch that waits for the CPU takes many times the typical time, and a median ignores such tails.
 * How far the median and the throughput differ, and the per-batch spread, say how sure the figure is.
 */
final class SpeedSample {

  static final int WARM_UP_BATCHES = 3;
  static final double WARM_UP_SECONDS = 1.5;
  /** The warm-up ends by then even if the JIT compiler is still busy. */
  static final double MAX_WARM_UP_SECONDS = 8.0;
  /** The JIT counts as quiet when over the last {@link #JIT_WINDOW_SECONDS} it compiled less than this share of the time. */
  static final double JIT_QUIET = 0.05;
  static final double JIT_WINDOW_SECONDS = 0.5;
  static final int MIN_TIMED = 3;
  static final double TIMED_SECONDS = 3.0;
  /**
   * When the second half of the timed batches ran this much faster than the first, the speed is still
   * rising: the first half joins the warm-up and timing goes on (a fresh JVM's LeNet at batch 64 ran
   * 2-7k images/s for its first 7 s and 12k after; the JIT had gone quiet for a moment at 6 s).
   */
  static final double STILL_RISING = 0.15;
  /** Timing ends by then (from the first batch) even if the speed is still rising. */
  static final double MAX_SECONDS = 20.0;

  private final int batchSize;
  private double firstElapsed = Double.NaN;
  private double warmUpEnd = Double.NaN; // elapsed when the last warm-up batch ended
  private double lastElapsed = Double.NaN;
  private int warmUp;
  private final List<Double> timed = new ArrayList<>();
  private final List<Double> timedEnds = new ArrayList<>(); // elapsed when each timed batch ended
  private final List<double[]> jit = new ArrayList<>(); // warm-up batches' {elapsed s, JIT compile ms so far}

  /** @param batchSize images per batch (every timed batch is a whole one) */
  SpeedSample(int batchSize) {
    this.batchSize = batchSize;
  }

  /** As {@link #add(double, double, double)} without a JIT reading. */
  boolean add(double imagesPerSecond, double elapsed) {
    return add(imagesPerSecond, elapsed, Double.NaN);
  }

  /**
   * Adds one batch: its images per second, the run's elapsed seconds when it ended, and the JVM's total
   * JIT compilation milliseconds then (NaN when unknown: the warm-up then ignores the JIT).
   *
   * @return true when enough batches are timed
   */
  boolean add(double imagesPerSecond, double elapsed, double jitMs) {
    if (Double.isNaN(firstElapsed)) {
      firstElapsed = elapsed;
    }
    if (Double.isNaN(warmUpEnd)) {
      jit.add(new double[] {elapsed, jitMs});
      if (warmUp < WARM_UP_BATCHES || elapsed - firstElapsed < WARM_UP_SECONDS
          || (jitBusy(elapsed, jitMs) && elapsed - firstElapsed < MAX_WARM_UP_SECONDS)) {
        warmUp++;
        lastElapsed = elapsed;
        return false;
      }
      warmUpEnd = lastElapsed;
    }
    lastElapsed = elapsed;
    timed.add(imagesPerSecond > 0 && Double.isFinite(imagesPerSecond) ? imagesPerSecond : 0);
    timedEnds.add(elapsed);
    if (!enough()) {
      return false;
    }
    if (stillRising() && elapsed - firstElapsed < MAX_SECONDS) {
      int half = timed.size() / 2;
      warmUp += half;
      warmUpEnd = timedEnds.get(half - 1);
      timed.subList(0, half).clear();
      timedEnds.subList(0, half).clear();
      return false;
    }
    return true;
  }

  /** Whether the second half of the timed batches ran more than {@link #STILL_RISING} faster than the first. */
  private boolean stillRising() {
    int n = timed.size();
    int half = n / 2;
    if (half < 1) {
      return false;
    }
    double mid = timedEnds.get(half - 1);
    double first = half / (mid - warmUpEnd);
    double second = (n - half) / (lastElapsed - mid);
    return second > (1 + STILL_RISING) * first;
  }

  /**
   * Whether the JIT compiled for more than {@link #JIT_QUIET} of the wall time over the last {@link
   * #JIT_WINDOW_SECONDS} (compile time is summed over the compiler threads, so it can exceed the wall time).
   */
  private boolean jitBusy(double elapsed, double jitMs) {
    if (Double.isNaN(jitMs)) {
      return false;
    }
    double[] from = null;
    for (int i = jit.size() - 1; i >= 0 && from == null; i--) {
      if (elapsed - jit.get(i)[0] >= JIT_WINDOW_SECONDS) {
        from = jit.get(i);
      }
    }
    if (from == null || Double.isNaN(from[1])) {
      return true; // not yet a window to judge by: keep warming up (bounded by MAX_WARM_UP_SECONDS)
    }
    return (jitMs - from[1]) / 1000 > JIT_QUIET * (elapsed - from[0]);
  }

  private boolean enough() {
    // seconds, not a number of batches: a fast network's 40 batches last 0.4 s and miss the hiccups
    return timed.size() >= MIN_TIMED && lastElapsed - warmUpEnd >= TIMED_SECONDS;
  }

  int warmUpBatches() {
    return warmUp;
  }

  int timedBatches() {
    return timed.size();
  }

  /** Timed images over timed seconds (NaN before any batch was timed). */
  double throughput() {
    double secs = lastElapsed - warmUpEnd;
    return timed.isEmpty() || !(secs > 0) ? Double.NaN : timed.size() * (double) batchSize / secs;
  }

  /**
   * Seconds the warm-up batches took beyond what they would at the timed speed (≥ 0), counted from
   * {@code runStart}, the elapsed time when the run's first batch began.
   */
  double warmUpExtra(double runStart) {
    double t = throughput();
    if (Double.isNaN(warmUpEnd) || !(t > 0)) {
      return 0;
    }
    return Math.max(0, warmUpEnd - runStart - warmUp * (double) batchSize / t);
  }

  /** The median timed speed (NaN before any batch was timed). */
  double median() {
    return quantile(0.5);
  }

  /**
   * How unsure the speed is, relative: the larger of half the interquartile range of the batch speeds
   * over their median and how far the median is from the throughput (slow outliers: a busy machine).
   */
  double spread() {
    if (timed.size() < 2) {
      return Double.NaN;
    }
    double m = median();
    double iqr = (quantile(0.75) - quantile(0.25)) / 2 / m;
    double tails = Math.abs(m - throughput()) / m;
    return Math.max(iqr, tails);
  }

  private double quantile(double q) {
    if (timed.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(timed);
    s.sort(null);
    double pos = q * (s.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.size() - 1, lo + 1);
    return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
  }
}
