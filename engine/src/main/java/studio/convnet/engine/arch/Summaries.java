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
    StringBuilder b = new StringBuilder();
    b.append(s.spec().title()).append(" — input ").append(s.spec().inputChannels()).append('×')
        .append(s.inputSize()).append('×').append(s.inputSize()).append('\n');
    String fmt = "%-10s %-10s %-30s %-12s %14s %16s %12s%n";
    b.append(String.format(Locale.ROOT, fmt, "layer", "type", "hyper-parameters", "output",
        "params", "multiply-adds", "activations"));
    for (LayerRow r : s.rows()) {
      b.append(String.format(Locale.ROOT, fmt, r.name(), r.type(), r.description(), r.outShapeText(),
          num(r.params()), num(r.macs()), bytes(r.activationBytes())));
    }
    b.append(String.format(Locale.ROOT, fmt, "total", "", "", "", num(s.totalParams()),
        num(s.totalMacs()), bytes(s.totalActivationBytes())));
    s.error().ifPresent(e -> b.append("error at ").append(e.layer()).append(": ").append(e.message()).append('\n'));
    return b.toString();
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
      layers.add(l);
    }
    o.add("layers", layers);
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
