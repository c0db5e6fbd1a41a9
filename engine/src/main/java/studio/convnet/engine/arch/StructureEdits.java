package studio.convnet.engine.arch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to a network's structure, addressed by path: insert, remove, move and duplicate a layer or
 * a whole block, swap a layer's kind (sigmoid ↔ ReLU, average ↔ max pooling), add batch norm or
 * dropout after a layer. Each returns the edited network and the path of the layer to select next,
 * or throws an {@link IllegalArgumentException} whose message names the layer and says why (the
 * blocks' own rules: a block keeps at least one layer, a concat two paths, a residual unit its one
 * shortcut). Shapes are not checked here: a network whose shapes no longer fit is a valid edit and
 * shows its first broken layer.
 */
public final class StructureEdits {

  private StructureEdits() {}

  /** The edited network and the path to select in it. */
  public record Result(NetworkSpec spec, String select) {}

  /** The layers a student can insert, each with a small default. */
  public enum NewLayer {
    CONV("conv"), MAX_POOL("pool"), AVG_POOL("pool"), RELU("relu"), SIGMOID("sigmoid"),
    BATCH_NORM("bn"), DROPOUT("dropout"), DENSE("fc"), FLATTEN("flatten"), GLOBAL_AVG_POOL("gap");

    private final String base;

    NewLayer(String base) {
      this.base = base;
    }

    /** The layer, named {@code name}: a 3×3 conv keeping the size, a 2×2 pool halving it, …. */
    public LayerSpec create(String name) {
      return switch (this) {
        case CONV -> new LayerSpec.Conv(name, 16, 3, 1, 1);
        case MAX_POOL -> new LayerSpec.Pool(name, LayerSpec.PoolKind.MAX, 2, 2, 0);
        case AVG_POOL -> new LayerSpec.Pool(name, LayerSpec.PoolKind.AVG, 2, 2, 0);
        case RELU -> new LayerSpec.Activation(name, LayerSpec.Fn.RELU);
        case SIGMOID -> new LayerSpec.Activation(name, LayerSpec.Fn.SIGMOID);
        case BATCH_NORM -> new LayerSpec.BatchNorm(name);
        case DROPOUT -> new LayerSpec.Dropout(name, 0.5);
        case DENSE -> new LayerSpec.Dense(name, 64);
        case FLATTEN -> new LayerSpec.Flatten(name);
        case GLOBAL_AVG_POOL -> new LayerSpec.GlobalAvgPool(name);
      };
    }

    public String base() {
      return base;
    }
  }

  /** Inserts a new layer right after (or before) the layer or block at {@code path}. */
  public static Result insert(NetworkSpec spec, String path, NewLayer kind, boolean after) {
    guardShortcut(spec, path, "insert next to");
    String[] name = new String[1];
    List<LayerSpec> layers = edit(spec, path, (siblings, i) -> {
      name[0] = freshName(siblings, kind.base());
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.add(after ? i + 1 : i, kind.create(name[0]));
      return out;
    });
    return new Result(build(spec, layers, path), sibling(path, name[0]));
  }

  /** Removes the layer or whole block at {@code path}; selects its neighbour. */
  public static Result remove(NetworkSpec spec, String path) {
    guardShortcut(spec, path, "remove");
    String[] next = new String[1];
    List<LayerSpec> layers = edit(spec, path, (siblings, i) -> {
      if (siblings.size() == 1) {
        throw new IllegalArgumentException(path + ": the only layer " + where(path) + "; remove the block instead");
      }
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.remove(i);
      next[0] = out.get(Math.min(i, out.size() - 1)).name();
      return out;
    });
    NetworkSpec edited = build(spec, layers, path);
    return new Result(edited, firstLeaf(edited, sibling(path, next[0])));
  }

  /** Moves the layer or block at {@code path} {@code delta} places among its siblings (−1 up, +1 down). */
  public static Result move(NetworkSpec spec, String path, int delta) {
    guardShortcut(spec, path, "move");
    List<LayerSpec> layers = edit(spec, path, (siblings, i) -> {
      int j = i + delta;
      int last = siblings.size() - 1;
      if (parentIsResidual(spec, path)) {
        last--; // the shortcut stays last
      }
      if (j < 0 || j > last) {
        throw new IllegalArgumentException(path + ": already the " + (delta < 0 ? "first" : "last")
            + " layer " + where(path));
      }
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.add(j, out.remove(i));
      return out;
    });
    return new Result(build(spec, layers, path), path);
  }

  /** Puts a copy of the layer or block at {@code path} right after it, under a fresh name. */
  public static Result duplicate(NetworkSpec spec, String path) {
    guardShortcut(spec, path, "duplicate");
    String[] name = new String[1];
    List<LayerSpec> layers = edit(spec, path, (siblings, i) -> {
      LayerSpec l = siblings.get(i);
      String base = l.name().replaceFirst("\\d+$", "");
      name[0] = freshName(siblings, base.equals(l.name()) ? base + "_" : base); // inception3a → inception3a_1
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.add(i + 1, l.withName(name[0]));
      return out;
    });
    NetworkSpec edited = build(spec, layers, path);
    return new Result(edited, firstLeaf(edited, sibling(path, name[0])));
  }

