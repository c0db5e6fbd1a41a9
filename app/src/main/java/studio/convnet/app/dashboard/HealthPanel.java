package studio.convnet.app.dashboard;

import studio.convnet.app.common.ChartStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import studio.convnet.engine.events.HealthHistory;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunState;

/**
 * Filter health over time, per weighted layer (as small multiples, one row a layer, named by its path
 * as in the architecture view): how fast its weights still change, how many of its units are dead,
 * and its weights' and gradients' distributions over time. Shows what the timeline has reached (live:
 * everything so far; a replay: up to the scrubber). A run recorded before these records existed says
 * so instead of showing empty charts.
 */
public final class HealthPanel {

  /** The column titles and the sentence that tells a student how to read each. */
  static final String[][] COLUMNS = {
      {"Change per epoch", "How far the weights moved, relative to their size: a layer whose change falls to ~0 has"
          + " stopped learning."},
      {"Dead units", "Units whose ReLU never fires on the probe images: a dead unit passes no gradient and learns"
          + " nothing more."},
      {"Weights", "The spread of the weights over time (bands from the median outwards to the extremes): a band that"
          + " widens means weights growing."},
      {"Gradients", "The spread of the gradient on the batch just trained: a band squeezed to 0 means this layer"
          + " hardly gets a signal."}};

  static final String NOT_RECORDED = "Filter health was not recorded in this run: it was recorded before ConvNet"
      + " Studio measured it. Runs trained now record it.";
  static final String NONE_YET = "No health record yet: the first is made as training starts, then a few in the"
      + " first epoch and one after every epoch.";

  private final BorderPane root = new BorderPane();
  private final Label caption = new Label(NONE_YET);
  private final GridPane grid = new GridPane();
  private final Label probe = new Label("Ag");
  private final ScrollPane scroll;
  private double laidOutFor = -1;
  private final List<Canvas> canvases = new ArrayList<>();
  private RunState state;
  private int version = -1;
  private List<String> layers = List.of();
  private int records;

  public HealthPanel() {
    caption.setId("healthCaption");
    caption.setWrapText(true);
    caption.setPadding(new Insets(6));
    grid.setId("healthGrid");
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(6));
    probe.setManaged(false);
    probe.setVisible(false);
    probe.getStyleClass().add("chart-probe");
    scroll = new ScrollPane(grid);
    scroll.setFitToWidth(false);
    scroll.viewportBoundsProperty().addListener((o, a, b) -> {
      if (Math.abs(b.getWidth() - laidOutFor) > 8) rebuild(); // the charts share the width
    });
    root.setTop(caption);
    root.setCenter(scroll);
    root.getChildren().add(probe);
    probe.fontProperty().addListener(o -> rebuild());
    probe.textFillProperty().addListener(o -> rebuild());
    root.sceneProperty().addListener((o, was, scene) -> {
      if (scene != null) rebuild();
    });
  }

  public Node view() {
    return root;
  }

  /** The layers shown, in network order (tests). */
  public List<String> shownLayers() {
    return layers;
  }

  /** How many records the charts were drawn from (tests). */
  public int shownRecords() {
    return records;
  }

  /** The caption above the charts (tests). */
  public String caption() {
    return caption.getText();
  }

  public void refresh(RunState s) {
    if (s == state && s.health().version() == version) {
      return;
    }
    state = s;
    version = s.health().version();
    rebuild();
  }

  private void rebuild() {
    grid.getChildren().clear();
    canvases.clear();
    HealthHistory h = state == null ? null : state.health();
    if (h == null || h.isEmpty()) {
      layers = List.of();
      records = 0;
      boolean past = state != null && (state.batchCount() > 0 || state.terminal().isPresent());
      caption.setText(past ? NOT_RECORDED : NONE_YET);
      return;
    }
    layers = h.layers();
    records = h.records().size();
    LayerHealth last = h.latest().orElseThrow();
    double xMax = Math.max(last.epochX(), state.totalEpochs());
    caption.setText(String.format(Locale.ROOT, "%d weighted layers, %d records up to epoch %.2f (step %d); dead units"
        + " counted on %d probe images. Each row is a layer, each chart that layer over the epochs.", layers.size(),
        records, last.epochX(), last.step(), last.probeImages()));
    HealthChart.Look look = look();
    double fs = look.fontPx();
    double nameWidth = fs * 7.5;
    laidOutFor = scroll.getViewportBounds().getWidth();
    double fit = (laidOutFor - nameWidth - 5 * grid.getHgap() - 12) / COLUMNS.length;
    double cw = Math.max(fs * 8.5, Math.min(fs * 22, fit)), ch = Math.max(90, fs * 7.5);
    for (int c = 0; c < COLUMNS.length; c++) {
      Label title = new Label(COLUMNS[c][0]);
      title.setFont(Font.font(null, FontWeight.BOLD, fs * 1.15));
      Label how = new Label(COLUMNS[c][1]);
      how.setWrapText(true);
      how.setMaxWidth(cw);
      how.setId("healthHow" + c);
      grid.add(new javafx.scene.layout.VBox(2, title, how), c + 1, 0);
    }
    HealthChart.Kind[] kinds = HealthChart.Kind.values();
    for (int r = 0; r < layers.size(); r++) {
      String layer = layers.get(r);
      List<HealthHistory.Point> series = h.series(layer);
      var first = series.get(0).stats();
      Label name = new Label(layer + "\n" + first.type() + ", " + first.units() + (first.type().startsWith("Conv")
          ? " filters" : " units"));
      name.setFont(Font.font(null, FontWeight.BOLD, fs * 1.1));
      name.setMinWidth(nameWidth);
      name.setMaxWidth(nameWidth);
      name.setWrapText(true);
      GridPane.setValignment(name, VPos.CENTER);
      grid.add(name, 0, r + 1);
      for (int k = 0; k < kinds.length; k++) {
        Canvas canvas = new Canvas(cw, ch);
        canvas.setId("health-" + kinds[k].name().toLowerCase(Locale.ROOT) + "-" + layer.replace('/', '.'));
        HealthChart.draw(canvas, kinds[k], series, xMax, look);
        canvases.add(canvas);
        grid.add(canvas, k + 1, r + 1);
      }
    }
  }

  private HealthChart.Look look() {
    ChartStyle.Look l = ChartStyle.look(probe);
    Color bg = l.background();
    boolean dark = bg.getBrightness() < 0.5;
    return new HealthChart.Look(l.fontPx(), l.text(), bg, dark ? Color.web("#6cb6ff") : Color.web("#1f5fbf"));
  }
}
