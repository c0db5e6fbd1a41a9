package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.convnet.app.DarkTheme.luminance;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;

/**
 * Every JFreeChart in the window (the Training tab's curves, the Runs tab's replay curves and
 * comparison, the Race) follows the presenter's zoom and theme in all its text: axis labels, tick
 * labels, the legend, titles, notes, markers and annotations are read from the chart objects at 100 %
 * and 132 %, light and high-contrast dark, at a projector's 1280×720.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsFollowTheWindowTest {

  private final PresenterModel presenter = new PresenterModel();
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(new AppContext(), presenter);
    DarkTheme.showFollowing(stage, main, presenter); // light and high-contrast dark as the app draws them
  }

  @AfterEach
  void modena() throws Exception {
    DarkTheme.reset();
  }

  @Test
  void everyChartsTextGrowsWithTheZoomAndTakesTheThemesColours(FxRobot robot) {
    for (PresenterModel.Theme theme : List.of(PresenterModel.Theme.LIGHT, PresenterModel.Theme.CONTRAST_DARK)) {
      robot.interact(() -> presenter.themeProperty().set(theme));
      for (double zoom : new double[] {1.0, 1.32}) {
        robot.interact(() -> presenter.zoomProperty().set(zoom));
        int px = (int) Math.round(presenter.fontSize());
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String tab : List.of("tab-training", "tab-runs", "runs-compare", "tab-race")) {
          robot.interact(() -> {
            if (tab.startsWith("tab-")) {
              main.select(tab);
            } else {
              for (Node p : robot.lookup(".tab-pane").queryAll()) {
                var pane = (javafx.scene.control.TabPane) p;
                pane.getTabs().stream().filter(t -> tab.equals(t.getId())).findFirst()
                    .ifPresent(t -> pane.getSelectionModel().select(t));
              }
            }
          });
          WaitForAsyncUtils.waitForFxEvents();
          for (Node n : robot.lookup((Node x) -> x instanceof ChartViewer && x.isVisible()
              && x.localToScene(x.getBoundsInLocal()).getWidth() > 0).queryAll()) {
            if (n instanceof ChartViewer v && showing(v)) {
              String name = tab + " #" + v.getId();
              if (!seen.contains(name)) {
                seen.add(name);
                check(name, v.getChart(), px, theme == PresenterModel.Theme.CONTRAST_DARK, wrong);
              }
            }
          }
        }
        assertThat(seen).as("charts looked at").contains("tab-training #curvesChart", "runs-compare #compareChart",
            "tab-race #raceChart");
        assertThat(wrong).as("chart text at zoom %.2f (%d px), %s", zoom, px, theme).isEmpty();
      }
    }
  }

  /**
   * The text as drawn on the screen, not only as set on the chart: the ink under the race chart's
   * plot (tick labels and the axis label) is as tall on the window's canvas as in JFreeChart's own AWT
   * drawing of the same chart. FXGraphics2D kept the font of the previous redraw for the first text
   * of the next one (the canvas restores its context after each draw), so at 132 % the race chart's
   * ticks and labels and the curves' legend were drawn at the old size although set to the new one.
   */
  @Test
  void theChartsOnTheScreenDrawTheirTextAtTheZoomedSize(FxRobot robot) {
    robot.interact(() -> presenter.themeProperty().set(PresenterModel.Theme.CONTRAST_DARK));
    robot.interact(() -> main.select("tab-race"));
    for (double zoom : new double[] {1.0, 1.32, 1.52}) {
      robot.interact(() -> presenter.zoomProperty().set(zoom));
      WaitForAsyncUtils.waitForFxEvents();
      ChartViewer v = robot.lookup("#raceChart").queryAs(ChartViewer.class);
      javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
      java.awt.geom.Rectangle2D[] area = new java.awt.geom.Rectangle2D[1];
      robot.interact(() -> {
        shot[0] = v.getCanvas().snapshot(null, null);
        area[0] = v.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
      });
      int w = (int) shot[0].getWidth();
      int h = (int) shot[0].getHeight();
      int[] screen = new int[w * h];
      shot[0].getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), screen, 0, w);
      org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
      java.awt.image.BufferedImage awt = v.getChart().createBufferedImage(w, h, info);
      int[] drawn = awt.getRGB(0, 0, w, h, null, 0, w);
      double onScreen = inkHeightBelow(screen, w, h, area[0]);
      double inAwt = inkHeightBelow(drawn, w, h, info.getPlotInfo().getDataArea());
      assertThat(onScreen).as("height of the x axis's text on the screen at zoom %.2f (AWT draws it %.0f px tall)", zoom, inAwt)
          .isCloseTo(inAwt, org.assertj.core.api.Assertions.within(2.0));
    }
  }

  /** Rows from the first to the last light pixel under the plot: the x axis's tick labels and label. */
  private static double inkHeightBelow(int[] argb, int w, int h, java.awt.geom.Rectangle2D plot) {
    int first = -1;
    int last = -1;
    for (int y = (int) plot.getMaxY() + 4; y < h; y++) {
      for (int x = (int) plot.getMinX() + 2; x < Math.min(w, plot.getMaxX() - 2); x++) {
        int p = argb[y * w + x];
        double lum = (0.2126 * ((p >> 16) & 255) + 0.7152 * ((p >> 8) & 255) + 0.0722 * (p & 255)) / 255;
        if (lum > 0.6) {
          first = first < 0 ? y : first;
          last = y;
          break;
        }
      }
    }
    return first < 0 ? 0 : last - first + 1;
  }

  /** Whether a node is on the screen: it and every parent visible (the other tabs' contents are not). */
  private static boolean showing(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static void check(String name, JFreeChart chart, int px, boolean dark, List<String> wrong) {
    if (dark && luminance((Color) chart.getBackgroundPaint()) > 0.2) {
      wrong.add(name + ": a light background in the dark theme");
    }
    if (chart.getTitle() != null) {
      font(name + " title", chart.getTitle().getFont(), px, wrong);
    }
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title t = chart.getSubtitle(i);
      if (t instanceof TextTitle note) {
        font(name + " note '" + note.getText() + "'", note.getFont(), px * 0.85, wrong);
      } else if (t instanceof LegendTitle legend) {
        font(name + " legend", legend.getItemFont(), px, wrong);
        if (dark && luminance((Color) legend.getItemPaint()) < 0.8) {
          wrong.add(name + ": dark legend text in the dark theme");
        }
        for (LegendItemSource source : legend.getSources()) {
          for (int k = 0; k < source.getLegendItems().getItemCount(); k++) {
            LegendItem item = source.getLegendItems().get(k);
            if (item.getLabelFont() != null) { // a label font of its own wins over the legend's
              font(name + " legend item '" + item.getLabel() + "'", item.getLabelFont(), px, wrong);
            }
          }
        }
      }
    }
    if (chart.getPlot() instanceof XYPlot plot) {
      if (dark && luminance((Color) plot.getBackgroundPaint()) > 0.2) {
        wrong.add(name + ": a light plot in the dark theme");
      }
      for (int i = 0; i < plot.getDomainAxisCount(); i++) {
        axis(name + " x axis " + i, plot.getDomainAxis(i), px, dark, wrong);
      }
      for (int i = 0; i < plot.getRangeAxisCount(); i++) {
        axis(name + " y axis " + i, plot.getRangeAxis(i), px, dark, wrong);
      }
      for (Layer layer : new Layer[] {Layer.FOREGROUND, Layer.BACKGROUND}) {
        markers(name, plot.getRangeMarkers(layer), px, wrong);
        markers(name, plot.getDomainMarkers(layer), px, wrong);
      }
      for (XYAnnotation a : plot.getAnnotations()) {
        if (a instanceof XYTextAnnotation t) {
          font(name + " annotation '" + t.getText() + "'", t.getFont(), px * 0.85, wrong);
        }
      }
    }
  }

  private static void axis(String name, Axis axis, int px, boolean dark, List<String> wrong) {
    if (axis == null) {
      return;
    }
    font(name + " label '" + axis.getLabel() + "'", axis.getLabelFont(), px, wrong);
    font(name + " ticks", axis.getTickLabelFont(), px, wrong);
    if (dark && luminance((Color) axis.getTickLabelPaint()) < 0.8) {
      wrong.add(name + ": dark tick labels in the dark theme");
    }
  }

  private static void markers(String name, Collection<?> markers, int px, List<String> wrong) {
    for (Object m : markers == null ? List.of() : markers) {
      Marker marker = (Marker) m;
      if (marker.getLabel() != null) {
        font(name + " marker '" + marker.getLabel() + "'", marker.getLabelFont(), px, wrong);
      }
    }
  }

  private static void font(String what, Font font, double atLeast, List<String> wrong) {
    if (font.getSize2D() < Math.floor(atLeast)) {
      wrong.add(String.format(Locale.ROOT, "%s: %.0f px, the window's text %.0f px", what, font.getSize2D(), atLeast));
    }
  }
}
