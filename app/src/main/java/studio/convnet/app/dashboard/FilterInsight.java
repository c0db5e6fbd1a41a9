package studio.convnet.app.dashboard;

import java.util.Locale;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.insight.FilterSpectrum;

/**
 * What the data can see of a snapshot's filters: the share of each filter's energy at frequencies
 * the (upsampled) input contains, and the filters with the rest removed. Pure Java; the last result
 * is cached, so redraws of the same snapshot cost nothing.
 */
public final class FilterInsight {

  /** Side of the dataset's own images (FashionMNIST, MNIST-style IDX data): 28 px. */
  public static final int NATIVE_SIZE = 28;

  /** One snapshot's numbers. */
  public record Seen(FilterSnapshot snapshot, int inputSize, double cutoff, double[] shares, double median,
      float[] visible) {

    /** Median share a white-noise filter of this shape would get (the random start's level). */
    public double noiseLevel() {
      int[] s = snapshot.shape();
      float[] delta = new float[s[2] * s[3]];
      delta[0] = 1; // a single pixel has a flat spectrum: its share is the fraction of kept bins
      return FilterSpectrum.visibleShare(delta, new int[] {1, 1, s[2], s[3]}, cutoff)[0];
    }

    /** One line for the panel: the median share, the noise level and what the cutoff means. */
    public String summary() {
      if (cutoff >= 0.5) {
        return String.format(Locale.ROOT, "Input %d px = the data's own %d px: every frequency of a filter is"
            + " visible to the data.", inputSize, NATIVE_SIZE);
      }
      return String.format(Locale.ROOT, "Visible to the data: median %.0f %% of each filter's energy (a random"
          + " filter: %.0f %%). The %d-px input is %d-px FashionMNIST upsampled, so it holds nothing finer than"
          + " %.2f cycles per pixel.", median * 100, noiseLevel() * 100, inputSize, NATIVE_SIZE, cutoff);
    }
  }

  /** The sentence shown next to the two views. */
  public static final String EXPLANATION = "Left: the raw weights. Right: the same filter with every detail"
      + " finer than the upsampled input removed — training can only change this part (the gradient is made"
      + " of input patches), so what is left over on the left is the random start, untouched.";

  private Seen last;

  /** The numbers for {@code f} at input size {@code inputSize} (cached for the last snapshot). */
  public Seen of(FilterSnapshot f, int inputSize) {
    if (last != null && last.snapshot() == f && last.inputSize() == inputSize) {
      return last;
    }
    int[] shape = f.shape();
    float[] w = f.weights();
    double cutoff = FilterSpectrum.cutoff(NATIVE_SIZE, inputSize);
    double[] shares = FilterSpectrum.visibleShare(w, shape, cutoff);
    last = new Seen(f, inputSize, cutoff, shares, FilterSpectrum.median(shares),
        FilterSpectrum.visiblePart(w, shape, cutoff));
    return last;
  }
}
