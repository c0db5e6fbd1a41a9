package studio.convnet.engine.insight;

import java.util.List;
import java.util.Optional;
import studio.convnet.engine.arch.LayerSpec;

/**
 * Which input square one output pixel of a layer sees: output (y, x) sees the {@code size}×{@code
 * size} square whose top-left corner is ({@code start + y·jump}, {@code start + x·jump}) in input
 * pixels (negative or past the edge where padding is). A window of k at jump j grows the size by
 * (k − 1)·j; padding p moves the start by −p·j; the stride multiplies the jump.
 */
public record ReceptiveField(int size, int jump, int start) {

  /** The input itself: one pixel sees itself. */
  public static final ReceptiveField INPUT = new ReceptiveField(1, 1, 0);

  /** The top-left input coordinate of output position {@code i} (row or column). */
  public int origin(int i) {
    return start + i * jump;
  }

  /** After one more window of side {@code window}, stride and padding. */
  public ReceptiveField then(int window, int stride, int padding) {
    return new ReceptiveField(size + (window - 1) * jump, jump * stride, start - padding * jump);
  }

  /**
   * The field of unit {@code last}'s output in a list of units, when every unit up to it is a plain
   * layer (convolutions, pooling, activations, batch norm, dropout); empty past a dense layer, a
   * global pooling or a composite block.
   */
  public static Optional<ReceptiveField> of(List<LayerSpec> units, int last) {
    ReceptiveField rf = INPUT;
    for (int i = 0; i <= last; i++) {
      LayerSpec u = units.get(i);
      if (u instanceof LayerSpec.Conv c) {
        rf = rf.then(c.kernel(), c.stride(), c.padding());
      } else if (u instanceof LayerSpec.Pool p) {
        rf = rf.then(p.window(), p.stride(), p.padding());
      } else if (!(u instanceof LayerSpec.Activation || u instanceof LayerSpec.BatchNorm
          || u instanceof LayerSpec.Dropout || u instanceof LayerSpec.Identity)) {
        return Optional.empty();
      }
    }
    return Optional.of(rf);
  }

  /**
   * Cuts this field's square for output (y, x) out of an image (channels × side × side, row-major),
   * zero where it falls outside the image (padding). Returns channels × size × size.
   */
  public float[] cut(float[] image, int channels, int side, int y, int x) {
    float[] patch = new float[channels * size * size];
    int top = origin(y), left = origin(x);
    for (int c = 0; c < channels; c++) {
      for (int py = 0; py < size; py++) {
        int iy = top + py;
        if (iy < 0 || iy >= side) continue;
        for (int px = 0; px < size; px++) {
          int ix = left + px;
          if (ix < 0 || ix >= side) continue;
          patch[(c * size + py) * size + px] = image[(c * side + iy) * side + ix];
        }
      }
    }
    return patch;
  }
}
