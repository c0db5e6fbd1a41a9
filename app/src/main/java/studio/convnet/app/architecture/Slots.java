package studio.convnet.app.architecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import studio.convnet.app.architecture.DiagramLayout.Item;
import studio.convnet.app.architecture.DiagramLayout.Kind;
import studio.convnet.engine.arch.Graph;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.BlockRow;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/**
 * Paints one slot of the diagram: a layer, a folded block, an opened block's heading or a join (a
 * concat, an add). A slot's output C×H×W is a box whose front width grows with W, whose height grows
 * with C and whose depth grows with H, all log-scaled so LeNet's 6×28×28 and AlexNet's 96×54×54 both
 * read; a flat output of N units is a thin bar. Records every label and clickable area it draws.
 */
final class Slots {

  static final Font NAME = Font.font("DejaVu Sans", FontWeight.BOLD, 11);
  static final Font PLAIN = Font.font("DejaVu Sans", 11);
  static final Font SMALL = Font.font("DejaVu Sans", 10);
  static final Font SMALL_BOLD = Font.font("DejaVu Sans", FontWeight.BOLD, 10);
  static final Font MONO = Font.font("DejaVu Sans Mono", FontWeight.BOLD, 11);
  static final Font MONO_SMALL = Font.font("DejaVu Sans Mono", FontWeight.BOLD, 10);

  private final GraphicsContext g;
  private final DiagramColours c;
  private final Map<String, String> texts;
  private final Map<String, Rectangle2D> labels;
  private final Map<String, DiagramHit> hits;
  private final Selection selected;
  private final DiagramHints hints;
  private String selectedBlock;

  Slots(GraphicsContext g, DiagramColours c, Map<String, String> texts, Map<String, Rectangle2D> labels, Map<String, DiagramHit> hits,
      Selection selected, DiagramHints hints) {
    this.g = g;
    this.c = c;
    this.texts = texts;
    this.labels = labels;
    this.hits = hits;
    this.selected = selected;
    this.hints = hints;
  }

  DiagramColours colours() {
    return c;
  }

  Map<String, String> texts() {
    return texts;
  }

  Map<String, Rectangle2D> labels() {
    return labels;
  }

  Map<String, DiagramHit> hits() {
    return hits;
  }

  Optional<String> selectedBlock() {
    return Optional.ofNullable(selectedBlock);
  }

  /** What a slot shows: its output shape (null when not computed) and parameters. */
  private record Values(int[] shape, long params) {}

  private static Values values(Summary s, Item i) {
    if (i.kind == Kind.INPUT) {
      return new Values(s.inputSize() >= 1 ? new int[] {s.spec().inputChannels(), s.inputSize(), s.inputSize()}
          : null, 0);
    } else if (i.kind == Kind.BOX || i.kind == Kind.HEAD) {
      Optional<BlockRow> b = s.block(i.path);
      return new Values(b.map(BlockRow::outShape).orElse(null), b.map(BlockRow::params).orElse(0L));
    }
    Optional<LayerRow> r = s.row(i.path);
    return new Values(r.map(LayerRow::outShape).orElse(null), r.map(LayerRow::params).orElse(0L));
  }

  /** Whether this slot is where the network broke (a layer, or a block whose join failed or that holds it). */
  private static boolean broken(Summary s, Item i) {
    String b = s.error().map(ShapeInference.ShapeError::layer).orElse(null);
    if (b == null) {
      return false;
    } else if (i.kind == Kind.JOIN) {
      return i.path.startsWith(b + "/") && i.path.indexOf('/', b.length() + 1) < 0;
    } else if (i.kind == Kind.BOX) {
      return b.equals(i.path) || b.startsWith(i.path + "/");
    }
    return i.kind == Kind.LAYER && b.equals(i.path);
  }

  private boolean isSelected(Side side, Item i) {
    if (selected == null || selected.side() != side) {
      return false;
    }
    String p = selected.layer();
    return i.members.contains(p) || (i.kind == Kind.BOX && p.startsWith(i.path + "/"));
  }

