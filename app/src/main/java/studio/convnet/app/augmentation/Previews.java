package studio.convnet.app.augmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.convnet.app.common.Raster;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import studio.convnet.engine.data.augment.AugmentationPipeline.Stage;

/**
 * The lab's preview, computed: a seeded grid of what training would feed the network for one
 * example, and the pipeline stage by stage for the first draw. Plain Java, no FX (the view-model
 * runs it on a worker thread).
 */
public final class Previews {

  private Previews() {}

  /** Variants in the grid: {@value} columns × {@value} rows. */
  public static final int GRID = 4;

  /**
   * One computed preview.
   *
   * @param inputSize the network's input side
   * @param zoom display pixels per image pixel in the grid (nearest-neighbour)
   * @param variants what training would feed the network for {@code GRID²} draws, each {@code
   *     C×inputSize×inputSize}; variant 0 is the one the strip follows
   * @param grid the variants drawn {@code GRID×GRID}
   * @param strip every stage for variant 0: original, each operation, resize, scaled to [0,1]
   * @param nanos time to compute the variants and the strip
   */
  public record Preview(int inputSize, int zoom, List<float[]> variants, Raster grid,
      List<StripImage> strip, long nanos) {}

  /** One stage of the strip, drawn. */
  public record StripImage(String title, String detail, boolean applied, int size, Raster image) {}

  /** What the training loader makes of {@code example} for {@code GRID²} seeded draws, drawn. */
  static Preview compute(float[] example, int size, AugmentationPipeline p, long seed, int input) {
    long t0 = System.nanoTime();
    List<float[]> variants = new ArrayList<>();
    List<Stage> stages = null;
    for (int i = 0; i < GRID * GRID; i++) {
      Random rng = variantRandom(seed, i);
      if (i == 0) {
        stages = p.preview(example, 1, size, input, rng);
        variants.add(stages.get(stages.size() - 1).chw());
      } else {
        variants.add(p.augmentAndResize(example, 1, size, input, rng));
      }
    }
    int zoom = zoomFor(input);
    Raster grid = Raster.grid(variants, 1, input, GRID, zoom, 4, 0xffd0d7de);
    List<StripImage> strip = new ArrayList<>();
    for (Stage s : stages) {
      strip.add(new StripImage(s.title(), s.detail(), s.applied(), s.size(),
          Raster.of(s.chw(), s.channels(), s.size(), stripZoomFor(s.size()))));
    }
    return new Preview(input, zoom, List.copyOf(variants), grid, List.copyOf(strip), System.nanoTime() - t0);
  }

  /** The generator of grid cell {@code i} for a seed (cell 0 is the one the strip shows). */
  public static Random variantRandom(long seed, int i) {
    return new Random(seed * 1_000_003L + i);
  }

  /** Grid zoom: whole display pixels per image pixel, cells about 112 px wide, never below 1. */
  public static int zoomFor(int inputSize) {
    return Math.max(1, 112 / inputSize);
  }

  /** Strip zoom: about 112 px per stage, never below 1. */
  public static int stripZoomFor(int size) {
    return Math.max(1, 112 / size);
  }
}
