package studio.convnet.engine.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Output shapes, parameters, multiply-adds and activation memory of every layer, in plain Java: no
 * engine, no allocation of weights, microseconds for AlexNet. Shapes exclude the batch dimension.
 *
 * <p>Parameters count what is trained (a batch norm has γ and β: 2·C; its running mean and variance
 * are state, not parameters). Multiply-adds count convolutions and dense layers, per image.
 * Activation memory is the layer's float32 output per image.
 */
public final class ShapeInference {

  private ShapeInference() {}

  /** Receptive field of a layer that sees the whole input (after a flatten or a global pool). */
  public static final int GLOBAL = -1;

  /**
   * One row of the summary table: a leaf layer, or the join of a block (a concat's channel sum, a
   * residual unit's addition and its activation), named by path.
   *
   * @param depth how many blocks enclose it (0 at the top)
   * @param receptiveField the side of the input square one output pixel sees, or {@link #GLOBAL}
   * @param jump how many input pixels one step in this layer's output moves (the stride product)
   */
  public record LayerRow(
      String name,
      String type,
      String description,
      String stage,
      int depth,
      int[] inShape,
      int[] outShape,
      long params,
      long macs,
      long activationBytes,
      String formula,
      int receptiveField,
      int jump) {

    public LayerRow {
      inShape = inShape.clone();
      outShape = outShape.clone();
    }

    /** A top-level row without receptive-field information (the diagram's input row). */
    public LayerRow(String name, String type, String description, String stage, int[] inShape,
        int[] outShape, long params, long macs, long activationBytes, String formula) {
      this(name, type, description, stage, 0, inShape, outShape, params, macs, activationBytes,
          formula, 1, 1);
    }

    @Override public int[] inShape() { return inShape.clone(); }

    @Override public int[] outShape() { return outShape.clone(); }

    public String outShapeText() {
      return shapeText(outShape);
    }

    /** "11", "all" for a layer that sees the whole input. */
    public String receptiveFieldText() {
      return receptiveField == GLOBAL ? "all" : Integer.toString(receptiveField);
    }
  }

  /**
   * A block's line of the table (a VGG block, an Inception, a residual unit): its output and the
   * subtotals of the rows {@code firstRow} (inclusive) to {@code endRow} (exclusive) it holds.
   */
  public record BlockRow(
      String name,
      String type,
      String description,
      int depth,
      int[] inShape,
      int[] outShape,
      long params,
      long macs,
      long activationBytes,
      int firstRow,
      int endRow) {

    public BlockRow {
      inShape = inShape.clone();
      outShape = outShape.clone();
    }

    @Override public int[] inShape() { return inShape.clone(); }

    @Override public int[] outShape() { return outShape.clone(); }
  }

  /** The first layer whose output is impossible, and why, with the arithmetic that failed. */
  public record ShapeError(String layer, String message) {}

