package studio.convnet.app.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import studio.convnet.app.architecture.DiagramLayout.Frame;
import studio.convnet.app.architecture.DiagramLayout.Item;
import studio.convnet.app.architecture.DiagramLayout.Kind;
import studio.convnet.app.architecture.DiagramLayout.Line;
import studio.convnet.app.architecture.DiagramLayout.Piece;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/**
 * Draws two networks side by side, in the manner of d2l's LeNet-vs-AlexNet figure, aligned by stage:
 * the convolutional parts share one band, the dense parts start on the same line. Where each part
 * goes is {@link DiagramLayout}'s business; this class paints it ({@link Slots} paints one slot).
 *
 * <p>Fonts are fixed in code, not in CSS, and the colours come in two sets ({@link DiagramColours}): the
 * view picks the one that matches the theme, the golden-image test the light one. It is painted on one Canvas: a redraw is a millisecond or two, where
 * hundreds of shape and text nodes cost tens of milliseconds of CSS and layout in the software
 * pipeline.
 */
public final class Diagram {

  static final double COL_W = DiagramLayout.W;
  static final double HEADER = 50;
  static final double BAND = 20;
  static final double PAD = 10;

  static final Font TITLE = Font.font("DejaVu Sans", FontWeight.BOLD, 14);
  static final Font BAND_FONT = Font.font("DejaVu Sans", FontWeight.BOLD, 10);

  private Diagram() {}

  /**
   * What was drawn, for clicks and tests: the text of every label by id ("shape-alexnet-conv1",
   * "params-alexnet-conv1", "label-googlenet-b3", "head-googlenet-b3", "diagram-totals-alexnet"), the
   * area of each label, and the area of every slot by id ("block-alexnet-conv1",
   * "block-googlenet-b3/inception3a/concat") with the selection a click there makes; folded and opened
   * blocks also have a "toggle-…" area that folds or opens them.
   */
  public record Drawing(double width, double height, Map<String, String> texts, Map<String, Rectangle2D> labels,
      Map<String, DiagramHit> hits, Optional<String> selectedBlock) {
    /** The slot or heading under a point, if any. */
    public Optional<Selection> at(double x, double y) {
      return hits.values().stream().filter(h -> !h.toggle() && h.area().contains(x, y)).map(DiagramHit::selection)
          .findFirst();
    }

    /** The block whose fold marker is under a point, if any. */
    public Optional<Selection> toggleAt(double x, double y) {
      return hits.values().stream().filter(h -> h.toggle() && h.area().contains(x, y)).map(DiagramHit::selection)
          .findFirst();
    }
  }

  /** One network laid out: its parts and the heights of its two stages. */
  private record Laid(Summary summary, Side side, List<Piece> parts, double width, double features, double dense) {
    static Laid of(Summary s, Side side, DiagramHints hints) {
      List<Piece> parts = DiagramLayout.parts(s, p -> hints.collapsed(side, p));
      double w = COL_W;
      double f = 0;
      double d = 0;
      for (Piece p : parts) {
        w = Math.max(w, p.w);
        if (p.classifier) {
          d += p.h;
        } else {
          f += p.h;
        }
      }
      return new Laid(s, side, parts, w, f, d);
    }
  }

  /** Resizes the canvas to the drawing and paints it at scale 1. */
  public static Drawing draw(Canvas canvas, Summary left, Summary right, Selection selected, DiagramHints hints) {
    return draw(canvas, left, right, selected, hints, 1, DiagramColours.LIGHT);
  }