  void paint(Summary s, Side side, Item i) {
    String id = s.spec().id();
    boolean sel = isSelected(side, i);
    String hitId = (i.kind == Kind.HEAD ? "head-" : "block-") + id + "-" + i.path;
    hits.put(hitId, new DiagramHit(new Rectangle2D(i.x, i.y + 1, i.w, i.h - 2), new Selection(side, i.path), false));
    if (i.kind == Kind.BOX || i.kind == Kind.HEAD) {
      hits.put("toggle-" + id + "-" + i.path,
          new DiagramHit(new Rectangle2D(i.x, i.y + 1, 18, i.h - 2), new Selection(side, i.path), true));
    }
    if (sel) {
      selectedBlock = hitId;
      g.setFill(c.selectedFill());
      g.fillRoundRect(i.x, i.y + 1, i.w, i.h - 2, 8, 8);
      g.setStroke(c.selectedStroke());
      g.strokeRoundRect(i.x + 0.5, i.y + 1.5, i.w - 1, i.h - 3, 8, 8);
    }
    if (i.kind == Kind.HEAD) {
      heading(s, side, i);
      return;
    }
    Values v = values(s, i);
    boolean broken = broken(s, i);
    boolean ghost = v.shape() == null && !broken;
    boolean shapeHidden = v.shape() != null && hints.hidden(side, i.path, Column.SHAPE);
    if (i.kind == Kind.BOX) {
      boxOutline(i, broken);
    }
    double cx = i.x + i.zone() / 2;
    double bottom = i.y + i.h - 6;
    if (broken || ghost) {
      g.setFill(broken ? c.brokenFill() : Color.TRANSPARENT);
      g.fillRect(cx - 30, bottom - 16, 60, 16);
      g.setStroke(broken ? c.danger() : c.slotStroke());
      g.setLineDashes(4, 3);
      g.strokeRect(cx - 29.5, bottom - 15.5, 59, 15);
      g.setLineDashes();
    } else if (shapeHidden) {
      g.setFill(c.askFill());
      g.fillRect(cx - 18, bottom - 18, 36, 18);
      g.setStroke(c.ask());
      g.strokeRect(cx - 17.5, bottom - 17.5, 35, 17);
      text(null, "?", NAME, c.ask(), cx - 3, bottom - 5, 0);
    } else {
      cuboid(cx, bottom, v.shape(), color(s, i), sel, i.zone());
    }
    double lx = i.x + i.zone() + 4;
    double room = i.w - i.zone() - 8;
    text("label-" + id + "-" + i.path, label(s, i), i.compact ? SMALL_BOLD : NAME, ghost ? c.muted() : c.ink(),
        lx, i.y + 17, room);

    String shapeId = "shape-" + id + "-" + i.path;
    Font mono = i.compact ? MONO_SMALL : MONO;
    if (broken) {
      text(shapeId, "✗ " + (i.kind == Kind.LAYER ? "empty output" : "broken"), mono, c.danger(), lx, i.y + 33, room);
      if (!i.compact) {
        text(null, shortReason(s, i), PLAIN, c.danger(), lx + 104, i.y + 33, room - 104);
      }
      return;
    } else if (ghost) {
      text(shapeId, "—", mono, c.muted(), lx, i.y + 33, 0);
      return;
    }
    String mark = hints.answeredRight(side, i.path, Column.SHAPE) ? " ✓" : "";
    text(shapeId, shapeHidden ? "?" : ShapeInference.shapeText(v.shape()) + mark, mono, shapeHidden ? c.ask() : c.ink(),
        lx, i.y + 33, i.compact ? room : 100);
    if (!i.compact && v.params() > 0) {
      boolean hidden = i.kind == Kind.LAYER && hints.hidden(side, i.path, Column.PARAMS);
      String pm = i.kind == Kind.LAYER && hints.answeredRight(side, i.path, Column.PARAMS) ? " ✓" : "";
      text("params-" + id + "-" + i.path, (hidden ? "?" : Summaries.num(v.params())) + pm + " params", PLAIN,
          hidden ? c.ask() : c.muted(), lx + 104, i.y + 33, room - 104);
    }
  }

  /** An opened block's heading: ▾, its name, what it is, its output and its parameters. */
  private void heading(Summary s, Side side, Item i) {
    Values v = values(s, i);
    LayerSpec l = s.spec().find(i.path).orElse(null);
    triangle(i.x + 5, i.y + i.h / 2, false);
    String out = v.shape() == null ? "—"
        : hints.hidden(side, i.path, Column.SHAPE) ? "?" : ShapeInference.shapeText(v.shape());
    String text = Summaries.shortName(i.path) + (i.compact ? "" : "  " + contents(l)) + "  → " + out
        + (i.compact || v.params() == 0 ? "" : " · " + Summaries.num(v.params()) + " params");
    text("head-" + s.spec().id() + "-" + i.path, text, i.compact ? SMALL_BOLD : NAME, c.ink(), i.x + 16,
        i.y + 15, i.w - 20);
  }

