package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What keeps the FX thread's work per frame small while a network trains (docs/dashboard.md,
 * "Pulses"): hidden tabs' content out of the scene, a throttle that does not keep JavaFX pulsing, and
 * a chart axis with a handful of ticks.
 */
@ExtendWith(ApplicationExtension.class)
class PulseWorkTest {

  private TabPane tabs;
  private Label first;
  private Label second;
  private VBox third;

  @Start
  void start(Stage stage) {
    first = new Label("first");
    second = new Label("second");
    third = new VBox(new Label("a"), new Label("b"), new Label("c"));
    tabs = new TabPane(new Tab("one", first), new Tab("two", second));
    ShownTabOnly.apply(tabs);
    tabs.getTabs().add(new Tab("three", third)); // added after apply: handled too
    stage.setScene(new Scene(new VBox(tabs), 400, 300));
    stage.show();
  }

  @Test
  void onlyTheSelectedTabsContentIsInTheScene(FxRobot robot) {
    assertThat(first.getScene()).isNotNull();
    assertThat(second.getScene()).isNull();
    assertThat(third.getScene()).isNull();
    robot.interact(() -> first.setText("changed while shown"));
    robot.interact(() -> tabs.getSelectionModel().select(2));
    assertThat(third.getScene()).isNotNull();
    assertThat(first.getScene()).isNull();
    assertThat(robot.lookup("b").tryQuery()).isPresent();
    robot.interact(() -> tabs.getSelectionModel().select(0));
    assertThat(first.getScene()).isNotNull(); // the same node comes back, with its state
    assertThat(first.getText()).isEqualTo("changed while shown");
    assertThat(third.getScene()).isNull();
    assertThat(ShownTabOnly.content(tabs.getTabs().get(1))).isSameAs(second);
  }

  @Test
  void aDeferredRedrawRunsOnceAndAnimatesNothing(FxRobot robot) throws Exception {
    List<Long> runs = new ArrayList<>();
    int[] pulses = new int[1];
    robot.interact(() -> {
      tabs.getScene().addPostLayoutPulseListener(() -> pulses[0]++);
      Throttle t = new Throttle(300_000_000L, () -> runs.add(System.nanoTime()));
      t.request(); // runs now
      t.request(); // deferred
      t.request(); // folded into the deferred one
    });
    assertThat(runs).hasSize(1);
    int before = pulses[0];
    Thread.sleep(200);
    WaitForAsyncUtils.waitForFxEvents();
    // a pending JavaFX animation (PauseTransition) would have pulsed the scene ~12 times by now
    assertThat(pulses[0] - before).isLessThan(4);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runs.size() == 2);
    Thread.sleep(300);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1) - runs.get(0)).isGreaterThanOrEqualTo(290_000_000L);
  }

  @Test
  void aTallChartGetsAHandfulOfTicksAShortOneWhatFits() {
    assertThat(ticksDrawn(700, 2.9)).isBetween(4, 9); // 0, 0.5 … 2.5: not 0, 0.1 … 2.9
    assertThat(ticksDrawn(700, 1.0)).isBetween(4, 11);
    assertThat(ticksDrawn(60, 2.9)).isLessThan(6); // too short for eight labels: JFreeChart's choice
  }

  /** The labelled ticks a vertical FewTicksAxis (at most 8) draws for data up to {@code top}. */
  private static int ticksDrawn(int height, double top) {
    XYSeries s = new XYSeries("s");
    s.add(0, 0);
    s.add(1, top);
    FewTicksAxis y = new FewTicksAxis("y", 8);
    XYPlot plot = new XYPlot(new XYSeriesCollection(s), new NumberAxis("x"), y, new XYLineAndShapeRenderer());
    JFreeChart chart = new JFreeChart(plot);
    BufferedImage img = new BufferedImage(400, height, BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = img.createGraphics();
    chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 400, height));
    g.dispose();
    double unit = y.getTickUnit().getSize();
    return (int) Math.floor(y.getRange().getLength() / unit) + 1;
  }
}
