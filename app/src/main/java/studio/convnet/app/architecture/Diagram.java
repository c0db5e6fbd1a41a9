package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import studio.convnet.app.architecture.ArchitectureViewModel.Column;
import studio.convnet.app.architecture.ArchitectureViewModel.Selection;
import studio.convnet.app.architecture.ArchitectureViewModel.Side;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/**
 * Draws two networks side by side as stacks of blocks, in the manner of d2l's LeNet-vs-AlexNet figure,
 * aligned by stage: the convolutional parts share one band, the dense parts start on the same line.
 *
 * <p>A block of output C×H×W is a box whose front width grows with W, whose height grows with C and
 * whose depth grows with H, all log-scaled so LeNet's 6×28×28 and AlexNet's 96×54×54 both read; a flat
 * output of N units is a thin bar whose width grows with N. Activations, dropout and batch norm change
 * no shape and are drawn as tags on the block before them. Colours and fonts are fixed in code, not in
 * CSS, so the drawing is the same under any theme (and in the golden-image test). It is painted on
 * one Canvas: a redraw is a millisecond or two, where ~250 shape and text nodes cost tens of
 * milliseconds of CSS and layout in the software pipeline.
 */
public final class Diagram {

  static final double COL_W = 372;
  static final double ZONE = 124;
  static final double SLOT = 42;
  static final double HEADER = 50;
  static final double BAND = 20;
  static final double PAD = 10;

  private static final Font NAME = Font.font("DejaVu Sans", FontWeight.BOLD, 11);
  private static final Font PLAIN = Font.font("DejaVu Sans", 11);
  private static final Font MONO = Font.font("DejaVu Sans Mono", FontWeight.BOLD, 11);
  private static final Font TITLE = Font.font("DejaVu Sans", FontWeight.BOLD, 14);
  private static final Color INK = Color.web("#1f2328");
  private static final Color MUTED = Color.web("#59636e");
  private static final Color DANGER = Color.web("#cf222e");
  private static final Color ASK = Color.web("#0969da");

  /** What the diagram shows besides the two summaries. */
  public interface Hints {
    boolean hidden(Side side, String layer, Column column);

    default boolean answeredRight(Side side, String layer, Column column) {
      return false;
    }

    Hints NONE = (s, l, c) -> false;
  }

  /** One drawn block: a shape-changing layer with the shape-preserving layers that follow it. */
  record Block(String layer, List<String> members, LayerSpec spec, LayerRow row, boolean broken,
      boolean classifier, List<String> tags) {}

  private Diagram() {}

  /** The blocks of one network: the input, then one per shape-changing layer. */
  static List<Block> blocks(Summary s) {
    List<Block> out = new ArrayList<>();
    int[] in = {s.spec().inputChannels(), s.inputSize(), s.inputSize()};
    LayerRow input = new LayerRow("input", "Input", "", "features", in, in, 0, 0, 0, "");
    out.add(new Block("input", new ArrayList<>(List.of("input")), null, s.inputSize() >= 1 ? input : null,
        false, false, new ArrayList<>()));
    boolean classifier = false;
    String broken = s.error().map(ShapeInference.ShapeError::layer).orElse("");
    for (LayerSpec l : s.spec().leaves()) {
      classifier |= l instanceof LayerSpec.Flatten;
      LayerRow row = s.row(l.name()).orElse(null);
      boolean passThrough = l instanceof LayerSpec.Activation || l instanceof LayerSpec.Dropout
          || l instanceof LayerSpec.BatchNorm;
      if (passThrough && out.size() > 1 && !l.name().equals(broken)) {
        Block prev = out.get(out.size() - 1);
        prev.members().add(l.name());
        prev.tags().add(l instanceof LayerSpec.Dropout ? "Dropout" : l.type());
      } else {
        out.add(new Block(l.name(), new ArrayList<>(List.of(l.name())), l, row, l.name().equals(broken),
            classifier, new ArrayList<>()));
      }
    }
    return out;
  }

  private static int featureCount(List<Block> blocks) {
    return (int) blocks.stream().filter(b -> !b.classifier()).count();
  }

  /** Width and height of the drawing for two summaries. */
  static double[] size(Summary left, Summary right) {
    List<Block> a = blocks(left);
    List<Block> b = blocks(right);
    int features = Math.max(featureCount(a), featureCount(b));
    int dense = Math.max(a.size() - featureCount(a), b.size() - featureCount(b));
    return new double[] {2 * COL_W + 3 * PAD, HEADER + 2 * BAND + (features + dense) * SLOT + PAD};
  }

