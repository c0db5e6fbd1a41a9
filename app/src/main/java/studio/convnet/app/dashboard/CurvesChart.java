package studio.convnet.app.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.convnet.app.common.FewTicksAxis;
import studio.convnet.app.dashboard.BookPoints.BookPoint;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * d2l-style progress plot: train loss and train accuracy (the epoch's running mean, per batch, as the
 * book's Animator draws them) and test accuracy per epoch on an epoch axis; the ln 10 ≈ 2.30 chance
 * level marked; the book's reported end-points as an optional overlay. Points are added without
 * notification and the chart fires one change per {@link #refresh} (the caller limits refreshes to
 * ~10 a second: ChartViewer redraws everything on each change).
 */
public final class CurvesChart {

  /** ln 10: the cross-entropy of a uniform guess over 10 classes. */
  public static final double CHANCE_LOSS = Math.log(10);

  /** Under the plot: why the train curves step at each epoch boundary. */
  public static final String RUNNING_MEAN_NOTE = "train curves: the epoch's mean so far, as in d2l;"
      + " each epoch starts a new mean (the steps)";

  private final XYSeries trainLoss = new XYSeries("train loss (epoch mean so far)", true, true);
  private final XYSeries trainAcc = new XYSeries("train acc (epoch mean so far)", true, true);
  private final XYSeries testAcc = new XYSeries("test acc", true, false);
  private final XYSeries book = new XYSeries("book (d2l)", true, true);
  private final JFreeChart chart;
  private final ChartViewer viewer;
  private final NumberAxis xAxis;
  private final XYLineAndShapeRenderer renderer;

  private int layoutVersion = -1;
  private int curvesVersion = -1;
  private long lastStep = Long.MIN_VALUE;
  private String runId;
  private boolean bookOverlay = true;
  private int redraws;
  private RunState lastState;

  public CurvesChart() {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(trainLoss);
    data.addSeries(trainAcc);
    data.addSeries(testAcc);
    data.addSeries(book);
    xAxis = new NumberAxis("epoch");
    xAxis.setAutoRangeIncludesZero(true);
    xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis yAxis = new FewTicksAxis("loss / accuracy", 8);
    yAxis.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    // each series one path, not one line per point: a LeNet run has thousands of points, redrawn
    // every frame (docs/dashboard.md, "Pulses"); the dashes also run on across points
    r.setDrawSeriesLineAsPath(true);
    renderer = r;
    Color blue = new Color(31, 119, 180), purple = new Color(148, 103, 189), green = new Color(44, 160, 44);
    r.setSeriesPaint(0, blue);
    r.setSeriesPaint(1, purple);
    r.setSeriesPaint(2, green);
    r.setSeriesPaint(3, new Color(90, 90, 90));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f));
    r.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
    r.setSeriesShapesVisible(2, true);
    r.setSeriesShape(2, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    r.setSeriesLinesVisible(3, false);
    r.setSeriesShapesVisible(3, true);
    r.setSeriesShape(3, new Rectangle2D.Double(-5, -5, 10, 10));
    r.setSeriesShapesFilled(3, false);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    ValueMarker chance = new ValueMarker(CHANCE_LOSS, new Color(200, 80, 40),
        new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    chance.setLabel("ln 10 ≈ 2.30: chance-level loss (10 classes)");
    chance.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
    chance.setLabelPaint(new Color(200, 80, 40));
    chance.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    chance.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(chance);
    chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    TextTitle note = new TextTitle(RUNNING_MEAN_NOTE);
    note.setPosition(RectangleEdge.BOTTOM);
    chart.addSubtitle(note);
    chart.setBackgroundPaint(Color.WHITE);
    viewer = new ChartViewer(chart);
    viewer.setId("curvesChart");
  }

  public ChartViewer viewer() {
    return viewer;
  }

  public JFreeChart chart() {
    return chart;
  }

  public void setBookOverlay(boolean on) {
    bookOverlay = on;
    curvesVersion = -1;
  }

  /** Redraws from the state if its curves changed since the last call; at most one chart change. */
  public void refresh(RunState s) {
    String id = s.started().map(RunStarted::runId).orElse(null);
    boolean newRun = !java.util.Objects.equals(id, runId) || s != lastState;
    lastState = s;
    if (!newRun && s.curvesVersion() == curvesVersion && s.batchLayoutVersion() == layoutVersion) {
      return;
    }
    chart.setNotify(false);
    try {
      if (newRun || s.batchLayoutVersion() != layoutVersion) {
        trainLoss.clear();
        trainAcc.clear();
        lastStep = Long.MIN_VALUE;
        runId = id;
      }
      for (BatchMetrics b : s.batchesAfter(lastStep)) {
        double x = RunState.epochX(b);
        trainLoss.add(x, b.loss(), false);
        trainAcc.add(x, b.accuracy(), false);
        lastStep = b.step();
      }
      testAcc.clear();
      for (EpochMetrics e : s.epochs()) {
        testAcc.add(e.epoch(), e.testAccuracy(), false);
      }
      book.clear();
      Optional<BookPoint> bp = BookPoints.of(s);
      renderer.setSeriesVisibleInLegend(3, bookOverlay && bp.isPresent()); // no legend entry for no point
      if (bookOverlay && bp.isPresent()) {
        BookPoint p = bp.get();
        book.add(p.epochs(), p.trainLoss(), false);
        book.add(p.epochs(), p.trainAcc(), false);
        book.add(p.epochs(), p.testAcc(), false);
      }
      int epochs = Math.max(1, s.totalEpochs());
      xAxis.setAutoRange(false);
      xAxis.setRange(0, Math.max(epochs, bookOverlay && bp.isPresent() ? bp.get().epochs() : 0) + 0.25);
      // points went in without events; one event per series lets the axes re-range (the chart
      // itself stays silent until setNotify(true) below)
      trainLoss.fireSeriesChanged();
      trainAcc.fireSeriesChanged();
      testAcc.fireSeriesChanged();
      book.fireSeriesChanged();
      layoutVersion = s.batchLayoutVersion();
      curvesVersion = s.curvesVersion();
    } finally {
      chart.setNotify(true); // one change event, one redraw
      redraws++;
    }
  }

  public int redraws() {
    return redraws;
  }

  public XYSeries trainLossSeries() {
    return trainLoss;
  }

  public XYSeries testAccSeries() {
    return testAcc;
  }
}
