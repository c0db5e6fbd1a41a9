package studio.convnet.engine.insight;

import java.util.List;
import java.util.Optional;
import studio.convnet.engine.arch.LayerSpec;

/**
 * Where a network with global average pooling looks (Zhou et al. 2016, "class activation maps"): when
 * the last feature maps F_k are averaged and then mixed linearly into the class scores, the score of
 * class c is the average over positions of M_c(y, x) = Σ_k w_ck · F_k(y, x), plus the bias b_c. So
 * M_c says how much each position adds to class c, and mean(M_c) + b_c is the score. Pure Java.
 *
 * <p>NiN has no dense layer after the pooling: its last block has one channel per class, so its maps
 * are the class maps themselves (w is the identity).
 */
public final class ClassActivationMap {

  private ClassActivationMap() {}

  /**
   * Where the maps come from in a network's units ({@code NetworkSpec.units()}): the unit whose output
   * the global average pooling reads, the pooling, and the one dense layer after it (or −1: none, the
   * channels are the classes).
   */
  public record Head(int featureUnit, int poolUnit, int denseUnit) {
    public boolean identity() {
      return denseUnit < 0;
    }
  }

  /**
   * The head when the network ends in global average pooling followed only by flatten, dropout (off
   * when looking) and at most one dense layer; empty otherwise (AlexNet, LeNet: their dense layers
   * mix positions, so there is no class map to read).
   */
  public static Optional<Head> head(List<LayerSpec> units, int classes) {
    int pool = -1;
    for (int i = units.size() - 1; i >= 0; i--) {
      if (units.get(i) instanceof LayerSpec.GlobalAvgPool) {
        pool = i;
        break;
      }
    }
    if (pool <= 0) return Optional.empty();
    int dense = -1;
    for (int i = pool + 1; i < units.size(); i++) {
      LayerSpec u = units.get(i);
      if (u instanceof LayerSpec.Dense d && dense < 0 && d.units() == classes) {
        dense = i;
      } else if (!(u instanceof LayerSpec.Flatten || u instanceof LayerSpec.Dropout)) {
        return Optional.empty();
      }
    }
    return Optional.of(new Head(pool - 1, pool, dense));
  }

  /**
   * The class maps M_c = Σ_k w_ck F_k for every class, classes × h × w, row-major.
   *
   * @param features the last feature maps, channels × h × w
   * @param weights classes × channels (a dense layer's weight), or null for the identity (channels = classes)
   */
  public static float[] maps(float[] features, int channels, int h, int w, float[] weights, int classes) {
    int hw = h * w;
    if (features.length != channels * hw) {
      throw new IllegalArgumentException(features.length + " values are not " + channels + "×" + h + "×" + w);
    }
    if (weights == null) {
      if (channels != classes) {
        throw new IllegalArgumentException("without a dense layer the channels (" + channels + ") must be the classes ("
            + classes + ")");
      }
      return features.clone();
    }
    if (weights.length != classes * channels) {
      throw new IllegalArgumentException(weights.length + " weights are not " + classes + "×" + channels);
    }
    float[] out = new float[classes * hw];
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < channels; k++) {
        float wck = weights[c * channels + k];
        if (wck == 0) continue;
        for (int p = 0; p < hw; p++) {
          out[c * hw + p] += wck * features[k * hw + p];
        }
      }
    }
    return out;
  }

  /** The mean of map {@code c} (the class score without its bias). */
  public static double mean(float[] maps, int c, int hw) {
    double s = 0;
    for (int p = c * hw; p < (c + 1) * hw; p++) s += maps[p];
    return s / hw;
  }
}
