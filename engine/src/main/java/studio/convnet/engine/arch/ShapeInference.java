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

  /** One row of the summary table. */
  public record LayerRow(
      String name,
      String type,
      String description,
      String stage,
      int[] inShape,
      int[] outShape,
      long params,
      long macs,
      long activationBytes,
      String formula) {

    public String outShapeText() {
      return shapeText(outShape);
    }
  }

  /** The first layer whose output is impossible, and why, with the arithmetic that failed. */
  public record ShapeError(String layer, String message) {}

  /** The whole table: rows up to (not including) a broken layer, totals over those rows. */
  public record Summary(
      NetworkSpec spec, int inputSize, List<LayerRow> rows, Optional<ShapeError> error) {

    public Summary {
      rows = List.copyOf(rows);
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
  }

  /** Infers the table for a square input of {@code size}×{@code size}. */
  public static Summary infer(NetworkSpec spec, int size) {
    List<LayerRow> rows = new ArrayList<>();
    if (size < 1) {
      return new Summary(
          spec, size, rows,
          Optional.of(new ShapeError("input", "input size must be ≥ 1, got " + size)));
    }
    int[] shape = {spec.inputChannels(), size, size};
    String stage = "features";
    for (LayerSpec layer : spec.leaves()) {
      if (layer instanceof LayerSpec.Flatten) {
        stage = "classifier";
      }
      try {
        rows.add(step(layer, shape, stage));
      } catch (ShapeException e) {
        return new Summary(spec, size, rows, Optional.of(new ShapeError(layer.name(), e.getMessage())));
      }
      shape = rows.get(rows.size() - 1).outShape();
    }
    return new Summary(spec, size, rows, Optional.empty());
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
      return row(layer, stage, in, new int[] {(int) n}, 0, 0, shapeText(in) + " → " + n);
    } else if (layer instanceof LayerSpec.BatchNorm) {
      int c = in[0];
      return row(layer, stage, in, in, 2L * c, 0, "γ, β per channel: 2·" + c + " = " + 2L * c + " params");
    } else if (layer instanceof LayerSpec.Activation) {
      return row(layer, stage, in, in, 0, 0, "element-wise, shape unchanged");
    } else if (layer instanceof LayerSpec.Dropout) {
      return row(layer, stage, in, in, 0, 0, "active in training only, shape unchanged");
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
    return row(c, stage, in, out, params, macs, sideFormula(in[1], c.kernel(), c.stride(), c.padding(), h));
  }

  private static LayerRow pool(LayerSpec.Pool p, int[] in, String stage) {
    requireImage(p, in);
    int h = side(p.name(), "pooling", in[1], p.window(), p.stride(), p.padding());
    int w = side(p.name(), "pooling", in[2], p.window(), p.stride(), p.padding());
    int[] out = {in[0], h, w};
    return row(p, stage, in, out, 0, 0, sideFormula(in[1], p.window(), p.stride(), p.padding(), h));
  }

  private static LayerRow dense(LayerSpec.Dense d, int[] in, String stage) {
    if (in.length != 1) {
      throw new ShapeException(
          "a dense layer needs a flat input but gets " + shapeText(in) + ": add a Flatten before it");
    }
    long params = (long) in[0] * d.units() + d.units();
    long macs = (long) in[0] * d.units();
    String formula = in[0] + "·" + d.units() + " + " + d.units() + " = " + String.format("%,d", params) + " params";
    return row(d, stage, in, new int[] {d.units()}, params, macs, formula);
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
    ShapeException(String message) {
      super(message, null, false, false);
    }
  }
}