  /** Sigmoid ↔ ReLU (tanh → ReLU), average ↔ max pooling; other layers have no other kind. */
  public static Result swapKind(NetworkSpec spec, String path) {
    LayerSpec l = spec.find(path).orElseThrow(() -> new IllegalArgumentException("no layer at '" + path + "'"));
    LayerSpec swapped;
    String base;
    if (l instanceof LayerSpec.Activation a) {
      LayerSpec.Fn fn = a.fn() == LayerSpec.Fn.RELU ? LayerSpec.Fn.SIGMOID : LayerSpec.Fn.RELU;
      base = fn.name().toLowerCase(java.util.Locale.ROOT);
      swapped = new LayerSpec.Activation(a.name(), fn);
    } else if (l instanceof LayerSpec.Pool p) {
      LayerSpec.PoolKind k = p.kind() == LayerSpec.PoolKind.MAX ? LayerSpec.PoolKind.AVG : LayerSpec.PoolKind.MAX;
      base = "pool";
      swapped = new LayerSpec.Pool(p.name(), k, p.window(), p.stride(), p.padding());
    } else {
      throw new IllegalArgumentException(path + ": a " + l.type() + " has no other kind (activations and"
          + " pooling layers do)");
    }
    // "sigmoid1" becomes "relu1" so the name keeps saying what it is; a pool keeps its name
    String renamed = renameKind(l.name(), base);
    String[] name = {l.name()};
    List<LayerSpec> layers = edit(spec, path, (siblings, i) -> {
      boolean free = siblings.stream().noneMatch(s -> s.name().equals(renamed));
      name[0] = free ? renamed : l.name();
      List<LayerSpec> out = new ArrayList<>(siblings);
      out.set(i, swapped.withName(name[0]));
      return out;
    });
    return new Result(build(spec, layers, path), sibling(path, name[0]));
  }

  /** Adds batch norm right after the layer at {@code path}, or removes the batch norm that is there. */
  public static Result toggleAfter(NetworkSpec spec, String path, NewLayer kind) {
    Optional<LayerSpec> next = nextSibling(spec, path);
    boolean present = next.isPresent() && kind.create("x").getClass().isInstance(next.get());
    if (present) {
      Result r = remove(spec, sibling(path, next.get().name()));
      return new Result(r.spec(), path);
    }
    return insert(spec, path, kind, true);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Graph.edit, with a block's refusal ("a concatenation needs at least two paths") prefixed by the path. */
  private static List<LayerSpec> edit(NetworkSpec spec, String path, Graph.SiblingEdit e) {
    try {
      return Graph.edit(spec.layers(), path, e);
    } catch (IllegalArgumentException ex) {
      String m = ex.getMessage();
      throw m.startsWith(path) ? ex : new IllegalArgumentException(path + ": " + m, ex);
    }
  }

  private static NetworkSpec build(NetworkSpec spec, List<LayerSpec> layers, String path) {
    try {
      return spec.withLayers(layers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static Optional<LayerSpec> nextSibling(NetworkSpec spec, String path) {
    LayerSpec[] found = new LayerSpec[1];
    Graph.edit(spec.layers(), path, (siblings, i) -> {
      found[0] = i + 1 < siblings.size() ? siblings.get(i + 1) : null;
      return siblings;
    });
    return Optional.ofNullable(found[0]);
  }

  private static String renameKind(String name, String base) {
    String digits = name.replaceFirst("^.*?(\\d*)$", "$1");
    return name.matches("(?i)(sigmoid|relu|tanh)\\d*") ? base + digits : name;
  }

  /** The smallest "base" + n not taken among the siblings. */
  static String freshName(List<LayerSpec> siblings, String base) {
    Set<String> taken = new HashSet<>();
    siblings.forEach(s -> taken.add(s.name()));
    String b = base.isEmpty() ? "layer" : base;
    for (int n = 1; ; n++) {
      if (!taken.contains(b + n)) {
        return b + n;
      }
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String sibling(String path, String name) {
    String p = parent(path);
    return p.isEmpty() ? name : p + "/" + name;
  }

  private static String where(String path) {
    String p = parent(path);
    return p.isEmpty() ? "of the network" : "in " + p;
  }

  private static boolean parentIsResidual(NetworkSpec spec, String path) {
    String p = parent(path);
    return !p.isEmpty() && spec.find(p).orElse(null) instanceof LayerSpec.Residual;
  }

  private static void guardShortcut(NetworkSpec spec, String path, String what) {
    String p = parent(path);
    if (!p.isEmpty() && spec.find(p).orElse(null) instanceof LayerSpec.Residual r
        && path.endsWith("/" + r.shortcut().name())) {
      throw new IllegalArgumentException(path + ": cannot " + what + " a residual unit's shortcut; it is one"
          + " layer added to the main path (edit its numbers instead)");
    }
  }

  /** The first leaf under {@code path} (itself when it is a leaf): what the explorer selects. */
  public static String firstLeaf(NetworkSpec spec, String path) {
    LayerSpec l = spec.find(path).orElse(null);
    while (l != null && l.composite()) {
      LayerSpec first = Graph.children(l).get(0);
      path = path + "/" + first.name();
      l = first;
    }
    return path;
  }

  /**
   * The nearest block holding {@code path} that a student would move or copy as one piece: an
   * Inception or a residual unit if there is one around it, else the sequence that holds it.
   */
  public static Optional<String> enclosingBlock(NetworkSpec spec, String path) {
    String best = null;
    for (String p = parent(path); !p.isEmpty(); p = parent(p)) {
      LayerSpec l = spec.find(p).orElse(null);
      if (l instanceof LayerSpec.Concat || l instanceof LayerSpec.Residual) {
        return Optional.of(p);
      }
      if (best == null) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }
}
