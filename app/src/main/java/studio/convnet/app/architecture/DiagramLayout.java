package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import studio.convnet.engine.arch.Graph;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference.BlockRow;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;

/**
 * Where every part of one network's drawing goes: pure geometry from a summary and which blocks are
 * folded, no painting. A layer is a slot (its output drawn as a box, its name, shape and parameters
 * beside it); a folded block is one slot with a double outline; an opened block is a heading over its
 * parts in a frame. A concatenation's paths stand side by side, split from one line and joined into
 * the concat slot that sums their channels; a residual unit's shortcut runs in a lane to the right of
 * its main path and ends in an arrow into the add slot. Every slot has its own rectangle and every
 * label is squeezed into its slot, so labels cannot overlap.
 */
final class DiagramLayout {

  static final double W = 372;
  static final double ZONE = 124;
  static final double CW = 164;
  static final double CZONE = 44;
  static final double SLOT = 42;
  static final double HEAD = 22;
  static final double IND = 14;
  static final double GAP = 14;
  static final double PATH_GAP = 10;
  static final double LANE_GAP = 18;
  static final double ID_LANE = 72;
  static final double BOTTOM = 4;

  enum Kind { INPUT, LAYER, BOX, HEAD, JOIN }

  /** One drawn thing, at its place in the column. */
  static final class Item {
    final Kind kind;
    final String path;
    final List<String> members = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final boolean compact;
    double x;
    double y;
    double w;
    final double h;

    Item(Kind kind, String path, boolean compact, double w, double h) {
      this.kind = kind;
      this.path = path;
      this.compact = compact;
      this.w = w;
      this.h = h;
      members.add(path);
    }

    double zone() {
      return compact ? CZONE : ZONE;
    }
  }

  /** A line of the graph (a split, a join, a shortcut), as a polyline; an arrow ends at its last point. */
  record Line(double[] xs, double[] ys, boolean arrow, String label) {}

  /** The background of an opened block. */
  record Frame(String path, LayerSpec block, double x, double y, double w, double h) {}

  /** A laid-out part of a drawing, coordinates relative to its top-left until it is placed. */
  static final class Piece {
    final List<Item> items = new ArrayList<>();
    final List<Line> lines = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    double w;
    double h;
    boolean classifier;

    /** Puts another piece into this one with its top-left at (dx, dy). */
    void add(Piece p, double dx, double dy) {
      for (Item i : p.items) {
        i.x += dx;
        i.y += dy;
        items.add(i);
      }
      for (Line l : p.lines) {
        double[] xs = l.xs().clone();
        double[] ys = l.ys().clone();
        for (int k = 0; k < xs.length; k++) {
          xs[k] += dx;
          ys[k] += dy;
        }
        lines.add(new Line(xs, ys, l.arrow(), l.label()));
      }
      for (Frame f : p.frames) {
        frames.add(new Frame(f.path(), f.block(), f.x() + dx, f.y() + dy, f.w(), f.h()));
      }
      w = Math.max(w, dx + p.w);
      h = Math.max(h, dy + p.h);
    }

    static Piece of(Item i) {
      Piece p = new Piece();
      p.items.add(i);
      p.w = i.w;
      p.h = i.h;
      return p;
    }

