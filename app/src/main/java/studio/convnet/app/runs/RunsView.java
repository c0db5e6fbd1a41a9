package studio.convnet.app.runs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import studio.convnet.app.common.Throttle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.convnet.engine.events.RunState;
import studio.convnet.app.common.ChartStyle;
import studio.convnet.app.dashboard.DashboardPanes;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * The Runs tab: open a recorded run (or follow one being written), scrub through it, and compare it
 * with a second run on one chart.
 */
public final class RunsView {

  private final RunsViewModel vm;
  private DashboardPanes panes;
  private final XYSeriesCollection compareData = new XYSeriesCollection();
  private final ComboBox<String> axis = new ComboBox<>();
  private NumberAxis compareX;

  public RunsView(RunsViewModel vm) {
    this.vm = vm;
  }

  public Parent createView() {
    Button open = new Button("Open run folder…");
    open.setId("openRun");
    Button follow = new Button("Follow a run being written…");
    follow.setId("followRun");
    Button openCompare = new Button("Compare with…");
    openCompare.setId("openCompare");
    open.setOnAction(e -> choose(open, "Open a run folder").ifPresent(vm::open));
    follow.setOnAction(e -> choose(follow, "Follow a run folder").ifPresent(vm::follow));
    openCompare.setOnAction(e -> choose(openCompare, "Open a run to compare").ifPresent(vm::openCompare));
    Label title = new Label();
    title.setId("replayTitle");
    title.setWrapText(true);
    title.setStyle("-fx-font-weight: bold");
    title.textProperty().bind(vm.titleProperty());
    Label problems = new Label();
    problems.setId("replayProblems");
    problems.setWrapText(true);
    problems.getStyleClass().add("warning");
    problems.setStyle("-fx-text-fill: -color-warning-fg, #9a6700");
    problems.textProperty().bind(vm.problemsProperty());
    problems.visibleProperty().bind(vm.problemsProperty().isNotEmpty());
    problems.managedProperty().bind(problems.visibleProperty());
    HBox bar = new HBox(8, open, follow, openCompare);
    bar.setAlignment(Pos.CENTER_LEFT);

    Slider scrubber = new Slider(0, 0, 0);
    scrubber.setId("scrubber");
    scrubber.maxProperty().bind(vm.durationProperty());
    scrubber.valueProperty().bindBidirectional(vm.timeProperty());
    HBox.setHgrow(scrubber, Priority.ALWAYS);
    Label time = new Label();
    time.setId("scrubTime");
    time.textProperty().bind(vm.timeTextProperty());
    HBox scrub = new HBox(8, new Label("Timeline"), scrubber, time);
    scrub.setAlignment(Pos.CENTER_LEFT);

    panes = new DashboardPanes(null, "replay-");
    BorderPane replay = new BorderPane(panes.view());
    replay.setBottom(scrub);
    BorderPane.setMargin(scrub, new Insets(6));

    TabPane tabs = new TabPane(new Tab("Replay", replay), new Tab("Compare runs", compareView()));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs().get(0).setId("runs-replay");
    tabs.getTabs().get(1).setId("runs-compare");
    tabs.getSelectionModel().select(vm.pageProperty().get().ordinal());
    vm.pageProperty().addListener((o, a, p) -> tabs.getSelectionModel().select(p.ordinal()));
    tabs.getSelectionModel().selectedIndexProperty().addListener(
        (o, a, i) -> vm.pageProperty().set(RunsViewModel.Page.values()[i.intValue()]));
    VBox.setVgrow(tabs, Priority.ALWAYS);
    VBox root = new VBox(6, bar, title, problems, tabs);
    root.setPadding(new Insets(8));
    root.setId("runsView");
    root.getStyleClass().add("dashboard-root");

    vm.versionProperty().addListener((o, a, b) -> useWeightsOf(vm.runs().isEmpty() ? null : vm.runs().get(0).folder()));
    Throttle replayRedraw = new Throttle(100_000_000L, () -> panes.refresh(vm.stateAtTime()));
    vm.versionProperty().addListener((o, a, b) -> replayRedraw.request());
    Throttle compareRedraw = new Throttle(100_000_000L, this::redrawCompare);
    vm.compareVersionProperty().addListener((o, a, b) -> compareRedraw.request());
    return root;
  }

