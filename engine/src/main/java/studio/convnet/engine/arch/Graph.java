package studio.convnet.engine.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Walking and rewriting the layer tree by path. A layer's path is its name prefixed by the names of
 * the blocks that hold it ({@code b3/inception3a/b2/conv2}, {@code stage2/unit1/shortcut}).
 */
public final class Graph {

  private Graph() {}

  /** The direct children of a composite block (a sequence's layers, a concat's paths, a residual's main path then shortcut). */
  public static List<LayerSpec> children(LayerSpec l) {
    if (l instanceof LayerSpec.Sequence s) {
      return s.layers();
    } else if (l instanceof LayerSpec.Concat c) {
      return c.paths();
    } else if (l instanceof LayerSpec.Residual r) {
      List<LayerSpec> all = new ArrayList<>(r.main());
      all.add(r.shortcut());
      return all;
    }
    return List.of();
  }

  /** The same block with new children, in the order {@link #children} gives them. */
  public static LayerSpec withChildren(LayerSpec l, List<LayerSpec> kids) {
    if (l instanceof LayerSpec.Sequence s) {
      return new LayerSpec.Sequence(s.name(), kids);
    } else if (l instanceof LayerSpec.Concat c) {
      return new LayerSpec.Concat(c.name(), kids);
    } else if (l instanceof LayerSpec.Residual r) {
      return new LayerSpec.Residual(
          r.name(), kids.subList(0, kids.size() - 1), kids.get(kids.size() - 1), r.after());
    }
    throw new IllegalArgumentException(l.name() + " has no children");
  }

  /** Every leaf layer in order, renamed to its path. */
  public static List<LayerSpec> leaves(List<LayerSpec> layers) {
    List<LayerSpec> out = new ArrayList<>();
    collect(layers, "", out, true);
    return out;
  }

  /**
   * The units a forward pass goes through one after another, renamed to their paths: sequences are
   * opened, a concat or a residual unit stays one unit. For a plain sequence of layers these are the
   * leaves.
   */
  public static List<LayerSpec> units(List<LayerSpec> layers) {
    List<LayerSpec> out = new ArrayList<>();
    collect(layers, "", out, false);
    return out;
  }

  private static void collect(List<LayerSpec> layers, String prefix, List<LayerSpec> out, boolean all) {
    for (LayerSpec l : layers) {
      boolean open = l instanceof LayerSpec.Sequence || (all && l.composite());
      if (open) {
        collect(children(l), prefix + l.name() + "/", out, all);
      } else {
        out.add(prefix.isEmpty() ? l : l.withName(prefix + l.name()));
      }
    }
  }

  /** The layer or block at {@code path}, under its short name. */
  public static Optional<LayerSpec> find(List<LayerSpec> layers, String path) {
    for (LayerSpec l : layers) {
      if (l.name().equals(path)) {
        return Optional.of(l);
      }
      if (l.composite() && path.startsWith(l.name() + "/")) {
        return find(children(l), path.substring(l.name().length() + 1));
      }
    }
    return Optional.empty();
  }

  /** Replaces the layer at {@code path}; throws naming the path when there is none. */
  public static List<LayerSpec> replace(List<LayerSpec> layers, String path, UnaryOperator<LayerSpec> change) {
    return edit(layers, path, (siblings, i) -> {
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.set(i, change.apply(siblings.get(i)));
      return out;
    });
  }

  /** An edit of the list that holds the addressed layer, given that list and the layer's index in it. */
  @FunctionalInterface
  public interface SiblingEdit {
    List<LayerSpec> apply(List<LayerSpec> siblings, int index);
  }

  /**
   * Applies {@code edit} to the list of siblings that holds the layer at {@code path} (insert before
   * or after it, remove it, move it, duplicate it) and rebuilds every block above it.
   */
  public static List<LayerSpec> edit(List<LayerSpec> layers, String path, SiblingEdit edit) {
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      if (l.name().equals(path)) {
        return edit.apply(layers, i);
      }
      if (l.composite() && path.startsWith(l.name() + "/")) {
        List<LayerSpec> kids = edit(children(l), path.substring(l.name().length() + 1), edit);
        List<LayerSpec> out = new ArrayList<>(layers);
        out.set(i, withChildren(l, kids));
        return out;
      }
    }
    throw new IllegalArgumentException("no layer at '" + path + "'");
  }
}
