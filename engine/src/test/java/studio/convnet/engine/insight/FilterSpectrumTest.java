package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FilterSpectrumTest {

  private static float[] kernel(int h, int w, java.util.function.IntBinaryOperator f) {
    float[] k = new float[h * w];
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) k[y * w + x] = f.applyAsInt(y, x);
    return k;
  }

  private static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) n += p.length;
    float[] all = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  @Test
  void upsamplingFrom28To96LeavesFrequenciesUpToAboutOneSeventhOfACycle() {
    assertThat(FilterSpectrum.cutoff(28, 96)).isCloseTo(0.5 * 28 / 96, within(1e-12));
    assertThat(FilterSpectrum.cutoff(28, 28)).isEqualTo(0.5);
    assertThat(FilterSpectrum.cutoff(28, 14)).isEqualTo(0.5);
  }

  @Test
  void aFlatFilterIsAllVisibleAndACheckerboardIsInvisibleToUpsampledData() {
    float[] flat = kernel(4, 4, (y, x) -> 3);
    float[] checker = kernel(4, 4, (y, x) -> (x + y) % 2 == 0 ? 1 : -1);
    double[] share = FilterSpectrum.visibleShare(concat(flat, checker), new int[] {2, 1, 4, 4}, 0.15);
    assertThat(share[0]).isCloseTo(1.0, within(1e-9));
    assertThat(share[1]).isCloseTo(0.0, within(1e-9));
    // at the native resolution every frequency is visible
    double[] native_ = FilterSpectrum.visibleShare(checker, new int[] {1, 1, 4, 4}, 0.5);
    assertThat(native_[0]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aSlowWaveIsVisibleAboveItsFrequencyAndNotBelow() {
    // one cycle across 11 pixels: 1/11 ≈ 0.091 cycles per pixel
    float[] wave = new float[121];
    for (int y = 0; y < 11; y++) for (int x = 0; x < 11; x++) wave[y * 11 + x] = (float) Math.cos(2 * Math.PI * x / 11);
    assertThat(FilterSpectrum.visibleShare(wave, new int[] {1, 1, 11, 11}, 0.146)[0]).isCloseTo(1.0, within(1e-6));
    assertThat(FilterSpectrum.visibleShare(wave, new int[] {1, 1, 11, 11}, 0.05)[0]).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void theShareOfAMixIsItsEnergyRatioAndTheVisiblePartIsTheSmoothComponent() {
    // 2 + checkerboard: energy of the flat part 16·4 = 64, of the checkerboard 16·1 = 16
    float[] mix = kernel(4, 4, (y, x) -> 2 + ((x + y) % 2 == 0 ? 1 : -1));
    int[] shape = {1, 1, 4, 4};
    assertThat(FilterSpectrum.visibleShare(mix, shape, 0.15)[0]).isCloseTo(64.0 / 80.0, within(1e-9));
    float[] seen = FilterSpectrum.visiblePart(mix, shape, 0.15);
    for (float v : seen) assertThat(v).isCloseTo(2f, within(1e-5f));
  }

  @Test
  void inChannelsAddTheirEnergies() {
    float[] flat = kernel(4, 4, (y, x) -> 1);
    float[] checker = kernel(4, 4, (y, x) -> (x + y) % 2 == 0 ? 1 : -1);
    double[] share = FilterSpectrum.visibleShare(concat(flat, checker), new int[] {1, 2, 4, 4}, 0.15);
    assertThat(share[0]).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void whiteNoiseKeepsAboutTheShareOfVisibleBins() {
    java.util.Random r = new java.util.Random(1);
    int n = 400;
    float[] noise = new float[n * 121];
    for (int i = 0; i < noise.length; i++) noise[i] = (float) r.nextGaussian();
    double median = FilterSpectrum.median(FilterSpectrum.visibleShare(noise, new int[] {n, 1, 11, 11}, 0.146));
    // 9 of the 121 bins lie within 0.146 cycles per pixel
    assertThat(median).isBetween(9.0 / 121 * 0.7, 9.0 / 121 * 1.3);
  }
}
