package studio.convnet.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.convnet.app.common.ImageRender;
import studio.convnet.app.common.Raster;

class LookRenderTest {

  @Test
  void aCoarseMapCoversTheBlockOfPixelsItStandsForAndLeavesTheRestGrey() {
    float[] image = new float[8 * 8];
    java.util.Arrays.fill(image, 0.5f);
    float[] map = {0, 0, 0, 4}; // 2×2: only the bottom-right quarter matters
    Raster r = LookRender.overlay(image, 8, map, 0, 2, 2, 1);
    assertThat(r.get(6, 6)).as("full strength: the top colour").isEqualTo(ImageRender.sequential(1));
    assertThat(r.get(4, 4)).isEqualTo(ImageRender.sequential(1));
    int grey = r.get(1, 1) & 0xff;
    assertThat(r.get(1, 1)).as("no weight: the image, dimmed, grey").isEqualTo(0xFF000000 | grey << 16 | grey << 8 | grey);
    assertThat(grey).isEqualTo(Math.round(0.5f * 0.6f * 255));
    assertThat(r.get(3, 3)).isEqualTo(r.get(0, 0));
  }

  @Test
  void negativeValuesCountAsNothing() {
    float[] image = new float[4];
    Raster r = LookRender.overlay(image, 2, new float[] {-5, 1, 0, 0}, 0, 2, 2, 3);
    assertThat(r.width()).isEqualTo(6);
    assertThat(r.get(0, 0)).isEqualTo(0xFF000000);
    assertThat(r.get(3, 0)).isEqualTo(ImageRender.sequential(1));
  }
}
