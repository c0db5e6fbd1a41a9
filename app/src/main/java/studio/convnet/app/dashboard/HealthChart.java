package studio.convnet.app.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import studio.convnet.engine.events.HealthHistory.Point;
import studio.convnet.engine.events.RunEvent.Distribution;
import studio.convnet.engine.events.RunEvent.LayerStats;

/**
 * One small multiple of the Health view: one layer's records over the epoch axis, drawn on a canvas
 * (dozens of these redraw in a few milliseconds, where a JFreeChart each would take 30–60 ms). Four
 * kinds: the relative change per epoch (a line), the dead units (a step line), and the weights' or
 * the gradients' distribution as TensorBoard draws it — nested bands between percentiles (min–max,
 * 7–93 %, 16–84 %, 31–69 %) darker towards the median line. Text and colours come from the theme.
 */
final class HealthChart {

  enum Kind { CHANGE, DEAD, WEIGHTS, GRADIENTS }

  /** Theme colours and the font size the chart draws with. */
  record Look(double fontPx, Color text, Color background, Color accent) {}

  private HealthChart() {}

  /** The value drawn for one record, NaN where it has none. */
  static double value(Kind kind, Point p, Point before) {
    LayerStats s = p.stats();
    return switch (kind) {
      case CHANGE -> before == null || Double.isNaN(s.change()) || p.epochX() <= before.epochX() ? Double.NaN
          : s.change() / (p.epochX() - before.epochX());
      case DEAD -> s.deadCounted() ? s.dead() : Double.NaN;
      case WEIGHTS -> s.weights().median();
      case GRADIENTS -> s.gradients() == null ? Double.NaN : s.gradients().median();
    };
  }

  /** The short text in the chart's corner: the latest value. */
  static String latest(Kind kind, List<Point> series) {
    if (series.isEmpty()) return "";
    Point last = series.get(series.size() - 1);
    LayerStats s = last.stats();
    return switch (kind) {
      case CHANGE -> {
        double v = series.size() < 2 ? Double.NaN : value(kind, last, series.get(series.size() - 2));
        yield Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g per epoch", v);
      }
      case DEAD -> s.deadCounted() ? s.dead() + " of " + s.units() + " dead" : "not counted";
      case WEIGHTS -> median(s.weights());
      case GRADIENTS -> s.gradients() == null ? "—" : median(s.gradients());
    };
  }

  private static String median(Distribution d) {
    return String.format(Locale.ROOT, "median %.2g", d.median());
  }

  private static Distribution distribution(Kind kind, Point p) {
    return kind == Kind.WEIGHTS ? p.stats().weights() : kind == Kind.GRADIENTS ? p.stats().gradients() : null;
  }