  /** The whole table: rows up to (not including) a broken layer, totals over those rows. */
  public record Summary(
      NetworkSpec spec, int inputSize, List<LayerRow> rows, List<BlockRow> blocks,
      Optional<ShapeError> error) {

    public Summary {
      rows = List.copyOf(rows);
      blocks = List.copyOf(blocks);
    }

    public long totalParams() {
      return rows.stream().mapToLong(LayerRow::params).sum();
    }

    public long totalMacs() {
      return rows.stream().mapToLong(LayerRow::macs).sum();
    }

    public long totalActivationBytes() {
      return rows.stream().mapToLong(LayerRow::activationBytes).sum();
    }

    public boolean ok() {
      return error.isEmpty();
    }

    public int[] outputShape() {
      return rows.isEmpty() ? new int[0] : rows.get(rows.size() - 1).outShape();
    }

    public Optional<LayerRow> row(String name) {
      return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<BlockRow> block(String name) {
      return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The output shape of the unit at {@code path}: a leaf's row or a block's line. */
    public Optional<int[]> outShape(String path) {
      return block(path).map(BlockRow::outShape).or(() -> row(path).map(LayerRow::outShape));
    }
  }

  /** Infers the table for a square input of {@code size}×{@code size}. */
  public static Summary infer(NetworkSpec spec, int size) {
    Walk w = new Walk();
    if (size < 1) {
      return new Summary(spec, size, w.rows, w.blocks,
          Optional.of(new ShapeError("input", "input size must be ≥ 1, got " + size)));
    }
    try {
      w.sequence(spec.layers(), "", 0, new State(new int[] {spec.inputChannels(), size, size}, 1, 1));
      return new Summary(spec, size, w.rows, w.blocks, Optional.empty());
    } catch (ShapeException e) {
      return new Summary(spec, size, w.rows, w.blocks, Optional.of(new ShapeError(e.layer, e.getMessage())));
    }
  }

  /** What flows from one layer to the next: the shape, the receptive field and the jump. */
  private record State(int[] shape, int rf, int jump) {}

  /** One walk through the tree, collecting rows in forward order and block lines before their rows. */
  private static final class Walk {
    final List<LayerRow> rows = new ArrayList<>();
    final List<BlockRow> blocks = new ArrayList<>();
    String stage = "features";

    State sequence(List<LayerSpec> layers, String prefix, int depth, State in) {
      State s = in;
      for (LayerSpec l : layers) {
        s = unit(l, prefix, depth, s);
      }
      return s;
    }

    State unit(LayerSpec l, String prefix, int depth, State in) {
      String path = prefix + l.name();
      if (!l.composite()) {
        return leaf(l, path, depth, in);
      }
      int blockAt = blocks.size();
      int first = rows.size();
      State out;
      if (l instanceof LayerSpec.Sequence s) {
        out = sequence(s.layers(), path + "/", depth + 1, in);
      } else if (l instanceof LayerSpec.Concat c) {
        out = concat(c, path, depth, in);
      } else {
        out = residual((LayerSpec.Residual) l, path, depth, in);
      }
      List<LayerRow> mine = rows.subList(first, rows.size());
      blocks.add(blockAt, new BlockRow(path, l.type(), l.describe(), depth, in.shape(), out.shape(),
          mine.stream().mapToLong(LayerRow::params).sum(),
          mine.stream().mapToLong(LayerRow::macs).sum(),
          mine.stream().mapToLong(LayerRow::activationBytes).sum(), first, rows.size()));
      return out;
    }

    State concat(LayerSpec.Concat c, String path, int depth, State in) {
      List<State> outs = new ArrayList<>();
      for (LayerSpec p : c.paths()) {
        outs.add(unit(p, path + "/", depth + 1, in));
      }
      State first = outs.get(0);
      int channels = 0;
      StringBuilder sum = new StringBuilder();
      int rf = first.rf();
      int jump = first.jump();
      for (int i = 0; i < outs.size(); i++) {
        int[] o = outs.get(i).shape();
        if (o.length != 3 || first.shape().length != 3 || o[1] != first.shape()[1] || o[2] != first.shape()[2]) {
          throw new ShapeException(path, "cannot concatenate the paths' outputs: "
              + c.paths().get(0).name() + " gives " + shapeText(first.shape()) + " but " + c.paths().get(i).name()
              + " gives " + shapeText(o) + "; every path must keep the same height and width"
              + " (check its padding and stride)");
        }
        channels += o[0];
        sum.append(i == 0 ? "" : " + ").append(o[0]);
        rf = maxRf(rf, outs.get(i).rf());
        jump = Math.max(jump, outs.get(i).jump());
      }
      int[] out = {channels, first.shape()[1], first.shape()[2]};
      rows.add(row(path + "/concat", "Concat", "channels of " + c.paths().size() + " paths", depth + 1,
          first.shape(), out, 0, 0, sum + " = " + channels + " channels", rf, jump));
      return new State(out, rf, jump);
    }

    State residual(LayerSpec.Residual r, String path, int depth, State in) {
      State main = sequence(r.main(), path + "/", depth + 1, in);
      State sc = unit(r.shortcut(), path + "/", depth + 1, in);
      if (!java.util.Arrays.equals(main.shape(), sc.shape())) {
        int[] m = main.shape();
        String hint = m.length == 3 && in.shape().length == 3
            ? "; give the shortcut a 1×1 convolution with " + m[0] + " channels and stride "
                + Math.max(1, in.shape()[1] / Math.max(1, m[1]))
            : "";
        throw new ShapeException(path, "cannot add the main path's " + shapeText(m) + " to the "
            + r.shortcut().name() + "'s " + shapeText(sc.shape()) + ": the shapes must be equal" + hint);
      }
      int rf = maxRf(main.rf(), sc.rf());
      int jump = Math.max(main.jump(), sc.jump());
      rows.add(row(path + "/add", "Add", "main path + " + r.shortcut().name(), depth + 1, main.shape(),
          main.shape(), 0, 0, shapeText(main.shape()) + " + " + shapeText(sc.shape()), rf, jump));
      if (r.after() != null) {
        rows.add(row(path + "/" + r.after().label().toLowerCase(), r.after().label(), "", depth + 1,
            main.shape(), main.shape(), 0, 0, "element-wise, shape unchanged", rf, jump));
      }
      return new State(main.shape(), rf, jump);
    }

    State leaf(LayerSpec layer, String path, int depth, State in) {
      LayerRow r;
      try {
        r = place(step(layer, in.shape(), stage), path, depth, in);
      } catch (ShapeException e) {
        throw new ShapeException(path, e.getMessage());
      }
      rows.add(r);
      if (layer instanceof LayerSpec.Flatten) {
        stage = "classifier";
      }
      return new State(r.outShape(), r.receptiveField(), r.jump());
    }

    private LayerRow row(String name, String type, String desc, int depth, int[] in, int[] out,
        long params, long macs, String formula, int rf, int jump) {
      return new LayerRow(name, type, desc, stage, depth, in, out, params, macs,
          elements(out) * Float.BYTES, formula, rf, jump);
    }
  }

  /** A layer's own window and stride, before it is placed in the network. */
  private static LayerRow local(LayerRow r, int window, int stride) {
    return new LayerRow(r.name(), r.type(), r.description(), r.stage(), r.depth(), r.inShape(),
        r.outShape(), r.params(), r.macs(), r.activationBytes(), r.formula(), window, stride);
  }

  /**
   * The row under its path, its receptive field grown from the input's: a window of k at jump j adds
   * (k − 1)·j input pixels, and the jump multiplies by the stride.
   */
  private static LayerRow place(LayerRow r, String path, int depth, State in) {
    int window = r.receptiveField();
    int rf = in.rf() == GLOBAL || window == GLOBAL ? GLOBAL : in.rf() + (window - 1) * in.jump();
    return new LayerRow(path, r.type(), r.description(), r.stage(), depth, r.inShape(), r.outShape(),
        r.params(), r.macs(), r.activationBytes(), r.formula(), rf, in.jump() * r.jump());
  }

  private static int maxRf(int a, int b) {
    return a == GLOBAL || b == GLOBAL ? GLOBAL : Math.max(a, b);
  }

  private static LayerRow step(LayerSpec layer, int[] in, String stage) {
    // Java 17: no pattern switch yet; one branch per LayerSpec record.
    if (layer instanceof LayerSpec.Conv c) {
      return conv(c, in, stage);
    } else if (layer instanceof LayerSpec.Pool p) {
      return pool(p, in, stage);
    } else if (layer instanceof LayerSpec.Dense d) {
      return dense(d, in, stage);
    } else if (layer instanceof LayerSpec.Flatten) {
      long n = elements(in);
      return local(row(layer, "classifier", in, new int[] {(int) n}, 0, 0, shapeText(in) + " → " + n), GLOBAL, 1);
    } else if (layer instanceof LayerSpec.GlobalAvgPool) {
      requireImage(layer, in);
      return local(row(layer, stage, in, new int[] {in[0], 1, 1}, 0, 0,
          "mean over " + in[1] + "×" + in[2] + " per channel: " + shapeText(in) + " → " + in[0] + "×1×1"),
          GLOBAL, 1);
    } else if (layer instanceof LayerSpec.BatchNorm) {
      int c = in[0];
      return row(layer, stage, in, in, 2L * c, 0, "γ, β per channel: 2·" + c + " = " + 2L * c + " params");
    } else if (layer instanceof LayerSpec.Activation) {
      return row(layer, stage, in, in, 0, 0, "element-wise, shape unchanged");
    } else if (layer instanceof LayerSpec.Dropout) {
      return row(layer, stage, in, in, 0, 0, "active in training only, shape unchanged");
    } else if (layer instanceof LayerSpec.Identity) {
      return row(layer, stage, in, in, 0, 0, "passes its input on unchanged");
    }
    throw new IllegalStateException("no shape rule for " + layer.getClass().getSimpleName());
  }

  private static LayerRow conv(LayerSpec.Conv c, int[] in, String stage) {
    requireImage(c, in);
    int h = side(c.name(), "convolution", in[1], c.kernel(), c.stride(), c.padding());
    int w = side(c.name(), "convolution", in[2], c.kernel(), c.stride(), c.padding());
    int[] out = {c.channels(), h, w};
    long perFilter = (long) in[0] * c.kernel() * c.kernel();
    long params = perFilter * c.channels() + c.channels();
    long macs = perFilter * c.channels() * h * w;
    return local(row(c, stage, in, out, params, macs,
        sideFormula(in[1], c.kernel(), c.stride(), c.padding(), h)), c.kernel(), c.stride());
  }

  private static LayerRow pool(LayerSpec.Pool p, int[] in, String stage) {
    requireImage(p, in);
    int h = side(p.name(), "pooling", in[1], p.window(), p.stride(), p.padding());
    int w = side(p.name(), "pooling", in[2], p.window(), p.stride(), p.padding());
    int[] out = {in[0], h, w};
    return local(row(p, stage, in, out, 0, 0,
        sideFormula(in[1], p.window(), p.stride(), p.padding(), h)), p.window(), p.stride());
  }

  private static LayerRow dense(LayerSpec.Dense d, int[] in, String stage) {
    if (in.length != 1) {
      throw new ShapeException(
          "a dense layer needs a flat input but gets " + shapeText(in) + ": add a Flatten before it");
    }
    long params = (long) in[0] * d.units() + d.units();
    long macs = (long) in[0] * d.units();
    String formula = in[0] + "·" + d.units() + " + " + d.units() + " = " + String.format("%,d", params) + " params";
    return local(row(d, stage, in, new int[] {d.units()}, params, macs, formula), GLOBAL, 1);
  }

  private static void requireImage(LayerSpec layer, int[] in) {
    if (in.length != 3) {
      throw new ShapeException(
          "a " + layer.type() + " needs a C×H×W input but gets the flat " + shapeText(in));
    }
  }

  /** ⌊(n + 2p − k)/s⌋ + 1, or a ShapeException naming the arithmetic when it is not ≥ 1. */
  private static int side(String layer, String what, int n, int k, int s, int p) {
    int out = Math.floorDiv(n + 2 * p - k, s) + 1;
    if (out < 1) {
      throw new ShapeException(
          "output would be empty: " + sideFormula(n, k, s, p, out) + " — the " + k + "×" + k + " "
              + what + " window does not fit in the " + n + "×" + n + " input"
              + (p > 0 ? " padded by " + p : "") + "; use a larger input size or a smaller window");
    }
    return out;
  }

  /** The book's formula with numbers filled in, e.g. ⌊(224 + 2·1 − 11)/4⌋ + 1 = 54. */
  public static String sideFormula(int n, int k, int s, int p, int out) {
    return "⌊(" + n + " + 2·" + p + " − " + k + ")/" + s + "⌋ + 1 = " + out;
  }

  private static LayerRow row(
      LayerSpec l, String stage, int[] in, int[] out, long params, long macs, String formula) {
    return new LayerRow(
        l.name(), l.type(), l.describe(), stage, in.clone(), out.clone(), params, macs,
        elements(out) * Float.BYTES, formula);
  }

  static long elements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public static String shapeText(int[] shape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : "×").append(shape[i]);
    }
    return b.toString();
  }

  private static final class ShapeException extends RuntimeException {
    final String layer;

    ShapeException(String message) {
      this("", message);
    }

    ShapeException(String layer, String message) {
      super(message, null, false, false);
      this.layer = layer;
    }
  }
}
