package studio.convnet.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Times training batches for an estimate the way a run will see them. The first batches (JIT, native
 * kernels picked and cached, memory pools filled) are warm-up: not counted in the speed, but their
 * extra time is kept, since a real run pays it too. Then batches are timed for a few seconds (at least
 * three batches).
 *
 * <p>The speed is the timed images over the timed wall-clock seconds — what a run's length depends
 * on. The median of the per-batch speeds was used before and read 22–38 % fast on a shared machine:
 * a batch that waits for the CPU takes many times the typical time, and a median ignores such tails.
 * How far the median and the throughput differ, and the per-batch spread, say how sure the figure is.
 */
final class SpeedSample {

  static final int WARM_UP_BATCHES = 3;
  static final double WARM_UP_SECONDS = 1.5;
  static final int MIN_TIMED = 3;
  static final double TIMED_SECONDS = 3.0;

  private final int batchSize;
  private double firstElapsed = Double.NaN;
  private double warmUpEnd = Double.NaN; // elapsed when the last warm-up batch ended
  private double lastElapsed = Double.NaN;
  private int warmUp;
  private final List<Double> timed = new ArrayList<>();

  /** @param batchSize images per batch (every timed batch is a whole one) */
  SpeedSample(int batchSize) {
    this.batchSize = batchSize;
  }

  /**
   * Adds one batch: its images per second and the run's elapsed seconds when it ended.
   *
   * @return true when enough batches are timed
   */
  boolean add(double imagesPerSecond, double elapsed) {
    if (Double.isNaN(firstElapsed)) {
      firstElapsed = elapsed;
    }
    if (Double.isNaN(warmUpEnd)) {
      if (warmUp < WARM_UP_BATCHES || elapsed - firstElapsed < WARM_UP_SECONDS) {
        warmUp++;
        lastElapsed = elapsed;
        return false;
      }
      warmUpEnd = lastElapsed;
    }
    lastElapsed = elapsed;
    timed.add(imagesPerSecond > 0 && Double.isFinite(imagesPerSecond) ? imagesPerSecond : 0);
    return enough();
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
