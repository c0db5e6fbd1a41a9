package studio.convnet.app.dashboard;

import studio.convnet.app.common.ChartStyle;
import static org.assertj.core.api.Assertions.assertThat;
import static studio.convnet.app.DarkTheme.luminance;

import java.awt.Color;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.DarkTheme;

/** The charts follow the window: the high-contrast dark theme and the presenter's zoom reach them. */
@ExtendWith(ApplicationExtension.class)
class ChartStyleTest {

  private DashboardPanes panes; // built on the FX thread: its chart viewer makes a context menu
  private StackPane root;

  @Start
  void start(Stage stage) {
    panes = new DashboardPanes(null, "t-");
    root = DarkTheme.show(stage, panes.view());
  }

  @AfterEach
  void modena() throws Exception {
    DarkTheme.reset();
  }

  @Test
  void theCurvesTakeTheDarkThemesColoursAndTheZoomedFontSize(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    JFreeChart chart = panes.curves().chart();
    XYPlot plot = chart.getXYPlot();
    assertThat(luminance((Color) chart.getBackgroundPaint())).isLessThan(0.2);
    assertThat(luminance((Color) plot.getBackgroundPaint())).isLessThan(0.2);
    assertThat(luminance((Color) plot.getDomainAxis().getTickLabelPaint())).isGreaterThan(0.8);
    assertThat(luminance((Color) chart.getLegend().getItemPaint())).isGreaterThan(0.8);
    assertThat(plot.getDomainAxis().getTickLabelFont().getSize()).isEqualTo(17);
    assertThat(plot.getRangeAxis().getLabelFont().getSize()).isEqualTo(17);
    assertThat(chart.getLegend().getItemFont().getSize()).isEqualTo(17);
    assertThat(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).allSatisfy(
        m -> assertThat(((org.jfree.chart.plot.Marker) m).getLabelFont().getSize()).isEqualTo(17));

    robot.interact(() -> root.setStyle("-fx-font-size: 26px;")); // 200 %
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(plot.getDomainAxis().getTickLabelFont().getSize()).isEqualTo(26);
  }

  @Test
  void theTrainCurvesSayTheyAreEpochMeansThatStartAfreshEachEpoch() {
    JFreeChart chart = panes.curves().chart();
    assertThat(chart.getSubtitles()).anySatisfy(t -> assertThat(t).isInstanceOfSatisfying(
        org.jfree.chart.title.TextTitle.class, n -> assertThat(n.getText()).contains("each epoch starts a new mean")));
    assertThat(panes.curves().trainLossSeries().getKey().toString()).isEqualTo("train loss (epoch mean so far)");
  }
}
