package studio.convnet.app.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
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
 * CSS, so the drawing is the same under any theme (and in the golden-image test).
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

  /** Builds the drawing; a click on a block reports the block's layer. */
  public static Pane build(Summary left, Summary right, Selection selected, Hints hints,
      Consumer<Selection> onClick) {
    Pane pane = new Pane();
    pane.setId("diagram");
    double[] wh = size(left, right);
    pane.setMinSize(wh[0], wh[1]);
    pane.setPrefSize(wh[0], wh[1]);
    pane.setMaxSize(wh[0], wh[1]);
    Rectangle bg = new Rectangle(wh[0], wh[1], Color.WHITE);
    pane.getChildren().add(bg);

    List<Block> a = blocks(left);
    List<Block> b = blocks(right);
    int features = Math.max(featureCount(a), featureCount(b));
    double featuresTop = HEADER + BAND;
    double denseTop = featuresTop + features * SLOT + BAND;
    band(pane, HEADER, features * SLOT + BAND, wh[0], "convolutional part", Color.web("#f1f5fb"));
    band(pane, denseTop - BAND, wh[1] - (denseTop - BAND) - PAD / 2, wh[0], "dense part",
        Color.web("#f2f8f0"));

    column(pane, PAD, left, a, Side.LEFT, featuresTop, denseTop, selected, hints, onClick);
    column(pane, 2 * PAD + COL_W, right, b, Side.RIGHT, featuresTop, denseTop, selected, hints, onClick);
    return pane;
  }

  private static void band(Pane pane, double y, double h, double w, String label, Color fill) {
    Rectangle r = new Rectangle(PAD / 2, y, w - PAD, h);
    r.setFill(fill);
    r.setArcWidth(10);
    r.setArcHeight(10);
    Text t = text(label, PLAIN, MUTED, PAD + 2, y + 14);
    t.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, 10));
    pane.getChildren().addAll(r, t);
  }

  private static void column(Pane pane, double x, Summary s, List<Block> blocks, Side side,
      double featuresTop, double denseTop, Selection selected, Hints hints, Consumer<Selection> onClick) {
    String id = s.spec().id();
    pane.getChildren().add(text(s.spec().title(), TITLE, INK, x + 4, 20));
    String totals = s.spec().inputChannels() + "×" + s.inputSize() + "×" + s.inputSize() + " in · "
        + Summaries.num(s.totalParams()) + " params · " + Summaries.num(s.totalMacs()) + " MACs"
        + (s.ok() ? "" : " (up to the break)");
    Text t = text(totals, PLAIN, s.ok() ? MUTED : DANGER, x + 4, 38);
    t.setId("diagram-totals-" + id);
    pane.getChildren().add(t);

    int f = 0;
    int d = 0;
    boolean afterBreak = false;
    for (Block blk : blocks) {
      double y = blk.classifier() ? denseTop + SLOT * d++ : featuresTop + SLOT * f++;
      boolean isSelected = selected != null && selected.side() == side && blk.members().contains(selected.layer());
      block(pane, x, y, s, side, blk, afterBreak, isSelected, hints, onClick);
      afterBreak |= blk.broken();
    }
  }

  private static void block(Pane pane, double x, double y, Summary s, Side side, Block blk,
      boolean ghost, boolean selected, Hints hints, Consumer<Selection> onClick) {
    String id = s.spec().id();
    Rectangle hit = new Rectangle(x, y + 1, COL_W, SLOT - 2);
    hit.setId("block-" + id + "-" + blk.layer());
    hit.setArcWidth(8);
    hit.setArcHeight(8);
    hit.setFill(selected ? Color.web("#fff1b8") : Color.TRANSPARENT);
    hit.setStroke(selected ? Color.web("#d4a72c") : null);
    pane.getChildren().add(hit);

    LayerRow row = blk.row();
    boolean shapeHidden = row != null && hints.hidden(side, blk.layer(), Column.SHAPE);
    Color base = color(blk, ghost);
    double cx = x + ZONE / 2;
    double bottom = y + SLOT - 6;
    if (blk.broken() || ghost || row == null) {
      Rectangle r = new Rectangle(cx - 30, bottom - 16, 60, 16);
      r.setFill(blk.broken() ? Color.web("#ffebe9") : Color.TRANSPARENT);
      r.setStroke(blk.broken() ? DANGER : Color.web("#afb8c1"));
      r.getStrokeDashArray().setAll(4.0, 3.0);
      pane.getChildren().add(r);
    } else if (shapeHidden) {
      Rectangle r = new Rectangle(cx - 30, bottom - 18, 60, 18);
      r.setFill(Color.web("#ddf4ff"));
      r.setStroke(ASK);
      pane.getChildren().addAll(r, text("?", NAME, ASK, cx - 3, bottom - 5));
    } else {
      cuboid(pane, cx, bottom, row.outShape(), base, selected);
    }

    double lx = x + ZONE + 4;
    String label = blk.spec() == null ? "input" : blk.layer() + "  " + caption(blk);
    if (!blk.tags().isEmpty()) {
      label += " · " + String.join(" · ", blk.tags());
    }
    pane.getChildren().add(text(label, NAME, ghost ? MUTED : INK, lx, y + 17));

    Text shape;
    if (blk.broken()) {
      shape = text("✗ empty output", MONO, DANGER, lx, y + 33);
    } else if (ghost || row == null) {
      shape = text("—", MONO, MUTED, lx, y + 33);
    } else if (shapeHidden) {
      shape = text("?", MONO, ASK, lx, y + 33);
    } else {
      String mark = hints.answeredRight(side, blk.layer(), Column.SHAPE) ? " ✓" : "";
      shape = text(row.outShapeText() + mark, MONO, INK, lx, y + 33);
    }
    shape.setId("shape-" + id + "-" + blk.layer());
    pane.getChildren().add(shape);

    if (row != null && !ghost && !blk.broken() && row.params() > 0) {
      boolean hidden = hints.hidden(side, blk.layer(), Column.PARAMS);
      String mark = hints.answeredRight(side, blk.layer(), Column.PARAMS) ? " ✓" : "";
      Text p = text((hidden ? "?" : Summaries.num(row.params())) + mark + " params", PLAIN,
          hidden ? ASK : MUTED, lx + 110, y + 33);
      p.setId("params-" + id + "-" + blk.layer());
      pane.getChildren().add(p);
    }
    if (blk.broken()) {
      Text why = text(shortReason(blk, s), PLAIN, DANGER, lx + 104, y + 33);
      pane.getChildren().add(why);
    }
    if (onClick != null) {
      Selection sel = new Selection(side, blk.layer());
      pane.getChildren().subList(pane.getChildren().indexOf(hit), pane.getChildren().size())
          .forEach(n -> n.setOnMouseClicked(e -> onClick.accept(sel)));
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
  private static void cuboid(Pane pane, double cx, double bottom, int[] shape, Color base, boolean selected) {
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
    double left = cx - (fw + dp) / 2;
    double top = bottom - fh;
    Color stroke = selected ? INK : base.darker();
    Rectangle front = new Rectangle(left, top, fw, fh);
    front.setFill(base);
    front.setStroke(stroke);
    pane.getChildren().add(front);
    if (dp > 0.5) {
      Polygon lid = new Polygon(left, top, left + dp, top - dp, left + fw + dp, top - dp, left + fw, top);
      lid.setFill(base.interpolate(Color.WHITE, 0.45));
      lid.setStroke(stroke);
      Polygon side = new Polygon(left + fw, top, left + fw + dp, top - dp, left + fw + dp, bottom - dp,
          left + fw, bottom);
      side.setFill(base.darker());
      side.setStroke(stroke);
      pane.getChildren().addAll(lid, side);
    }
  }

  private static Text text(String s, Font font, Color fill, double x, double y) {
    Text t = new Text(x, y, s);
    t.setFont(font);
    t.setFill(fill);
    return t;
  }
}