  /** Draws {@code series} on {@code c}, x from 0 to {@code xMax} epochs. */
  static void draw(Canvas c, Kind kind, List<Point> series, double xMax, Look look) {
    GraphicsContext g = c.getGraphicsContext2D();
    double w = c.getWidth(), h = c.getHeight();
    g.setFill(look.background());
    g.fillRect(0, 0, w, h);
    double fs = look.fontPx();
    double left = 4, right = w - 4, top = fs * 1.6, bottom = h - fs * 1.3;
    if (kind == Kind.DEAD && series.stream().noneMatch(p -> p.stats().deadCounted())) {
      g.setFont(Font.font(fs));
      g.setFill(look.text());
      g.setTextBaseline(VPos.TOP);
      g.setTextAlign(TextAlignment.LEFT);
      g.fillText(series.isEmpty() ? "" : latest(kind, series), left, 1);
      g.setFill(look.text().deriveColor(0, 1, 1, 0.7));
      g.fillText("no ReLU right after this layer\n(or it sits inside a block)", left, fs * 1.8);
      return;
    }
    g.setStroke(look.text().deriveColor(0, 1, 1, 0.35));
    g.setLineWidth(1);
    g.strokeRect(left, top, right - left, bottom - top);
    g.setFont(Font.font(null, FontWeight.BOLD, fs));
    g.setFill(look.text());
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(latest(kind, series), left, 1);
    g.setFont(Font.font(fs * 0.8));
    g.setTextBaseline(VPos.BOTTOM);
    g.fillText("0", left, h);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(String.format(Locale.ROOT, "epoch %.3g", xMax), right, h);
    if (series.isEmpty() || xMax <= 0) return;

    // y range over what is drawn
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < series.size(); i++) {
      Distribution d = distribution(kind, series.get(i));
      if (d != null) {
        float[] p = d.percentiles();
        lo = Math.min(lo, p[0]);
        hi = Math.max(hi, p[p.length - 1]);
      } else {
        double v = value(kind, series.get(i), i > 0 ? series.get(i - 1) : null);
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (kind == Kind.CHANGE || kind == Kind.DEAD) {
      lo = 0;
      if (kind == Kind.DEAD && !series.isEmpty()) hi = Math.max(hi, series.get(0).stats().units());
    }
    if (!(hi >= lo)) return; // nothing to draw (no gradients yet, no ReLU)
    if (hi == lo) {
      hi = lo + Math.max(1e-12, Math.abs(lo) * 0.1 + (kind == Kind.DEAD ? 1 : 0));
    }
    double y0 = lo, y1 = hi;
    java.util.function.DoubleUnaryOperator x = v -> left + (right - left) * v / xMax;
    java.util.function.DoubleUnaryOperator y = v -> bottom - (bottom - top) * (v - y0) / (y1 - y0);
    g.setFont(Font.font(fs * 0.8));
    g.setFill(look.text());
    g.setTextAlign(TextAlignment.RIGHT);
    g.setTextBaseline(VPos.TOP);
    g.fillText(label(hi), right - 2, top + 1);
    g.setTextBaseline(VPos.BOTTOM);
    g.fillText(label(lo), right - 2, bottom - 1);
    if (lo < 0 && hi > 0 && kind != Kind.DEAD) {
      g.setStroke(look.text().deriveColor(0, 1, 1, 0.3));
      g.strokeLine(left, y.applyAsDouble(0), right, y.applyAsDouble(0));
    }

    if (kind == Kind.WEIGHTS || kind == Kind.GRADIENTS) {
      bands(g, kind, series, x, y, look.accent());
      return;
    }
    g.setStroke(look.accent());
    g.setFill(look.accent());
    g.setLineWidth(Math.max(2, fs / 6));
    double px = Double.NaN, py = Double.NaN;
    for (int i = 0; i < series.size(); i++) {
      double v = value(kind, series.get(i), i > 0 ? series.get(i - 1) : null);
      if (Double.isNaN(v)) continue;
      double cx = x.applyAsDouble(series.get(i).epochX()), cy = y.applyAsDouble(v);
      if (!Double.isNaN(px)) {
        if (kind == Kind.DEAD) {
          g.strokeLine(px, py, cx, py);
          g.strokeLine(cx, py, cx, cy);
        } else {
          g.strokeLine(px, py, cx, cy);
        }
      }
      double r = Math.max(2.5, fs / 4);
      g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
      px = cx;
      py = cy;
    }
  }

  /** TensorBoard's distribution: the percentile pairs from outside in as ever darker bands, the median on top. */
  private static void bands(GraphicsContext g, Kind kind, List<Point> series, java.util.function.DoubleUnaryOperator x,
      java.util.function.DoubleUnaryOperator y, Color accent) {
    List<Point> drawn = series.stream().filter(p -> distribution(kind, p) != null).toList();
    if (drawn.isEmpty()) return;
    int n = drawn.size();
    int levels = distribution(kind, drawn.get(0)).percentiles().length;
    for (int k = 0; k < levels / 2; k++) {
      double[] xs = new double[2 * Math.max(2, n)];
      double[] ys = new double[xs.length];
      int m = 0;
      for (int i = 0; i < n; i++) {
        float[] p = distribution(kind, drawn.get(i)).percentiles();
        double cx = x.applyAsDouble(drawn.get(i).epochX());
        if (n == 1) { // one record: a narrow column
          xs[m] = cx - 3;
          ys[m++] = y.applyAsDouble(p[levels - 1 - k]);
          xs[m] = cx + 3;
          ys[m++] = y.applyAsDouble(p[levels - 1 - k]);
        } else {
          xs[m] = cx;
          ys[m++] = y.applyAsDouble(p[levels - 1 - k]);
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        float[] p = distribution(kind, drawn.get(i)).percentiles();
        double cx = x.applyAsDouble(drawn.get(i).epochX());
        if (n == 1) {
          xs[m] = cx + 3;
          ys[m++] = y.applyAsDouble(p[k]);
          xs[m] = cx - 3;
          ys[m++] = y.applyAsDouble(p[k]);
        } else {
          xs[m] = cx;
          ys[m++] = y.applyAsDouble(p[k]);
        }
      }
      g.setFill(accent.deriveColor(0, 1, 1, 0.18 + 0.14 * k));
      g.fillPolygon(xs, ys, m);
    }
    g.setStroke(accent.darker());
    g.setLineWidth(2);
    for (int i = 1; i < n; i++) {
      g.strokeLine(x.applyAsDouble(drawn.get(i - 1).epochX()), y.applyAsDouble(distribution(kind, drawn.get(i - 1)).median()),
          x.applyAsDouble(drawn.get(i).epochX()), y.applyAsDouble(distribution(kind, drawn.get(i)).median()));
    }
  }

  private static String label(double v) {
    return Math.abs(v) >= 1000 || v == Math.rint(v) && Math.abs(v) < 1000 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.2g", v);
  }
}
