package studio.convnet.engine.insight;

import java.util.List;

/**
 * Dead filters: channels whose rectified output is never positive anywhere on any probe image (a ReLU
 * that never fires passes no gradient, so such a filter stops learning). Works on a convolution's
 * output or on the ReLU after it: a value &gt; 0 is an active unit in both. Pure Java.
 */
public final class DeadUnits {

  private DeadUnits() {}

  /**
   * Which channels never fire.
   *
   * @param maps one array per probe image, channels × h × w (row-major)
   * @return dead[c] — true when channel c is ≤ 0 everywhere in every map (all true for no maps)
   */
  public static boolean[] dead(List<float[]> maps, int channels) {
    boolean[] dead = new boolean[channels];
    java.util.Arrays.fill(dead, true);
    for (float[] m : maps) {
      if (m.length % channels != 0) {
        throw new IllegalArgumentException(m.length + " values do not split into " + channels + " channels");
      }
      int plane = m.length / channels;
      for (int c = 0; c < channels; c++) {
        if (!dead[c]) continue;
        for (int i = c * plane; i < (c + 1) * plane; i++) {
          if (m[i] > 0) {
            dead[c] = false;
            break;
          }
        }
      }
    }
    return dead;
  }

  public static int count(boolean[] flags) {
    int n = 0;
    for (boolean b : flags) if (b) n++;
    return n;
  }
}
