package studio.convnet.app.common;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Paint;
import java.util.Collection;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;

/**
 * Makes a JFreeChart follow the window like every other control: its background, grid and text take
 * the theme's colours and all its text the zoomed font size. JFreeChart draws with AWT and knows no
 * CSS, so a hidden label beside the chart samples what CSS gives a label there (font and text colour)
 * and the scene root's background; whenever either changes (theme, zoom), the chart is restyled.
 */
public final class ChartStyle {

  /** What the chart takes from the window. */
  public record Look(double fontPx, Color text, Color background) {}

  private ChartStyle() {
  }

  /** Wraps the viewer; its chart follows the theme and zoom of the window it is shown in. */
  public static Parent follow(ChartViewer viewer) {
    Label probe = new Label("Ag");
    probe.setManaged(false);
    probe.setVisible(false);
    probe.getStyleClass().add("chart-probe");
    StackPane holder = new StackPane(viewer, probe);
    viewer.getChart().addSubtitle(0, new FontReset());
    InvalidationListener restyle = o -> apply(viewer.getChart(), look(probe));
    probe.fontProperty().addListener(restyle);
    probe.textFillProperty().addListener(restyle);
    holder.sceneProperty().addListener((o, was, scene) -> {
      if (scene != null) {
        scene.getRoot().applyCss();
        apply(viewer.getChart(), look(probe));
        scene.rootProperty().addListener(restyle);
      }
    });
    return holder;
  }

  /** The font size and text colour CSS gives a label beside the chart, and the window's background. */
  public static Look look(Label probe) {
    Color text = probe.getTextFill() instanceof Color c ? c : Color.BLACK;
    Color background = Color.WHITE;
    Node root = probe.getScene() == null ? null : probe.getScene().getRoot();
    if (root instanceof Region r) {
      Background bg = r.getBackground();
      if (bg != null && !bg.getFills().isEmpty() && bg.getFills().get(0).getFill() instanceof Color c) {
        background = c;
      }
    }
    return new Look(probe.getFont().getSize(), text, background);
  }

  /** Applies a look to every part of the chart that draws text or background. */
  public static void apply(JFreeChart chart, Look look) {
    java.awt.Color fg = awt(look.text(), 1);
    java.awt.Color bg = awt(look.background(), 1);
    java.awt.Color grid = awt(look.text(), 0.25);
    float size = (float) look.fontPx();
    Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
    Font bold = new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size * 1.1f));
    chart.setNotify(false);
    try {
      chart.setBackgroundPaint(bg);
      if (chart.getTitle() != null) {
        chart.getTitle().setFont(bold);
        chart.getTitle().setPaint(fg);
      }
      for (int i = 0; i < chart.getSubtitleCount(); i++) {
        if (chart.getSubtitle(i) instanceof TextTitle note) {
          note.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, Math.round(size * 0.9f)));
          note.setPaint(fg);
        }
      }
      LegendTitle legend = chart.getLegend();
      if (legend != null) {
        legend.setItemFont(plain);
        legend.setItemPaint(fg);
        legend.setBackgroundPaint(bg);
      }
      if (chart.getPlot() instanceof XYPlot plot) {
        plot.setBackgroundPaint(bg);
        plot.setOutlinePaint(grid);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
          axis(plot.getDomainAxis(i), plain, fg);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
          axis(plot.getRangeAxis(i), plain, fg);
        }
        Collection<?> markers = plot.getRangeMarkers(Layer.FOREGROUND);
        for (Object m : markers == null ? List.of() : markers) {
          ((Marker) m).setLabelFont(plain);
        }
      }
    } finally {
      chart.setNotify(true);
    }
  }

  private static void axis(Axis axis, Font font, Paint fg) {
    if (axis == null) {
      return;
    }
    axis.setLabelFont(font);
    axis.setLabelPaint(fg);
    axis.setTickLabelFont(font);
    axis.setTickLabelPaint(fg);
    axis.setAxisLinePaint(fg);
    axis.setTickMarkPaint(fg);
  }

  private static java.awt.Color awt(Color c, double alpha) {
    return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) (c.getOpacity() * alpha));
  }

  /**
   * Drawn first in every redraw: sets a font no chart part uses, so the next part's font always
   * reaches the canvas. FXGraphics2D (2.1.5) skips a font equal to the last one it was given, but the
   * chart canvas restores its context after each draw, so the first text of the next draw came out in
   * the previous font: at 132 % the race chart's ticks and the curves' legend stayed at 100 % size.
   */
  static final class FontReset extends org.jfree.chart.title.Title {
    private static final Font RESET = new Font(Font.DIALOG, Font.PLAIN, 1);

    @Override
    public org.jfree.chart.ui.Size2D arrange(java.awt.Graphics2D g2, org.jfree.chart.block.RectangleConstraint c) {
      g2.setFont(RESET);
      return new org.jfree.chart.ui.Size2D(0, 0);
    }

    @Override
    public void draw(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D area) {
      g2.setFont(RESET);
    }

    @Override
    public Object draw(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D area, Object params) {
      draw(g2, area);
      return null;
    }
  }
}
