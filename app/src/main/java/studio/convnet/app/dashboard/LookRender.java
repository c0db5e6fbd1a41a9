package studio.convnet.app.dashboard;

import studio.convnet.app.common.ImageRender;
import studio.convnet.app.common.Raster;

/**
 * A map of where the network looks laid over its input, with no FX: the input in grey, the map
 * (h × w, stretched to the input's side by nearest neighbour: each map cell covers the block of
 * pixels it stands for) in the sequential colours, blended by the map's strength, so what the map
 * ignores stays the plain image. Negative values (a class map's "against" regions) count as zero.
 */
final class LookRender {

  private LookRender() {}

  /**
   * @param image the network's input, side × side (first channel), in [0, 1]
   * @param maps maps back to back, each h × w
   * @param m which map
   * @param zoom screen pixels per input pixel
   */
  static Raster overlay(float[] image, int side, float[] maps, int m, int h, int w, int zoom) {
    int hw = h * w;
    float max = 0;
    for (int p = m * hw; p < (m + 1) * hw; p++) max = Math.max(max, maps[p]);
    Raster r = Raster.of(side * zoom, side * zoom, 0xFF000000);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float v = maps[m * hw + (y * h / side) * w + (x * w / side)];
        double t = max > 0 ? Math.max(0, v) / max : 0;
        int heat = ImageRender.sequential(t);
        double g = Math.max(0, Math.min(1, image[y * side + x])) * 0.6;
        int rr = blend(g, (heat >> 16) & 0xff, t), gg = blend(g, (heat >> 8) & 0xff, t), bb = blend(g, heat & 0xff, t);
        r.fillRect(x * zoom, y * zoom, zoom, zoom, 0xFF000000 | rr << 16 | gg << 8 | bb);
      }
    }
    return r;
  }

  private static int blend(double grey, int colour, double t) {
    return (int) Math.round((1 - t) * grey * 255 + t * colour);
  }
}
