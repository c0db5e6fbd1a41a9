package studio.convnet.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PadPixelsTest {

  private static final int WHITE = 0xFFFFFFFF, BLACK = 0xFF000000;

  @Test
  void aDrawingIsAreaAveragedToTheDatasetSize() {
    // 4×4 black with the top-left 2×2 white → 2×2: one white pixel
    int[] argb = new int[16];
    java.util.Arrays.fill(argb, BLACK);
    argb[0] = argb[1] = argb[4] = argb[5] = WHITE;
    float[] px = PadPixels.toInput(argb, 4, 4, 2, false);
    assertThat(px[0]).isCloseTo(1f, within(1e-6f));
    assertThat(px[1]).isZero();
    assertThat(px[3]).isZero();
    argb[5] = BLACK; // three of four white → 0.75
    assertThat(PadPixels.toInput(argb, 4, 4, 2, false)[0]).isCloseTo(0.75f, within(1e-6f));
  }

  @Test
  void aPhotoOnWhitePaperIsInvertedAndAWidePictureIsCentred() {
    // 4 wide, 2 high, white paper with a black object in the middle two columns
    int[] argb = {WHITE, BLACK, BLACK, WHITE, WHITE, BLACK, BLACK, WHITE};
    float[] px = PadPixels.toInput(argb, 4, 2, 4, true);
    // centred vertically: rows 1–2 hold the picture, rows 0 and 3 are paper (→ black after inversion)
    assertThat(px[0 * 4 + 1]).isZero();
    assertThat(px[1 * 4 + 1]).isEqualTo(1f);
    assertThat(px[1 * 4 + 0]).isZero();
    assertThat(px[3 * 4 + 2]).isZero();
  }
}
