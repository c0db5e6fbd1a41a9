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
   * The field of unit {@code last}'s output in a list of units: through plain layers (convolutions,
   * pooling, activations, batch norm, dropout) and through blocks — a sequence layer by layer, a
   * concat or a residual unit as the union of its paths' fields (they share one output grid); empty
   * past a dense layer, a flatten or a global pooling.
   */
  public static Optional<ReceptiveField> of(List<LayerSpec> units, int last) {
    Optional<ReceptiveField> rf = Optional.of(INPUT);
    for (int i = 0; i <= last && rf.isPresent(); i++) {
      rf = through(rf.get(), units.get(i));
    }
    return rf;
  }

  /** The field after one more layer or block. */
  static Optional<ReceptiveField> through(ReceptiveField rf, LayerSpec u) {
    if (u instanceof LayerSpec.Conv c) {
      return Optional.of(rf.then(c.kernel(), c.stride(), c.padding()));
    } else if (u instanceof LayerSpec.Pool p) {
      return Optional.of(rf.then(p.window(), p.stride(), p.padding()));
    } else if (u instanceof LayerSpec.Activation || u instanceof LayerSpec.BatchNorm
        || u instanceof LayerSpec.Dropout || u instanceof LayerSpec.Identity) {
      return Optional.of(rf);
    } else if (u instanceof LayerSpec.Sequence s) {
      return of(s.layers(), s.layers().size() - 1).map(inner -> compose(rf, inner));
    } else if (u instanceof LayerSpec.Concat c) {
      return union(c.paths().stream().map(p -> through(rf, p)).toList());
    } else if (u instanceof LayerSpec.Residual r) {
      return union(List.of(of(r.main(), r.main().size() - 1).map(inner -> compose(rf, inner)),
          through(rf, r.shortcut())));
    }
    return Optional.empty();
  }

  /** {@code inner} (a field measured from a block's input) seen from the network's input through {@code outer}. */
  static ReceptiveField compose(ReceptiveField outer, ReceptiveField inner) {
    return new ReceptiveField(outer.size + (inner.size - 1) * outer.jump, outer.jump * inner.jump,
        outer.start + inner.start * outer.jump);
  }

  /** The smallest field holding every path's (empty when one is unknown or their grids differ). */
  static Optional<ReceptiveField> union(List<Optional<ReceptiveField>> paths) {
    if (paths.isEmpty() || paths.stream().anyMatch(Optional::isEmpty)) return Optional.empty();
    ReceptiveField first = paths.get(0).get();
    int start = first.start, end = first.start + first.size;
    for (Optional<ReceptiveField> p : paths) {
      ReceptiveField f = p.get();
      if (f.jump != first.jump) return Optional.empty();
      start = Math.min(start, f.start);
      end = Math.max(end, f.start + f.size);
    }
    return Optional.of(new ReceptiveField(end - start, first.jump, start));
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
