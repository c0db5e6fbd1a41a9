package studio.convnet.app.dashboard;

import studio.convnet.engine.events.RunEvent.FilterSnapshot;

/**
 * Which learned filters to flag: <em>dead</em> (all weights ~0, relative to the layer's largest
 * filter) or <em>unchanged</em> (moved less than {@link #UNCHANGED} of their norm since the first
 * snapshot). Pure Java.
 */
public final class FilterStats {

  /** Relative change (‖w − w₀‖ / ‖w₀‖) below which a filter counts as barely changed. */
  public static final double UNCHANGED = 0.02;
  /** A filter whose largest |w| is below this fraction of the layer's largest is dead. */
  public static final double DEAD = 0.01;

  public enum Flag { OK, UNCHANGED, DEAD }

  private FilterStats() {}

  /** Relative change of each filter between two snapshots of the same layer. */
  public static double[] relativeChange(FilterSnapshot first, FilterSnapshot now) {
    int out = now.filterCount();
    float[] wNow = now.weights(), wFirst = first.weights();
    int k = wNow.length / out;
    double[] r = new double[out];
    for (int o = 0; o < out; o++) {
      double d = 0, n = 0;
      for (int i = o * k; i < (o + 1) * k; i++) {
        double a = wNow[i], b = wFirst[i];
        d += (a - b) * (a - b);
        n += b * b;
      }
      r[o] = n > 0 ? Math.sqrt(d / n) : (d > 0 ? Double.POSITIVE_INFINITY : 0);
    }
    return r;
  }

  /** The flag of each filter of {@code now}; {@code first} may be null or the same snapshot. */
  public static Flag[] flags(FilterSnapshot first, FilterSnapshot now) {
    int out = now.filterCount();
    float[] wNow = now.weights();
    int k = wNow.length / out;
    double[] maxAbs = new double[out];
    double layerMax = 0;
    for (int o = 0; o < out; o++) {
      double m = 0;
      for (int i = o * k; i < (o + 1) * k; i++) {
        m = Math.max(m, Math.abs(wNow[i]));
      }
      maxAbs[o] = m;
      layerMax = Math.max(layerMax, m);
    }
    boolean comparable = first != null && first.step() < now.step()
        && first.size() == now.size();
    double[] change = comparable ? relativeChange(first, now) : null;
    Flag[] f = new Flag[out];
    for (int o = 0; o < out; o++) {
      if (maxAbs[o] < 1e-7 || maxAbs[o] < DEAD * layerMax) {
        f[o] = Flag.DEAD;
      } else if (change != null && change[o] < UNCHANGED) {
        f[o] = Flag.UNCHANGED;
      } else {
        f[o] = Flag.OK;
      }
    }
    return f;
  }

  public static boolean[] flagged(Flag[] flags) {
    boolean[] b = new boolean[flags.length];
    for (int i = 0; i < flags.length; i++) {
      b[i] = flags[i] != Flag.OK;
    }
    return b;
  }
}
