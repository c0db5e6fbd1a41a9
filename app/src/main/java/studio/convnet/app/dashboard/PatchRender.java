package studio.convnet.app.dashboard;

import studio.convnet.app.common.ImageRender;
import studio.convnet.app.common.Raster;
import studio.convnet.engine.events.RunEvent.TopPatches;

/** Top patches as pictures: dark garment on light paper, as the dataset's images are drawn. */
final class PatchRender {

  private PatchRender() {}

  /** Row {@code row}'s k patches side by side, each patch side × {@code cell} pixels, 2 px apart. */
  static Raster strip(TopPatches t, int row, int cell) {
    int side = t.patchShape()[1];
    int tile = side * cell, gap = 2;
    Raster r = Raster.of(t.k() * (tile + gap) + gap, tile + 2 * gap, ImageRender.GAP_COLOR);
    for (int h = 0; h < t.k(); h++) {
      if (t.testIndex(row, h) < 0) continue;
      draw(r, t.patch(row, h), side, cell, gap + h * (tile + gap), gap);
    }
    return r;
  }

  /** The first {@code rows} rows of {@code t} stacked (one channel per row). */
  static Raster rows(TopPatches t, int rows, int cell) {
    int n = Math.min(rows, t.channelIds().length);
    Raster first = strip(t, 0, cell);
    Raster all = Raster.of(first.width(), first.height() * n, ImageRender.GAP_COLOR);
    for (int i = 0; i < n; i++) {
      Raster s = i == 0 ? first : strip(t, i, cell);
      System.arraycopy(s.argb(), 0, all.argb(), i * s.argb().length, s.argb().length);
    }
    return all;
  }

  private static void draw(Raster r, float[] patch, int side, int cell, int x0, int y0) {
    // the first input channel; inputs are pixels in [0, 1], padding 0 (paper)
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double v = Math.max(0, Math.min(1, patch[y * side + x]));
        int g = (int) Math.round(255 * (1 - v));
        r.fillRect(x0 + x * cell, y0 + y * cell, cell, cell, 0xFF000000 | (g << 16) | (g << 8) | g);
      }
    }
  }
}