  private java.util.Optional<Path> choose(Button owner, String title) {
    DirectoryChooser dc = new DirectoryChooser();
    dc.setTitle(title);
    File runs = new File(System.getProperty("convnet.runs", "runs"));
    if (runs.isDirectory()) {
      dc.setInitialDirectory(runs.getAbsoluteFile());
    }
    File f = dc.showDialog(owner.getScene().getWindow());
    return java.util.Optional.ofNullable(f).map(File::toPath);
  }

  private Parent compareView() {
    axis.getItems().setAll("epoch", "wall-clock seconds");
    axis.setValue("epoch");
    axis.setId("compareAxis");
    axis.valueProperty().addListener((o, a, b) -> redrawCompare());
    compareX = new NumberAxis("epoch");
    NumberAxis y = new NumberAxis("accuracy");
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    Color[] colors = {new Color(31, 119, 180), new Color(214, 39, 40)};
    for (int i = 0; i < 2; i++) {
      r.setSeriesPaint(2 * i, colors[i]);
      r.setSeriesPaint(2 * i + 1, colors[i]);
      r.setSeriesStroke(2 * i, new BasicStroke(2.5f));
      r.setSeriesStroke(2 * i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
    XYPlot plot = new XYPlot(compareData, compareX, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart chart = new JFreeChart("test accuracy (solid) and train accuracy (dashed)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartViewer viewer = new ChartViewer(chart);
    viewer.setId("compareChart");
    Label summary = new Label();
    summary.setId("compareSummary");
    summary.setWrapText(true);
    summary.textProperty().bind(vm.compareTextProperty());
    HBox top = new HBox(8, new Label("x axis"), axis);
    top.setAlignment(Pos.CENTER_LEFT);
    Parent chartView = ChartStyle.follow(viewer);
    VBox.setVgrow(chartView, Priority.ALWAYS);
    VBox box = new VBox(8, top, chartView, summary);
    box.setPadding(new Insets(6));
    return box;
  }

  private void redrawCompare() {
    boolean wall = "wall-clock seconds".equals(axis.getValue());
    compareX.setLabel(wall ? "seconds since the run started" : "epoch");
    compareData.removeAllSeries();
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (RunsViewModel.LoadedRun run : vm.runs()) {
      if (!shown.add(run.folder().toAbsolutePath().normalize().toString())) {
        continue; // the same run twice (a moment while one replaces the other): its series once
      }
      RunState s = run.finalState();
      String name = s.started().map(st -> st.modelTitle() + " at " + st.inputSize() + " px · "
              + RunsViewModel.augmentation(st) + " · " + st.runId())
          .orElse(run.folder().getFileName().toString());
      XYSeries test = new XYSeries(name + " — test", false, true);
      XYSeries train = new XYSeries(name + " — train", false, true);
      for (EpochMetrics e : s.epochs()) {
        double x = wall ? e.elapsed() : e.epoch();
        test.add(x, e.testAccuracy(), false);
        train.add(x, e.trainAccuracy(), false);
      }
      compareData.addSeries(test);
      compareData.addSeries(train);
    }
  }

  static List<RunEvent> none() {
    return List.of();
  }

  static String id(RunState s) {
    return s.started().map(RunStarted::runId).orElse("");
  }

  private RecordedClassifier weights;

  /** The drawing pad asks the replayed run's final weights (loaded on first use). */
  private void useWeightsOf(Path folder) {
    if (weights != null && folder != null && folder.equals(weightsFolder)) {
      return;
    }
    if (weights != null) {
      weights.close();
    }
    weightsFolder = folder;
    weights = folder == null ? null : new RecordedClassifier(folder);
    boolean kept = folder != null && RecordedClassifier.hasWeights(folder);
    // a finished recording without weights: the pad says so at once; a followed run may write them yet
    panes.pad().setClassifier(kept || vm.followingProperty().get() ? weights : null);
    panes.activations().setRecordedLooks(kept ? weights : null,
        folder == null || vm.followingProperty().get() ? null : NO_LOOKS);
  }

  /** Where-it-looks of a recording that holds no maps and keeps no weights: why, and what to do. */
  static final String NO_LOOKS = "This recording holds no where-it-looks maps (it was recorded before the app"
      + " made them) and keeps no weights to work them out from (they were left out for size). To see where this"
      + " network looks, train it live in the Training tab: the maps arrive at each epoch end.";

  private Path weightsFolder;

  public DashboardPanes panes() {
    return panes;
  }
}