  /**
   * What was drawn, for clicks and tests: the text of every label by id ("shape-alexnet-conv1",
   * "params-alexnet-conv1", "diagram-totals-alexnet") and the area of every block by id
   * ("block-alexnet-conv1") with the selection a click there makes.
   */
  public record Drawing(double width, double height, Map<String, String> texts, Map<String, Hit> hits,
      Optional<String> selectedBlock) {
    /** The block under a point, if any. */
    public Optional<Selection> at(double x, double y) {
      return hits.values().stream().filter(h -> h.area().contains(x, y)).map(Hit::selection).findFirst();
    }
  }

  public record Hit(Rectangle2D area, Selection selection) {}

  /** Resizes the canvas to the drawing and paints it (about a millisecond; one node, no CSS). */
  public static Drawing draw(Canvas canvas, Summary left, Summary right, Selection selected, Hints hints) {
    double[] wh = size(left, right);
    canvas.setWidth(wh[0]);
    canvas.setHeight(wh[1]);
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setLineDashes();
    g.setLineWidth(1);
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, wh[0], wh[1]);
    List<Block> a = blocks(left);
    List<Block> b = blocks(right);
    Optional<String> selectedBlock = Optional.ofNullable(selected).flatMap(sel -> {
      Summary s = sel.side() == Side.LEFT ? left : right;
      return (sel.side() == Side.LEFT ? a : b).stream().filter(k -> k.members().contains(sel.layer()))
          .map(k -> "block-" + s.spec().id() + "-" + k.layer()).findFirst();
    });
    Drawing d = new Drawing(wh[0], wh[1], new LinkedHashMap<>(), new LinkedHashMap<>(), selectedBlock);
    int features = Math.max(featureCount(a), featureCount(b));
    double featuresTop = HEADER + BAND;
    double denseTop = featuresTop + features * SLOT + BAND;
    band(g, HEADER, features * SLOT + BAND, wh[0], "convolutional part", Color.web("#f1f5fb"));
    band(g, denseTop - BAND, wh[1] - (denseTop - BAND) - PAD / 2, wh[0], "dense part", Color.web("#f2f8f0"));