    void line(boolean arrow, String label, double... xy) {
      double[] xs = new double[xy.length / 2];
      double[] ys = new double[xy.length / 2];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = xy[2 * k];
        ys[k] = xy[2 * k + 1];
      }
      lines.add(new Line(xs, ys, arrow, label));
    }
  }

  private final Summary summary;
  private final Predicate<String> collapsed;
  private final String broken;

  private DiagramLayout(Summary summary, Predicate<String> collapsed) {
    this.summary = summary;
    this.collapsed = collapsed;
    this.broken = summary.error().map(e -> e.layer()).orElse("");
  }

  /**
   * One network's parts from the input down, each marked as in the convolutional part or the
   * classifier (from the first top-level Flatten on), so two columns can share the bands.
   */
  static List<Piece> parts(Summary s, Predicate<String> collapsed) {
    DiagramLayout l = new DiagramLayout(s, collapsed);
    List<Piece> out = new ArrayList<>();
    out.add(Piece.of(new Item(Kind.INPUT, "input", false, W, SLOT)));
    out.addAll(l.sequence(s.spec().layers(), "", false, true));
    return out;
  }

  /** Whether a leaf only changes values, not the shape: drawn as a tag on the slot before it. */
  static boolean passThrough(LayerSpec l) {
    return l instanceof LayerSpec.Activation || l instanceof LayerSpec.Dropout || l instanceof LayerSpec.BatchNorm;
  }

  static String tag(LayerSpec l) {
    return l instanceof LayerSpec.Dropout ? "Dropout" : l.type();
  }

  /** The parts of a list of layers, in order; shape-preserving layers join the slot before them. */
  private List<Piece> sequence(List<LayerSpec> layers, String prefix, boolean compact, boolean top) {
    List<Piece> out = new ArrayList<>();
    Item prev = null;
    boolean classifier = false;
    for (LayerSpec l : layers) {
      String path = prefix + l.name();
      classifier |= top && l instanceof LayerSpec.Flatten;
      if (!l.composite() && passThrough(l) && prev != null && !path.equals(broken)) {
        prev.members.add(path);
        prev.tags.add(tag(l));
        continue;
      }
      Piece p;
      if (l.composite()) {
        p = block(l, path, compact);
        prev = null;
      } else {
        prev = new Item(Kind.LAYER, path, compact, compact ? CW : W, SLOT);
        p = Piece.of(prev);
      }
      p.classifier = classifier;
      out.add(p);
      if (top && l.composite() && Graph.leaves(List.of(l)).stream().anyMatch(LayerSpec.Flatten.class::isInstance)) {
        classifier = true;
      }
    }
    return out;
  }

  private static Piece stack(List<Piece> parts) {
    Piece p = new Piece();
    for (Piece part : parts) {
      p.add(part, 0, p.h);
    }
    return p;
  }

  private Piece block(LayerSpec l, String path, boolean compact) {
    double slotW = compact ? CW : W;
    if (collapsed.test(path)) {
      return Piece.of(new Item(Kind.BOX, path, compact, slotW, SLOT));
    }
    Piece p = new Piece();
    Item head = new Item(Kind.HEAD, path, compact, slotW, HEAD);
    p.items.add(head);
    p.h = HEAD;
    if (l instanceof LayerSpec.Concat c) {
      concat(p, c, path, compact);
    } else if (l instanceof LayerSpec.Residual r) {
      residual(p, r, path, compact);
    } else {
      p.add(stack(sequence(Graph.children(l), path + "/", compact, false)), IND, HEAD);
    }
    p.w = Math.max(p.w, slotW);
    p.h += BOTTOM;
    head.w = p.w;
    p.frames.add(0, new Frame(path, l, 0, 0, p.w, p.h));
    return p;
  }

  /** The paths side by side under one split line, joined into the concat slot. */
  private void concat(Piece p, LayerSpec.Concat c, String path, boolean compact) {
    double top = HEAD + GAP;
    double x = IND;
    List<double[]> ends = new ArrayList<>();
    for (LayerSpec part : c.paths()) {
      Piece pp = part.composite() ? block(part, path + "/" + part.name(), true)
          : stack(sequence(List.of(part), path + "/", true, false));
      p.add(pp, x, top);
      ends.add(new double[] {x + (part.composite() ? pp.w / 2 : CZONE / 2), top + pp.h});
      x += pp.w + PATH_GAP;
    }
    double joinY = p.h + GAP;
    Item join = new Item(Kind.JOIN, path + "/concat", compact, compact ? CW : W, SLOT);
    p.add(Piece.of(join), IND, joinY);
    double first = ends.get(0)[0];
    double last = ends.get(ends.size() - 1)[0];
    double split = HEAD + GAP / 2;
    double joinX = IND + join.zone() / 2;
    p.line(false, null, joinX, HEAD, joinX, split);
    p.line(false, null, Math.min(first, joinX), split, Math.max(last, joinX), split);
    double bus = joinY - GAP / 2;
    for (double[] e : ends) {
      p.line(true, null, e[0], split, e[0], top);
      p.line(false, null, e[0], e[1], e[0], bus);
    }
    p.line(false, null, Math.min(first, joinX), bus, Math.max(last, joinX), bus);
    p.line(true, null, joinX, bus, joinX, joinY);
  }

  /** The main path with the shortcut in a lane beside it, both ending in the add slot. */
  private void residual(Piece p, LayerSpec.Residual r, String path, boolean compact) {
    double top = HEAD + GAP;
    Piece main = stack(sequence(r.main(), path + "/", compact, false));
    p.add(main, IND, top);
    double laneX = IND + main.w + LANE_GAP;
    LayerSpec sc = r.shortcut();
    boolean identity = sc instanceof LayerSpec.Identity;
    double joinY = top + Math.max(main.h, SLOT) + GAP;
    Item join = new Item(Kind.JOIN, path + "/add", compact, compact ? CW : W, SLOT);
    if (r.after() != null) {
      String after = path + "/" + r.after().label().toLowerCase();
      join.members.add(after);
      join.tags.add(r.after().label());
    }
    p.add(Piece.of(join), IND, joinY);
    double mainX = IND + (compact ? CZONE : ZONE) / 2;
    double start = HEAD + GAP / 2;
    double enter = joinY + SLOT / 2;
    p.line(true, null, mainX, HEAD, mainX, top);
    p.line(true, null, mainX, top + main.h, mainX, joinY);
    if (identity) {
      double laneMid = laneX + 10;
      p.line(false, "identity", mainX, start, laneMid, start, laneMid, enter);
      p.line(true, null, laneMid, enter, IND + join.w, enter);
      p.w = Math.max(p.w, laneX + ID_LANE);
    } else {
      Piece shortcut = stack(sequence(List.of(sc), path + "/", true, false));
      double scY = top + Math.max(0, (main.h - SLOT) / 2);
      p.add(shortcut, laneX, scY);
      double laneMid = laneX + CZONE / 2;
      p.line(true, null, mainX, start, laneMid, start, laneMid, scY + 4);
      p.line(false, null, laneMid, scY + SLOT - 4, laneMid, enter);
      p.line(true, null, laneMid, enter, IND + join.w, enter);
    }
  }

  // ---- what the painter needs to know about an item ------------------------------------------

  /** The item's own layer (a leaf for LAYER, the block for BOX and HEAD), or null. */
  LayerSpec spec(Item i) {
    return summary.spec().find(i.path).orElse(null);
  }

  static LayerRow row(Summary s, Item i) {
    return s.row(i.path).orElse(null);
  }

  static BlockRow blockRow(Summary s, Item i) {
    return s.block(i.path).orElse(null);
  }
}