  private void boxOutline(Item i, boolean broken) {
    g.setStroke(broken ? c.danger() : c.connector());
    g.strokeRoundRect(i.x + 1.5, i.y + 2.5, i.w - 3, i.h - 5, 8, 8);
    g.strokeRoundRect(i.x + 3.5, i.y + 4.5, i.w - 7, i.h - 9, 6, 6);
    triangle(i.x + 8, i.y + i.h / 2, true);
  }

  /** ▸ (folded) or ▾ (open), centred on (x, y). */
  private void triangle(double x, double y, boolean folded) {
    g.setFill(c.ink());
    if (folded) {
      g.fillPolygon(new double[] {x - 2, x + 3, x - 2}, new double[] {y - 4, y, y + 4}, 3);
    } else {
      g.fillPolygon(new double[] {x - 4, x + 4, x}, new double[] {y - 2, y - 2, y + 3}, 3);
    }
  }

  private static String label(Summary s, Item i) {
    String name = Summaries.shortName(i.path);
    String tags = i.tags.isEmpty() ? "" : " · " + String.join(" · ", i.tags);
    if (i.kind == Kind.INPUT) {
      return "input";
    } else if (i.kind == Kind.JOIN) {
      String formula = s.row(i.path).map(LayerRow::formula).orElse("");
      return i.path.endsWith("/concat") ? "concat  " + formula.replace(" channels", "")
          : "add  main path + shortcut" + tags;
    }
    LayerSpec l = s.spec().find(i.path).orElse(null);
    if (i.kind == Kind.BOX) {
      return name + "  " + contents(l);
    }
    boolean captioned = l instanceof LayerSpec.Conv || l instanceof LayerSpec.Pool || l instanceof LayerSpec.Dense;
    return i.compact ? (captioned ? caption(l) : name + " · " + l.type()) + tags
        : name + "  " + caption(l) + tags;
  }

