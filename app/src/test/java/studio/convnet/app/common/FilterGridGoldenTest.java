package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import studio.convnet.app.GoldenImages;
import studio.convnet.app.common.ImageRender.Normalisation;
import studio.convnet.engine.events.FakeRun;

/**
 * The filter grid rendered from fixed weights must match the committed golden PNG within a small
 * tolerance (GoldenImages: on failure the rendering and a diff go to target/golden/).
 */
class FilterGridGoldenTest {

  static final int TOLERANCE = 3; // per channel, out of 255
  static final double MAX_BAD_FRACTION = 0.001;

  /** Six 5×5 filters with recognisable patterns: edges, a blob, a checker, a dead one, a ramp. */
  static float[] lenetLikeWeights() {
    float[] w = new float[6 * 25];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        int i = y * 5 + x;
        w[i] = x < 2 ? -0.4f : (x > 2 ? 0.4f : 0f); // vertical edge
        w[25 + i] = y < 2 ? 0.3f : (y > 2 ? -0.3f : 0f); // horizontal edge
        w[50 + i] = (float) (0.5 * Math.exp(-((x - 2) * (x - 2) + (y - 2) * (y - 2)) / 2.0)); // blob
        w[75 + i] = ((x + y) % 2 == 0 ? 0.2f : -0.2f); // checker
        w[100 + i] = 1e-9f; // dead
        w[125 + i] = (x - 2) * 0.05f + (y - 2) * 0.02f; // weak ramp
      }
    }
    return w;
  }

  @Test
  void perFilterGridMatchesGolden() throws IOException {
    Raster r = ImageRender.filterGrid(new int[] {6, 1, 5, 5}, lenetLikeWeights(), Normalisation.PER_FILTER,
        16, 4, new boolean[] {false, false, false, false, true, false});
    GoldenImages.assertMatches("filters-lenet-per-filter", r.toBufferedImage(), TOLERANCE, MAX_BAD_FRACTION);
  }

  @Test
  void sharedScaleGridMatchesGolden() throws IOException {
    Raster r = ImageRender.filterGrid(new int[] {6, 1, 5, 5}, lenetLikeWeights(), Normalisation.SHARED,
        16, 4, null);
    GoldenImages.assertMatches("filters-lenet-shared", r.toBufferedImage(), TOLERANCE, MAX_BAD_FRACTION);
  }

  @Test
  void alexnetSizedGridHas96TilesAndFindsThemBack() {
    int[] shape = {96, 1, 11, 11};
    Raster r = ImageRender.filterGrid(shape, FakeRun.weights(96, 121, 7), Normalisation.PER_FILTER, 6, 2, null);
    int cols = ImageRender.gridColumns(96);
    assertThat(cols).isEqualTo(12);
    assertThat(r.width()).isEqualTo(12 * 66 + 13 * 2);
    assertThat(r.height()).isEqualTo(8 * 66 + 9 * 2);
    assertThat(ImageRender.filterAt(shape, 6, 2, 2 + 5 * 68 + 10, 2 + 3 * 68 + 10)).isEqualTo(3 * 12 + 5);
    assertThat(ImageRender.filterAt(shape, 6, 2, 1, 1)).isEqualTo(-1);
  }
}
