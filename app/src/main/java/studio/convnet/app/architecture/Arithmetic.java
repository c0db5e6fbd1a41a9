package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.BlockRow;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/** The arithmetic of one layer or block with its numbers filled in, as a student would write it out. */
public final class Arithmetic {

  private Arithmetic() {}

  /**
   * What the explorer shows for a selected path: a layer's or a block's arithmetic; while the exercise
   * hides one of its values, only its name and that it is hidden; the broken layer's message; or that
   * a layer after the broken one was not computed.
   *
   * @param hidden whether the exercise hides this path's value in a column
   */
  public static List<String> forPath(Summary s, String path, Predicate<Column> hidden) {
    LayerSpec leaf = LayerEdits.leaf(s.spec(), path);
    Optional<LayerRow> row = s.row(path);
    if (leaf == null && row.isPresent() || s.spec().find(path).map(LayerSpec::composite).orElse(false)) {
      return hidden.test(Column.SHAPE)
          ? List.of(path + " · block", "arithmetic hidden until you answer or reveal this block")
          : blockLines(s, path);
    } else if (leaf != null && row.isPresent()) {
      return hidden.test(Column.SHAPE) || hidden.test(Column.PARAMS)
          ? List.of(path + " · " + leaf.type() + (leaf.describe().isEmpty() ? "" : " (" + leaf.describe() + ")"),
              "arithmetic hidden until you answer or reveal this layer")
          : lines(leaf, row.get());
    } else if (s.error().isPresent() && s.error().get().layer().equals(path)) {
      return List.of(path + ": " + s.error().get().message());
    } else if (leaf != null) {
      return List.of(path + ": not computed, an earlier layer is broken");
    }
    return List.of();
  }

  public static List<String> lines(LayerSpec layer, LayerRow r) {
    List<String> out = new ArrayList<>();
    int[] in = r.inShape();
    String inText = ShapeInference.shapeText(in);
    out.add(r.name() + " · " + r.type() + (r.description().isEmpty() ? "" : " (" + r.description() + ")")
        + ":  " + inText + " → " + r.outShapeText());
    if (layer instanceof LayerSpec.Conv c) {
      int[] o = r.outShape();
      out.add("height  " + ShapeInference.sideFormula(in[1], c.kernel(), c.stride(), c.padding(), o[1]));
      out.add("width   " + ShapeInference.sideFormula(in[2], c.kernel(), c.stride(), c.padding(), o[2]));
      out.add("params  " + c.channels() + "·(" + in[0] + "·" + c.kernel() + "·" + c.kernel() + ") + "
          + c.channels() + " = " + Summaries.num(r.params()));
      out.add("MACs    " + c.channels() + "·" + in[0] + "·" + c.kernel() + "·" + c.kernel() + " · "
          + o[1] + "·" + o[2] + " = " + Summaries.num(r.macs()));
    } else if (layer instanceof LayerSpec.Pool p) {
      int[] o = r.outShape();
      out.add("height  " + ShapeInference.sideFormula(in[1], p.window(), p.stride(), p.padding(), o[1]));
      out.add("width   " + ShapeInference.sideFormula(in[2], p.window(), p.stride(), p.padding(), o[2]));
      out.add("params  none; channels pass through: " + in[0]);
    } else if (layer instanceof LayerSpec.Dense d) {
      out.add("params  " + in[0] + "·" + d.units() + " + " + d.units() + " = " + Summaries.num(r.params()));
      out.add("MACs    " + in[0] + "·" + d.units() + " = " + Summaries.num(r.macs()));
    } else {
      out.add(r.formula());
    }
    out.add("memory  " + product(r.outShape()) + " floats · 4 B = " + Summaries.num(r.activationBytes())
        + " B (" + Summaries.bytes(r.activationBytes()) + ")");
    out.add(sees(r));
    return out;
  }

  /**
   * A block's arithmetic (or its join's: a concat, an add): its input and output, how the output
   * comes about (the paths' channels summed, the shortcut added), its subtotals and what one of its
   * output pixels sees.
   */
  public static List<String> blockLines(Summary s, String path) {
    String block = s.block(path).isPresent() ? path : Outline.parent(s.spec(), path).orElse(path);
    LayerSpec l = s.spec().find(block).orElse(null);
    Optional<BlockRow> row = s.block(block);
    if (l == null || row.isEmpty()) {
      return List.of(block + ": not computed, a layer inside or before it is broken");
    }
    BlockRow b = row.get();
    LayerRow last = s.rows().get(b.endRow() - 1);
    List<String> out = new ArrayList<>();
    out.add(block + " · " + Outline.kindText(l) + ":  " + ShapeInference.shapeText(b.inShape()) + " → "
        + ShapeInference.shapeText(b.outShape()));
    if (l instanceof LayerSpec.Concat c) {
      s.row(block + "/concat").ifPresent(r -> out.add("channels " + r.formula() + " (the paths side by side)"));
      int[] o = b.outShape();
      out.add("size    every path keeps " + o[1] + "×" + o[2] + ", so the outputs can be stacked");
    } else if (l instanceof LayerSpec.Residual r) {
      s.row(block + "/add").ifPresent(a -> out.add("add     main path + " + r.shortcut().name() + ": " + a.formula()));
      if (r.after() != null) {
        out.add("then    " + r.after().label() + " of the sum");
      }
    }
    out.add("params  " + Summaries.num(b.params()) + " in its layers");
    out.add("MACs    " + Summaries.num(b.macs()));
    out.add(sees(last));
    return out;
  }

  /** The receptive field and the jump, in words. */
  static String sees(LayerRow r) {
    return "sees    " + (r.receptiveField() == ShapeInference.GLOBAL ? "the whole input"
        : r.receptiveFieldText() + "×" + r.receptiveFieldText() + " input pixels")
        + " (receptive field); one output step = " + r.jump() + " input pixels (jump)";
  }

  private static String product(int[] shape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : "·").append(shape[i]);
    }
    return shape.length > 1 ? b + " = " + Summaries.num(elements(shape)) : b.toString();
  }

  private static long elements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