  /**
   * What a block holds, in a few words: "2× Inception, MaxPool", "2× Residual", "4 paths → concat",
   * "residual, 1×1 conv shortcut".
   */
  static String contents(LayerSpec l) {
    if (l instanceof LayerSpec.Concat c) {
      return c.paths().size() + " paths → concat";
    } else if (l instanceof LayerSpec.Residual r) {
      return "residual, " + (r.shortcut() instanceof LayerSpec.Identity ? "identity" : "1×1 conv") + " shortcut";
    } else if (l == null) {
      return "";
    }
    Map<String, Integer> count = new LinkedHashMap<>();
    for (LayerSpec k : Graph.children(l)) {
      String kind = k instanceof LayerSpec.Concat ? (k.name().startsWith("inception") ? "Inception" : "Concat")
          : k instanceof LayerSpec.Residual ? "Residual" : k.composite() ? "Block" : k.type();
      count.merge(kind, 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    count.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(n > 1 ? n + "× " : "").append(k));
    return b.toString();
  }

  private static String shortReason(Summary s, Item i) {
    LayerSpec l = s.spec().find(i.path).orElse(null);
    if (i.kind != Kind.LAYER) {
      return "see the message above";
    }
    int[] in = s.rows().isEmpty()
        ? new int[] {s.spec().inputChannels(), s.inputSize(), s.inputSize()}
        : s.rows().get(s.rows().size() - 1).outShape();
    int k = l instanceof LayerSpec.Conv c ? c.kernel() : l instanceof LayerSpec.Pool p ? p.window() : 0;
    if (k > 0 && in.length == 3) {
      return k + "×" + k + " window on " + in[1] + "×" + in[2];
    } else if (l instanceof LayerSpec.Dense) {
      return "needs a flat input";
    }
    return "cannot compute";
  }

  private static Color color(Summary s, Item i) {
    if (i.kind == Kind.JOIN) {
      return i.path.endsWith("/concat") ? Color.web("#8250df") : Color.web("#1b7c83");
    }
    LayerSpec l = s.spec().find(i.path).orElse(null);
    if (l instanceof LayerSpec.Conv) {
      return Color.web("#4a7fd0");
    } else if (l instanceof LayerSpec.Pool || l instanceof LayerSpec.GlobalAvgPool) {
      return Color.web("#e0a030");
    } else if (l instanceof LayerSpec.Dense) {
      return Color.web("#3f9f5b");
    } else if (l instanceof LayerSpec.Concat) {
      return Color.web("#8250df");
    } else if (l instanceof LayerSpec.Residual) {
      return Color.web("#1b7c83");
    } else if (l instanceof LayerSpec.Sequence) {
      return Color.web("#57606a");
    }
    return Color.web("#8c959f");
  }

  private static double lg(double v) {
    return Math.log(v + 1) / Math.log(2);
  }

  /** A box: front width from W, height from C, depth from H; a flat vector is a thin bar. */
  private void cuboid(double cx, double bottom, int[] shape, Color base, boolean selected, double zone) {
    double fw;
    double fh;
    double dp;
    if (shape.length == 3) {
      fw = 10 + 12 * lg(shape[2]);
      fh = 4 + 2.2 * lg(shape[0]);
      dp = 1.5 * lg(shape[1]);
    } else {
      long n = 1;
      for (int v : shape) {
        n *= v;
      }
      fw = 10 + 9 * lg(n);
      fh = 7;
      dp = 0;
    }
    fw = Math.min(fw, zone - 16);
    double scale = Math.min(1, (DiagramLayout.SLOT - 8) / (fh + dp));
    fh *= scale;
    dp *= scale;
    double left = Math.round(cx - (fw + dp) / 2) + 0.5;
    double top = Math.round(bottom - fh) + 0.5;
    double bot = Math.round(bottom) + 0.5;
    fw = Math.round(fw);
    g.setStroke(selected ? c.ink() : base.darker());
    g.setFill(base);
    g.fillRect(left, top, fw, bot - top);
    g.strokeRect(left, top, fw, bot - top);
    if (dp > 0.5) {
      double[] lx = {left, left + dp, left + fw + dp, left + fw};
      double[] ly = {top, top - dp, top - dp, top};
      g.setFill(base.interpolate(Color.WHITE, 0.45));
      g.fillPolygon(lx, ly, 4);
      g.strokePolygon(lx, ly, 4);
      double[] sx = {left + fw, left + fw + dp, left + fw + dp, left + fw};
      double[] sy = {top, top - dp, bot - dp, bot};
      g.setFill(base.darker());
      g.fillPolygon(sx, sy, 4);
      g.strokePolygon(sx, sy, 4);
    }
  }

  /**
   * Draws a text; with a maxWidth > 0 a longer text is squeezed to fit its slot. Texts with an id are
   * recorded with their (estimated) area.
   */
  void text(String id, String s, Font font, Color fill, double x, double y, double maxWidth) {
    g.setFont(font);
    g.setFill(fill);
    if (maxWidth > 0) {
      g.fillText(s, x, y, maxWidth);
    } else {
      g.fillText(s, x, y);
    }
    if (id != null) {
      texts.put(id, s);
      double w = s.length() * font.getSize() * 0.62;
      labels.put(id, new Rectangle2D(x, y - font.getSize(), maxWidth > 0 ? Math.min(w, maxWidth) : w,
          font.getSize() + 2));
    }
  }

  /** The block's hyper-parameters as the book's figure writes them: "11×11 Conv (96), s4, p1". */
  private static String caption(LayerSpec l) {
    if (l == null) {
      return "Input";
    } else if (l instanceof LayerSpec.Conv c) {
      return c.kernel() + "×" + c.kernel() + " Conv (" + c.channels() + ")" + (c.stride() > 1 ? ", s" + c.stride() : "")
          + (c.padding() > 0 ? ", p" + c.padding() : "");
    } else if (l instanceof LayerSpec.Pool p) {
      return p.window() + "×" + p.window() + (p.kind() == LayerSpec.PoolKind.MAX ? " MaxPool" : " AvgPool")
          + (p.stride() > 1 ? ", s" + p.stride() : "") + (p.padding() > 0 ? ", p" + p.padding() : "");
    } else if (l instanceof LayerSpec.Dense dense) {
      return "Dense (" + dense.units() + ")";
    }
    return l.type();
  }
}
