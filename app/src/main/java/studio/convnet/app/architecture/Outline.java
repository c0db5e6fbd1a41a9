package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import studio.convnet.engine.arch.Graph;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.BlockRow;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/**
 * Which blocks of each network are folded to one box, and the table's rows nested accordingly: a
 * block's line (its output and subtotals) above its layers, indented by depth, the layers of a folded
 * block left out. Plain state, no controls: the diagram and the table both read it.
 *
 * <p>At first every block is folded except a concatenation's paths, so GoogLeNet opens as b1…b5, an
 * opened b3 shows its Inceptions, and an opened Inception shows its four paths with their layers.
 */
final class Outline {

  private final Map<Side, Set<String>> collapsed = new EnumMap<>(Side.class);

  Outline() {
    for (Side s : Side.values()) {
      collapsed.put(s, new HashSet<>());
    }
  }

  /** Folds the network's blocks as they are folded at first. */
  void reset(Side side, NetworkSpec spec) {
    collapsed.get(side).clear();
    collapsed.get(side).addAll(defaultCollapsed(spec));
  }

  /** Every block path except the paths of a concatenation. */
  static Set<String> defaultCollapsed(NetworkSpec spec) {
    Set<String> out = new LinkedHashSet<>();
    walk(spec.layers(), "", false, out, true);
    return out;
  }

  /** Every block path of a network, outer before inner. */
  static Set<String> blocks(NetworkSpec spec) {
    Set<String> out = new LinkedHashSet<>();
    walk(spec.layers(), "", false, out, false);
    return out;
  }

  private static void walk(List<LayerSpec> layers, String prefix, boolean concatPaths, Set<String> out,
      boolean skipPaths) {
    for (LayerSpec l : layers) {
      if (l.composite()) {
        String path = prefix + l.name();
        if (!(skipPaths && concatPaths)) {
          out.add(path);
        }
        walk(Graph.children(l), path + "/", l instanceof LayerSpec.Concat, out, skipPaths);
      }
    }
  }

  boolean isCollapsed(Side side, String path) {
    return collapsed.get(side).contains(path);
  }

  /** Folds or opens one block; returns whether anything changed. */
  boolean setCollapsed(Side side, String path, boolean fold) {
    return fold ? collapsed.get(side).add(path) : collapsed.get(side).remove(path);
  }

  /** Opens every block (fold = false) or folds them all as at first (fold = true). */
  void setAll(Side side, NetworkSpec spec, boolean fold) {
    if (fold) {
      reset(side, spec);
    } else {
      collapsed.get(side).clear();
    }
  }

  /** Opens the blocks around a path so it can be seen; returns whether anything changed. */
  boolean reveal(Side side, NetworkSpec spec, String path) {
    boolean changed = false;
    for (String a : ancestors(spec, path)) {
      changed |= collapsed.get(side).remove(a);
    }
    return changed;
  }

  /** Whether no block around the path is folded. */
  boolean visible(Side side, NetworkSpec spec, String path) {
    for (String a : ancestors(spec, path)) {
      if (collapsed.get(side).contains(a)) {
        return false;
      }
    }
    return true;
  }

  /** The innermost block around a path, if any. */
  static Optional<String> parent(NetworkSpec spec, String path) {
    List<String> a = ancestors(spec, path);
    return a.isEmpty() ? Optional.empty() : Optional.of(a.get(a.size() - 1));
  }

  /**
   * The blocks that hold a path, outer first: every proper prefix that names a block (a join row such
   * as {@code b3/inception3a/concat} is held by {@code b3} and {@code b3/inception3a}).
   */
  static List<String> ancestors(NetworkSpec spec, String path) {
    List<String> out = new ArrayList<>();
    int i = path.indexOf('/');
    while (i > 0) {
      String prefix = path.substring(0, i);
      if (spec.find(prefix).map(LayerSpec::composite).orElse(false)) {
        out.add(prefix);
      }
      i = path.indexOf('/', i + 1);
    }
    return out;
  }

  /** The table's rows for one network: blocks and layers nested, folded blocks' layers left out. */
  List<Row> rows(Side side, Summary s) {
    NetworkSpec spec = s.spec();
    List<Row> out = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (LayerRow r : s.rows()) {
      List<String> above = ancestors(spec, r.name());
      boolean hidden = false;
      for (String a : above) {
        if (!hidden && shown.add(a)) {
          out.add(blockRow(side, s, a));
        }
        hidden |= isCollapsed(side, a);
      }
      if (!hidden) {
        out.add(new Row(r.name(), r.type(), r.description(), r.outShapeText(), r.params(), r.macs(),
            r.activationBytes(), Row.Kind.LAYER, r.depth(), r.receptiveFieldText(), Integer.toString(r.jump()),
            false));
      }
    }
    s.error().ifPresent(e -> {
      LayerSpec l = spec.find(e.layer()).orElse(null);
      out.add(new Row(e.layer(), l == null ? "" : l.type(), l == null ? "" : l.describe(), null, 0, 0, 0,
          Row.Kind.BROKEN, 0, "", "", false));
    });
    out.add(new Row("total", "", "", s.ok() ? ShapeInference.shapeText(s.outputShape()) : "—",
        s.totalParams(), s.totalMacs(), s.totalActivationBytes(), Row.Kind.TOTAL, 0, "", "", false));
    return out;
  }

  private Row blockRow(Side side, Summary s, String path) {
    LayerSpec l = s.spec().find(path).orElseThrow();
    int depth = ancestors(s.spec(), path).size();
    Optional<BlockRow> b = s.block(path);
    if (b.isEmpty()) { // the block holds the broken layer: its rows stop there
      return new Row(path, l.type(), l.describe(), null, 0, 0, 0, Row.Kind.BLOCK, depth, "", "",
          isCollapsed(side, path));
    }
    BlockRow k = b.get();
    LayerRow last = s.rows().get(k.endRow() - 1);
    return new Row(path, k.type(), kindText(l), ShapeInference.shapeText(k.outShape()), k.params(), k.macs(),
        k.activationBytes(), Row.Kind.BLOCK, depth, last.receptiveFieldText(), Integer.toString(last.jump()),
        isCollapsed(side, path));
  }

  /** What a block is, in a few words: "4 parallel paths", "residual unit, 1×1 conv shortcut", "3 layers". */
  static String kindText(LayerSpec l) {
    if (l instanceof LayerSpec.Concat c) {
      return c.paths().size() + " parallel paths, concatenated";
    } else if (l instanceof LayerSpec.Residual r) {
      return "residual unit, " + (r.shortcut() instanceof LayerSpec.Identity ? "identity" : "1×1 conv")
          + " shortcut";
    } else if (l instanceof LayerSpec.Sequence q) {
      return q.layers().size() + (q.layers().size() == 1 ? " layer" : " layers");
    }
    return l.describe();
  }
}
