package studio.convnet.app.architecture;

import java.util.List;
import java.util.function.UnaryOperator;
import studio.convnet.engine.arch.Graph;
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
   * A copy of the network with the layer at {@code path} replaced, wherever it sits (in a block, a
   * concatenation's path, a residual unit's main path or shortcut). The change sees the layer under
   * its short name, as the record holds it; an invalid value throws the record's own message
   * ("conv2: kernel must be ≥ 1, got 0").
   */
  public static NetworkSpec replaceLeaf(NetworkSpec spec, String path, UnaryOperator<LayerSpec> change) {
    return spec.withLayers(Graph.replace(spec.layers(), path, change));
  }
}
