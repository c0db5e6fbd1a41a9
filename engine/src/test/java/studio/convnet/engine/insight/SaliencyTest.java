package studio.convnet.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SaliencyTest {

  @Test
  void theMapIsTheLargestAbsoluteGradientOverChannels() {
    float[] g = {0.5f, -2, 0, 0, /* channel 1 */ -1, 1, 0, 3};
    assertThat(Saliency.fromGradient(g, 2, 2, 2)).containsExactly(1, 2, 0, 3);
    assertThat(Saliency.peak(Saliency.fromGradient(g, 2, 2, 2), 0, 2, 2)).containsExactly(1, 1);
  }

  @Test
  void theShareOnTheGarmentCountsOnlyBrightPixels() {
    // a 4×4 image whose left half is bright
    float[] image = new float[16];
    for (int y = 0; y < 4; y++) for (int x = 0; x < 2; x++) image[y * 4 + x] = 1;
    float[] all = new float[16];
    java.util.Arrays.fill(all, 1);
    assertThat(Saliency.shareOn(all, 0, 4, 4, image, 4, 0.1f)).isCloseTo(0.5, within(1e-9));
    assertThat(Saliency.brightShare(image, 0.1f)).isCloseTo(0.5, within(1e-9));
    float[] left = image.clone();
    assertThat(Saliency.shareOn(left, 0, 4, 4, image, 4, 0.1f)).isCloseTo(1.0, within(1e-9));
    // a coarse 2×2 map over the 4×4 image: each cell covers a 2×2 block
    float[] coarse = {0, 3, 0, 1};
    assertThat(Saliency.shareOn(coarse, 0, 2, 2, image, 4, 0.1f)).isCloseTo(0.0, within(1e-9));
    assertThat(Saliency.shareOn(new float[4], 0, 2, 2, image, 4, 0.1f)).isNaN();
  }
}