  /**
   * Resizes the canvas to the drawing times {@code zoom} and paints it (presenter mode enlarges it
   * with the fonts); the drawing's areas stay in unzoomed units.
   */
  public static Drawing draw(Canvas canvas, Summary left, Summary right, Selection selected, DiagramHints hints,
      double zoom, DiagramColours c) {
    Laid a = Laid.of(left, Side.LEFT, hints);
    Laid b = Laid.of(right, Side.RIGHT, hints);
    double features = Math.max(a.features(), b.features());
    double dense = Math.max(a.dense(), b.dense());
    double width = a.width() + b.width() + 3 * PAD;
    double height = HEADER + 2 * BAND + features + dense + PAD;
    canvas.setWidth(Math.ceil(width * zoom));
    canvas.setHeight(Math.ceil(height * zoom));
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.save();
    g.setTransform(zoom, 0, 0, zoom, 0, 0);
    g.setLineDashes();
    g.setLineWidth(1);
    g.setFill(c.background());
    g.fillRect(0, 0, width, height);
    double featuresTop = HEADER + BAND;
    double denseTop = featuresTop + features + BAND;
    band(g, c, HEADER, features + BAND, width, "convolutional part", c.featuresBand());
    band(g, c, denseTop - BAND, height - (denseTop - BAND) - PAD / 2, width, "dense part", c.denseBand());
    Slots slots = new Slots(g, c, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), selected, hints);
    column(g, slots, PAD, a, featuresTop, denseTop);
    column(g, slots, 2 * PAD + a.width(), b, featuresTop, denseTop);
    g.restore();
    return new Drawing(width, height, slots.texts(), slots.labels(), slots.hits(), slots.selectedBlock());
  }

  private static void band(GraphicsContext g, DiagramColours c, double y, double h, double w, String label,
      Color fill) {
    g.setFill(fill);
    g.fillRoundRect(PAD / 2, y, w - PAD, h, 10, 10);
    g.setFont(BAND_FONT);
    g.setFill(c.muted());
    g.fillText(label, PAD + 2, y + 14);
  }

  private static void column(GraphicsContext g, Slots slots, double x, Laid laid, double featuresTop,
      double denseTop) {
    Summary s = laid.summary();
    String id = s.spec().id();
    DiagramColours c = slots.colours();
    slots.text(null, s.spec().title(), TITLE, c.ink(), x + 4, 20, 0);
    String input = s.spec().inputChannels() + "×" + s.inputSize() + "×" + s.inputSize() + " in · ";
    String totals = s.ok()
        ? input + Summaries.num(s.totalParams()) + " params · " + Summaries.num(s.totalMacs()) + " MACs"
        : input + "✗ broken at " + s.error().get().layer();
    slots.text("diagram-totals-" + id, totals, Slots.PLAIN, s.ok() ? c.muted() : c.danger(), x + 4, 38, 0);

    Piece col = new Piece();
    double f = featuresTop;
    double d = denseTop;
    for (Piece p : laid.parts()) {
      if (p.classifier) {
        col.add(p, x, d);
        d += p.h;
      } else {
        col.add(p, x, f);
        f += p.h;
      }
    }
    for (Frame fr : col.frames) {
      frame(g, c, fr);
    }
    for (Line l : col.lines) {
      line(g, slots, l);
    }
    for (Item i : col.items) {
      slots.paint(s, laid.side(), i);
    }
  }

  private static void frame(GraphicsContext g, DiagramColours c, Frame f) {
    LayerSpec b = f.block();
    Color fill = b instanceof LayerSpec.Concat ? c.concatFill()
        : b instanceof LayerSpec.Residual ? c.residualFill() : c.blockFill();
    Color stroke = b instanceof LayerSpec.Concat ? c.concatStroke()
        : b instanceof LayerSpec.Residual ? c.residualStroke() : c.blockStroke();
    g.setFill(fill);
    g.fillRoundRect(f.x(), f.y(), f.w(), f.h(), 8, 8);
    g.setStroke(stroke);
    g.setLineWidth(1);
    g.strokeRoundRect(f.x() + 0.5, f.y() + 0.5, f.w() - 1, f.h() - 1, 8, 8);
  }

  private static void line(GraphicsContext g, Slots slots, Line l) {
    double[] xs = l.xs();
    double[] ys = l.ys();
    g.setStroke(slots.colours().edge());
    g.setLineWidth(1.4);
    g.strokePolyline(xs, ys, xs.length);
    int n = xs.length - 1;
    if (l.arrow()) {
      double angle = Math.atan2(ys[n] - ys[n - 1], xs[n] - xs[n - 1]);
      double len = 6;
      g.setFill(slots.colours().edge());
      g.fillPolygon(
          new double[] {xs[n], xs[n] - len * Math.cos(angle - 0.45), xs[n] - len * Math.cos(angle + 0.45)},
          new double[] {ys[n], ys[n] - len * Math.sin(angle - 0.45), ys[n] - len * Math.sin(angle + 0.45)}, 3);
    }
    if (l.label() != null) {
      slots.text(null, l.label(), Slots.SMALL, slots.colours().muted(), xs[n] + 5, (ys[n - 1] + ys[n]) / 2 + 4, 0);
    }
    g.setLineWidth(1);
  }
}