    column(g, d, PAD, left, a, Side.LEFT, featuresTop, denseTop, selected, hints);
    column(g, d, 2 * PAD + COL_W, right, b, Side.RIGHT, featuresTop, denseTop, selected, hints);
    return d;
  }

  private static void band(GraphicsContext g, double y, double h, double w, String label, Color fill) {
    g.setFill(fill);
    g.fillRoundRect(PAD / 2, y, w - PAD, h, 10, 10);
    text(g, null, null, label, Font.font("DejaVu Sans", FontWeight.BOLD, 10), MUTED, PAD + 2, y + 14);
  }

  private static void column(GraphicsContext g, Drawing d, double x, Summary s, List<Block> blocks, Side side,
      double featuresTop, double denseTop, Selection selected, Hints hints) {
    String id = s.spec().id();
    text(g, null, null, s.spec().title(), TITLE, INK, x + 4, 20);
    String input = s.spec().inputChannels() + "×" + s.inputSize() + "×" + s.inputSize() + " in · ";
    String totals = s.ok()
        ? input + Summaries.num(s.totalParams()) + " params · " + Summaries.num(s.totalMacs()) + " MACs"
        : input + "✗ broken at " + s.error().get().layer();
    text(g, d, "diagram-totals-" + id, totals, PLAIN, s.ok() ? MUTED : DANGER, x + 4, 38);

    int f = 0;
    int n = 0;
    boolean afterBreak = false;
    for (Block blk : blocks) {
      double y = blk.classifier() ? denseTop + SLOT * n++ : featuresTop + SLOT * f++;
      boolean isSelected = selected != null && selected.side() == side && blk.members().contains(selected.layer());
      block(g, d, x, y, s, side, blk, afterBreak, isSelected, hints);
      afterBreak |= blk.broken();
    }
  }

  private static void block(GraphicsContext g, Drawing d, double x, double y, Summary s, Side side, Block blk,
      boolean ghost, boolean selected, Hints hints) {
    String id = s.spec().id();
    d.hits().put("block-" + id + "-" + blk.layer(),
        new Hit(new Rectangle2D(x, y + 1, COL_W, SLOT - 2), new Selection(side, blk.layer())));
    if (selected) {
      g.setFill(Color.web("#fff1b8"));
      g.fillRoundRect(x, y + 1, COL_W, SLOT - 2, 8, 8);
      g.setStroke(Color.web("#d4a72c"));
      g.strokeRoundRect(x + 0.5, y + 1.5, COL_W - 1, SLOT - 3, 8, 8);
    }

    LayerRow row = blk.row();
    boolean shapeHidden = row != null && hints.hidden(side, blk.layer(), Column.SHAPE);
    double cx = x + ZONE / 2;
    double bottom = y + SLOT - 6;
    if (blk.broken() || ghost || row == null) {
      g.setFill(blk.broken() ? Color.web("#ffebe9") : Color.TRANSPARENT);
      g.fillRect(cx - 30, bottom - 16, 60, 16);
      g.setStroke(blk.broken() ? DANGER : Color.web("#afb8c1"));
      g.setLineDashes(4, 3);
      g.strokeRect(cx - 29.5, bottom - 15.5, 59, 15);
      g.setLineDashes();
    } else if (shapeHidden) {
      g.setFill(Color.web("#ddf4ff"));
      g.fillRect(cx - 30, bottom - 18, 60, 18);
      g.setStroke(ASK);
      g.strokeRect(cx - 29.5, bottom - 17.5, 59, 17);
      text(g, null, null, "?", NAME, ASK, cx - 3, bottom - 5);
    } else {
      cuboid(g, cx, bottom, row.outShape(), color(blk, false), selected);
    }

    double lx = x + ZONE + 4;
    String label = blk.spec() == null ? "input" : blk.layer() + "  " + caption(blk);
    if (!blk.tags().isEmpty()) {
      label += " · " + String.join(" · ", blk.tags());
    }
    text(g, d, "label-" + id + "-" + blk.layer(), label, NAME, ghost ? MUTED : INK, lx, y + 17,
        COL_W - ZONE - 8);

    String shapeId = "shape-" + id + "-" + blk.layer();
    if (blk.broken()) {
      text(g, d, shapeId, "✗ empty output", MONO, DANGER, lx, y + 33);
      text(g, null, null, shortReason(blk, s), PLAIN, DANGER, lx + 104, y + 33);
    } else if (ghost || row == null) {
      text(g, d, shapeId, "—", MONO, MUTED, lx, y + 33);
    } else if (shapeHidden) {
      text(g, d, shapeId, "?", MONO, ASK, lx, y + 33);
    } else {
      String mark = hints.answeredRight(side, blk.layer(), Column.SHAPE) ? " ✓" : "";
      text(g, d, shapeId, row.outShapeText() + mark, MONO, INK, lx, y + 33);
    }

    if (row != null && !ghost && !blk.broken() && row.params() > 0) {
      boolean hidden = hints.hidden(side, blk.layer(), Column.PARAMS);
      String mark = hints.answeredRight(side, blk.layer(), Column.PARAMS) ? " ✓" : "";
      text(g, d, "params-" + id + "-" + blk.layer(),
          (hidden ? "?" : Summaries.num(row.params())) + mark + " params", PLAIN, hidden ? ASK : MUTED,
          lx + 104, y + 33);
    }
  }

  private static String shortReason(Block blk, Summary s) {
    LayerSpec l = blk.spec();
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

  /** The block's hyper-parameters as the book's figure writes them: "11×11 Conv (96), s4, p1". */
  static String caption(Block blk) {
    LayerSpec l = blk.spec();
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

  private static Color color(Block blk, boolean ghost) {
    LayerSpec l = blk.spec();
    if (ghost) {
      return Color.web("#d0d7de");
    } else if (l instanceof LayerSpec.Conv) {
      return Color.web("#4a7fd0");
    } else if (l instanceof LayerSpec.Pool) {
      return Color.web("#e0a030");
    } else if (l instanceof LayerSpec.Dense) {
      return Color.web("#3f9f5b");
    }
    return Color.web("#8c959f");
  }

  private static double lg(double v) {
    return Math.log(v + 1) / Math.log(2);
  }

  /** A box: front width from W, height from C, depth from H; a flat vector is a thin bar. */
  private static void cuboid(GraphicsContext g, double cx, double bottom, int[] shape, Color base, boolean selected) {
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
    fw = Math.min(fw, ZONE - 16);
    double scale = Math.min(1, (SLOT - 8) / (fh + dp));
    fh *= scale;
    dp *= scale;
    double left = Math.round(cx - (fw + dp) / 2) + 0.5;
    double top = Math.round(bottom - fh) + 0.5;
    double bot = Math.round(bottom) + 0.5;
    fw = Math.round(fw);
    g.setStroke(selected ? INK : base.darker());
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

  private static void text(GraphicsContext g, Drawing d, String id, String s, Font font, Color fill,
      double x, double y) {
    text(g, d, id, s, font, fill, x, y, 0);
  }

  /** Draws a text; with a maxWidth > 0 a longer text is squeezed to fit its column. */
  private static void text(GraphicsContext g, Drawing d, String id, String s, Font font, Color fill,
      double x, double y, double maxWidth) {
    g.setFont(font);
    g.setFill(fill);
    if (maxWidth > 0) {
      g.fillText(s, x, y, maxWidth);
    } else {
      g.fillText(s, x, y);
    }
    if (d != null && id != null) {
      d.texts().put(id, s);
    }
  }
}
