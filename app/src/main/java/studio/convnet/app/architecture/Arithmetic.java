package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.Summaries;

/** The arithmetic of one layer with its numbers filled in, as a student would write it out. */
public final class Arithmetic {

  private Arithmetic() {}

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
    return out;
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
