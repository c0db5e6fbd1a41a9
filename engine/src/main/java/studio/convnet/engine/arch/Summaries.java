package studio.convnet.engine.arch;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;

/** Text forms of a {@link Summary}: the CLI table, JSON, CSV and d2l's {@code layer_summary}. */
public final class Summaries {

  private Summaries() {}

  public static String table(Summary s) {
    return table(s, Integer.MAX_VALUE);
  }

  /**
   * The table with blocks nested: a block's line (its output and subtotals) above its layers,
   * indented by depth; blocks deeper than {@code depth} levels are folded into their line.
   */
  public static String table(Summary s, int depth) {
    StringBuilder b = new StringBuilder();
    b.append(s.spec().title()).append(" — input ").append(s.spec().inputChannels()).append('×')
        .append(s.inputSize()).append('×').append(s.inputSize()).append('\n');
    int nameWidth = 12;
    for (Line l : lines(s, depth)) {
      nameWidth = Math.max(nameWidth, 2 * l.depth() + shortName(l.name()).length() + 1);
    }
    String fmt = "%-" + nameWidth + "s %-13s %-30s %-12s %14s %16s %12s %6s %5s%n";
    b.append(String.format(Locale.ROOT, fmt, "layer", "type", "hyper-parameters", "output",
        "params", "multiply-adds", "activations", "RF", "jump"));
    for (Line l : lines(s, depth)) {
      b.append(String.format(Locale.ROOT, fmt, "  ".repeat(l.depth()) + shortName(l.name()), l.type(),
          l.description(), ShapeInference.shapeText(l.outShape()), num(l.params()), num(l.macs()),
          bytes(l.activationBytes()), l.rf(), l.jump()));
    }
    b.append(String.format(Locale.ROOT, fmt, "total", "", "", "", num(s.totalParams()),
        num(s.totalMacs()), bytes(s.totalActivationBytes()), "", ""));
    s.error().ifPresent(e -> b.append("error at ").append(e.layer()).append(": ").append(e.message()).append('\n'));
    return b.toString();
  }

  /** One line of the nested table: a block with its subtotals, or a layer. */
  public record Line(boolean block, String name, String type, String description, int depth,
      int[] outShape, long params, long macs, long activationBytes, String rf, String jump) {}

  /** The table's lines in order, blocks before their layers, nothing deeper than {@code depth}. */
  public static java.util.List<Line> lines(Summary s, int depth) {
    java.util.List<Line> out = new java.util.ArrayList<>();
    int nextBlock = 0;
    var blocks = s.blocks();
    for (int i = 0; i < s.rows().size(); i++) {
      while (nextBlock < blocks.size() && blocks.get(nextBlock).firstRow() == i) {
        ShapeInference.BlockRow k = blocks.get(nextBlock++);
        if (k.depth() < depth) {
          LayerRow last = s.rows().get(k.endRow() - 1);
          out.add(new Line(true, k.name(), k.type(), k.description(), k.depth(), k.outShape(),
              k.params(), k.macs(), k.activationBytes(), last.receptiveFieldText(),
              Integer.toString(last.jump())));
        }
      }
      LayerRow r = s.rows().get(i);
      if (r.depth() < depth) {
        out.add(new Line(false, r.name(), r.type(), r.description(), r.depth(), r.outShape(),
            r.params(), r.macs(), r.activationBytes(), r.receptiveFieldText(), Integer.toString(r.jump())));
      }
    }
    return out;
  }

  /** The last part of a path ("conv2" of "b3/inception3a/b2/conv2"). */
  public static String shortName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public static JsonObject json(Summary s) {
    JsonObject o = new JsonObject();
    o.addProperty("model", s.spec().id());
    o.addProperty("title", s.spec().title());
    JsonArray input = new JsonArray();
    input.add(s.spec().inputChannels());
    input.add(s.inputSize());
    input.add(s.inputSize());
    o.add("input", input);
    JsonArray layers = new JsonArray();
    for (LayerRow r : s.rows()) {
      JsonObject l = new JsonObject();
      l.addProperty("name", r.name());
      l.addProperty("path", r.name());
      l.addProperty("depth", r.depth());
      l.addProperty("type", r.type());
      l.addProperty("description", r.description());
      JsonArray shape = new JsonArray();
      for (int d : r.outShape()) {
        shape.add(d);
      }
      l.add("outputShape", shape);
      l.addProperty("params", r.params());
      l.addProperty("macs", r.macs());
      l.addProperty("activationBytes", r.activationBytes());
      l.addProperty("formula", r.formula());
      if (r.receptiveField() == ShapeInference.GLOBAL) {
        l.addProperty("receptiveField", "all");
      } else {
        l.addProperty("receptiveField", r.receptiveField());
      }
      l.addProperty("jump", r.jump());
      layers.add(l);
    }
    o.add("layers", layers);
    JsonArray blocks = new JsonArray();
    for (ShapeInference.BlockRow k : s.blocks()) {
      JsonObject l = new JsonObject();
      l.addProperty("path", k.name());
      l.addProperty("type", k.type());
      l.addProperty("depth", k.depth());
      JsonArray shape = new JsonArray();
      for (int d : k.outShape()) {
        shape.add(d);
      }
      l.add("outputShape", shape);
      l.addProperty("params", k.params());
      l.addProperty("macs", k.macs());
      l.addProperty("activationBytes", k.activationBytes());
      blocks.add(l);
    }
    o.add("blocks", blocks);
    o.addProperty("params", s.totalParams());
    o.addProperty("macs", s.totalMacs());
    o.addProperty("activationBytes", s.totalActivationBytes());
    s.error().ifPresent(e -> {
      JsonObject err = new JsonObject();
      err.addProperty("layer", e.layer());
      err.addProperty("message", e.message());
      o.add("error", err);
    });
    return o;
  }

  public static String jsonText(Summary s) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json(s));
  }

  public static String csv(Summary s) {
    StringBuilder b = new StringBuilder("layer,type,hyper_parameters,output_shape,params,multiply_adds,activation_bytes\n");
    for (LayerRow r : s.rows()) {
      b.append(r.name()).append(',').append(r.type()).append(",\"").append(r.description().replace("\"", "\"\""))
          .append("\",").append(r.outShapeText()).append(',').append(r.params()).append(',')
          .append(r.macs()).append(',').append(r.activationBytes()).append('\n');
    }
    b.append("total,,,,").append(s.totalParams()).append(',').append(s.totalMacs()).append(',')
        .append(s.totalActivationBytes()).append('\n');
    return b.toString();
  }

  /** d2l's {@code layer_summary}: "Conv2d output shape:	 torch.Size([1, 96, 54, 54])". */
  public static String layerSummary(Summary s) {
    StringBuilder b = new StringBuilder();
    for (LayerRow r : s.rows()) {
      StringBuilder dims = new StringBuilder("1");
      for (int d : r.outShape()) {
        dims.append(", ").append(d);
      }
      b.append(r.type()).append(" output shape:\t torch.Size([").append(dims).append("])\n");
    }
    return b.toString();
  }

  public static String num(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  public static String bytes(long v) {
    if (v < 1024) {
      return v + " B";
    } else if (v < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", v / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", v / (1024.0 * 1024));
  }
}
