package studio.convnet.app.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Times training batches for an estimate the way a run will see them: the first batches (JIT, native
 * kernels picked and cached, memory pools filled) are warm-up and not counted; then batches are timed
 * for a few seconds, and the median speed and its spread (half the interquartile range, relative)
 * say how fast and how sure. The first "Estimate duration" of a session was 2.5× too pessimistic when
 * it timed the third batch alone.
 */
final class SpeedSample {

  static final int WARM_UP_BATCHES = 3;
  static final double WARM_UP_SECONDS = 1.5;
  static final int MIN_TIMED = 3;
  static final int MAX_TIMED = 40;
  static final double TIMED_SECONDS = 3.0;

  private double firstElapsed = Double.NaN;
  private double timedStart = Double.NaN;
  private int warmUp;
  private final List<Double> timed = new ArrayList<>();

  /**
   * Adds one batch: its images per second and the run's elapsed seconds when it ended.
   *
   * @return true when enough batches are timed
   */
  boolean add(double imagesPerSecond, double elapsed) {
    if (Double.isNaN(firstElapsed)) {
      firstElapsed = elapsed;
    }
    if (Double.isNaN(timedStart)) {
      if (warmUp < WARM_UP_BATCHES || elapsed - firstElapsed < WARM_UP_SECONDS) {
        warmUp++;
        return false;
      }
      timedStart = elapsed;
    }
    if (imagesPerSecond > 0 && Double.isFinite(imagesPerSecond)) {
      timed.add(imagesPerSecond);
    }
    return enough(elapsed);
  }

  private boolean enough(double elapsed) {
    return timed.size() >= MIN_TIMED && (elapsed - timedStart >= TIMED_SECONDS || timed.size() >= MAX_TIMED);
  }

  /** Batches a measurement needs at most: warm-up and timing, plus one. */
  static int batchesNeeded() {
    return WARM_UP_BATCHES + MAX_TIMED + 1;
  }

  int warmUpBatches() {
    return warmUp;
  }

  int timedBatches() {
    return timed.size();
  }

  /** The median timed speed (NaN before any batch was timed). */
  double median() {
    return quantile(0.5);
  }

  /** How far the speeds spread: half the interquartile range over the median (0.05 = ±5 %). */
  double spread() {
    return timed.size() < 2 ? Double.NaN : (quantile(0.75) - quantile(0.25)) / 2 / median();
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
