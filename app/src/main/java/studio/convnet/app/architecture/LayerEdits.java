package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;

/**
 * Which hyper-parameters of a layer a student may edit, and how to apply an edit. Edits go through the
 * record constructors, so an invalid value (kernel 0) throws an IllegalArgumentException that names the
 * layer and the field; the view-model turns it into an inline message.
 */
public final class LayerEdits {

  private LayerEdits() {}

  /** One editable field with its current value and the range offered by the editor. */
  public record Field(String name, int value, int min, int max) {}

  /** The editable fields of a leaf layer, in the order the editor shows them (empty if none). */
  public static List<Field> fields(LayerSpec l) {
    if (l instanceof LayerSpec.Conv c) {
      return List.of(
          new Field("channels", c.channels(), 0, 4096), new Field("kernel", c.kernel(), 0, 64),
          new Field("stride", c.stride(), 0, 32), new Field("padding", c.padding(), 0, 32));
    } else if (l instanceof LayerSpec.Pool p) {
      return List.of(
          new Field("window", p.window(), 0, 64), new Field("stride", p.stride(), 0, 32),
          new Field("padding", p.padding(), 0, 32));
    } else if (l instanceof LayerSpec.Dense d) {
      return List.of(new Field("units", d.units(), 0, 16384));
    }
    return List.of();
  }

  /** The layer with one field changed; throws IllegalArgumentException for an invalid value. */
  public static LayerSpec with(LayerSpec l, String field, int v) {
    if (l instanceof LayerSpec.Conv c) {
      switch (field) {
        case "channels": return new LayerSpec.Conv(c.name(), v, c.kernel(), c.stride(), c.padding());
        case "kernel": return new LayerSpec.Conv(c.name(), c.channels(), v, c.stride(), c.padding());
        case "stride": return new LayerSpec.Conv(c.name(), c.channels(), c.kernel(), v, c.padding());
        case "padding": return new LayerSpec.Conv(c.name(), c.channels(), c.kernel(), c.stride(), v);
        default: break;
      }
    } else if (l instanceof LayerSpec.Pool p) {
      switch (field) {
        case "window": return new LayerSpec.Pool(p.name(), p.kind(), v, p.stride(), p.padding());
        case "stride": return new LayerSpec.Pool(p.name(), p.kind(), p.window(), v, p.padding());
        case "padding": return new LayerSpec.Pool(p.name(), p.kind(), p.window(), p.stride(), v);
        default: break;
      }
    } else if (l instanceof LayerSpec.Dense d && field.equals("units")) {
      return new LayerSpec.Dense(d.name(), v);
    }
    throw new IllegalArgumentException(l.name() + " has no editable field '" + field + "'");
  }

  /** The leaf called {@code name} (composite children named {@code block/child}), or null. */
  public static LayerSpec leaf(NetworkSpec spec, String name) {
    return spec.leaves().stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * A copy of the network with one leaf replaced; leaves inside composite blocks are addressed as
   * {@code block/child}, as {@link NetworkSpec#leaves()} names them.
   */
  public static NetworkSpec replaceLeaf(NetworkSpec spec, String name, UnaryOperator<LayerSpec> change) {
    List<LayerSpec> layers = replace(spec.layers(), "", name, change);
    return new NetworkSpec(spec.id(), spec.title(), spec.description(), spec.inputChannels(),
        spec.defaultInputSize(), spec.numClasses(), layers);
  }

  private static List<LayerSpec> replace(
      List<LayerSpec> layers, String prefix, String name, UnaryOperator<LayerSpec> change) {
    List<LayerSpec> out = new ArrayList<>();
    for (LayerSpec l : layers) {
      String full = prefix + l.name();
      if (l instanceof LayerSpec.Sequence s && name.startsWith(full + "/")) {
        out.add(new LayerSpec.Sequence(s.name(), replace(s.layers(), full + "/", name, change)));
      } else if (full.equals(name)) {
        // the change sees the leaf under its short name, as the record holds it
        out.add(change.apply(l));
      } else {
        out.add(l);
      }
    }
    return out;
  }
}
