package studio.convnet.app.race;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.convnet.app.common.ChartStyle;
import studio.convnet.app.common.Throttle;
import studio.convnet.app.race.RaceViewModel.Racer;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunState;

/**
 * The race: every runner's test accuracy (solid, one dot per epoch, left axis) and train loss
 * (dashed, right axis) on one chart against epochs, seconds or multiply-adds, one colour per runner (the
 * dashboard's curve colours), and the cost strip under it. Redrawn at most ~8 times a second.
 */
public final class RaceView {

  /** The dashboard's palette (CurvesChart's blue, green, purple), then matplotlib's next ones. */
  static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(148, 103, 189), new Color(214, 39, 40), new Color(140, 86, 75)};

  private final RaceViewModel model;
  private final XYSeriesCollection accuracy = new XYSeriesCollection();
  private final XYSeriesCollection loss = new XYSeriesCollection();
  private final NumberAxis xAxis = new NumberAxis("epoch");
  /** Multiply-adds span three orders of magnitude from LeNet to AlexNet: a log axis shows both. */
  private final LogAxis workAxis = new LogAxis(RaceAxis.MULTIPLY_ADDS.label());
  private final JFreeChart chart;
  private final GridPane strip = new GridPane();
  private Throttle throttle;

  public RaceView(RaceViewModel model) {
    this.model = model;
    workAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
    workAxis.setSmallestValue(1e-4);
    NumberAxis acc = new NumberAxis("test accuracy (solid)");
    acc.setRange(0, 1);
    NumberAxis lossAxis = new NumberAxis("train loss (dashed)");
    lossAxis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(accuracy, xAxis, acc, new XYLineAndShapeRenderer(true, true));
    plot.setDataset(1, loss);
    plot.setRangeAxis(1, lossAxis);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, new XYLineAndShapeRenderer(true, false));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
  }

  public Parent createView() {
    ChartViewer viewer = new ChartViewer(chart);
    viewer.setId("raceChart");
    viewer.setMinHeight(260);
    Label status = new Label();
    status.setId("raceStatus");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    ComboBox<RaceAxis> axis = new ComboBox<>(FXCollections.observableArrayList(RaceAxis.values()));
    axis.setId("raceAxis");
    axis.setConverter(new StringConverter<>() {
      @Override
      public String toString(RaceAxis a) {
        return a == null ? "" : switch (a) {
          case EPOCHS -> "epochs";
          case SECONDS -> "seconds of training";
          case MULTIPLY_ADDS -> "multiply-adds (the work, whatever the machine)";
        };
      }

      @Override
      public RaceAxis fromString(String s) {
        return null;
      }
    });
    axis.valueProperty().bindBidirectional(model.axisProperty());
    Spinner<Double> target = new Spinner<>(0.1, 0.99, model.targetProperty().get(), 0.05);
    target.setId("raceTarget");
    target.setPrefWidth(90);
    target.valueProperty().addListener((o, a, b) -> model.targetProperty().set(b));
    model.targetProperty().addListener((o, a, b) -> target.getValueFactory().setValue(b.doubleValue()));
    Button add = new Button("Add recording…");
    add.setId("raceAdd");
    add.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("A run folder (with events.jsonl)");
      File f = chooser.showDialog(add.getScene().getWindow());
      if (f != null) {
        model.addRecording(f.toPath());
      }
    });
    Button stop = new Button("Stop");
    stop.setId("raceStop");
    stop.disableProperty().bind(model.runningProperty().not());
    stop.setOnAction(e -> model.stop());
    Button clear = new Button("Clear");
    clear.setId("raceClear");
    clear.setOnAction(e -> model.clear());
    FlowPane bar = new FlowPane(8, 4, new Label("x:"), axis, new Label("time to reach test accuracy"), target, add, stop, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    strip.setId("raceCosts");
    strip.setHgap(16);
    strip.setVgap(2);
    VBox bottom = new VBox(6, bar, strip, status);
    bottom.setPadding(new Insets(8));
    BorderPane root = new BorderPane(ChartStyle.follow(viewer)); // the theme's colours and the zoomed text, as every chart
    root.setBottom(bottom);
    root.setId("raceRoot");
    throttle = new Throttle(125_000_000L, this::redraw);
    model.versionProperty().addListener((o, a, b) -> throttle.request());
    redraw();
    return root;
  }

  /** Rebuilds the series and the strip from the runners' states (one chart change). */
  void redraw() {
    RaceAxis clock = model.axisProperty().get();
    boolean log = clock == RaceAxis.MULTIPLY_ADDS;
    chart.getXYPlot().setDomainAxis(log ? workAxis : xAxis);
    xAxis.setLabel(clock.label());
    xAxis.setStandardTickUnits(clock == RaceAxis.EPOCHS ? NumberAxis.createIntegerTickUnits()
        : NumberAxis.createStandardTickUnits());
    chart.setNotify(false);
    try {
      accuracy.removeAllSeries();
      loss.removeAllSeries();
      List<Racer> racers = model.racers();
      XYPlot plot = chart.getXYPlot();
      for (int i = 0; i < racers.size(); i++) {
        Racer r = racers.get(i);
        RunState s = r.state();
        XYSeries acc = new XYSeries(model.label(r), true, true); // the legend names each run once
        for (EpochMetrics e : s.epochs()) {
          double x = clock.x(e, s);
          if (!log || x > 0) {
            acc.add(x, e.testAccuracy(), false);
          }
        }
        XYSeries l = new XYSeries(model.label(r) + " — train loss", true, true);
        List<BatchMetrics> batches = s.batches();
        int every = Math.max(1, batches.size() / 400); // a few hundred points per curve are plenty
        for (int j = 0; j < batches.size(); j += every) {
          double x = clock.x(batches.get(j), s);
          if (!log || x > 0) {
            l.add(x, batches.get(j).loss(), false);
          }
        }
        accuracy.addSeries(acc);
        loss.addSeries(l);
        Color c = COLORS[i % COLORS.length];
        plot.getRenderer(0).setSeriesPaint(i, c);
        plot.getRenderer(0).setSeriesStroke(i, new BasicStroke(2.2f));
        plot.getRenderer(1).setSeriesPaint(i, c);
        plot.getRenderer(1).setSeriesVisibleInLegend(i, false);
        plot.getRenderer(1).setSeriesStroke(i, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
    } finally {
      chart.setNotify(true);
    }
    fillStrip();
  }

  private void fillStrip() {
    strip.getChildren().clear();
    double target = model.targetProperty().get();
    String[] head = {"run", "parameters", "multiply-adds / image", "images/s", "final test acc",
        String.format(java.util.Locale.ROOT, "time to %.2f", target)};
    for (int c = 0; c < head.length; c++) {
      Label h = new Label(head[c]);
      h.setStyle("-fx-font-weight: bold");
      strip.add(h, c, 0);
    }
    List<RaceStats> stats = model.stats();
    for (int i = 0; i < stats.size(); i++) {
      String[] cells = stats.get(i).cells(target);
      for (int c = 0; c < cells.length; c++) {
        Label cell = new Label(cells[c]);
        cell.setId("cost-" + i + "-" + c);
        if (c == 0) {
          Color k = COLORS[i % COLORS.length];
          cell.setStyle(String.format("-fx-text-fill: rgb(%d,%d,%d); -fx-font-weight: bold", k.getRed(),
              k.getGreen(), k.getBlue()));
        }
        strip.add(cell, c, i + 1);
      }
    }
  }

  /** The chart (tests read its series). */
  public JFreeChart chart() {
    return chart;
  }

  Node strip() {
    return strip;
  }
}
