package studio.convnet.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.convnet.app.common.ImageRender;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * Feature maps of every layer for one probe test image: a grid of maps per convolution, pooling or
 * activation layer, bars for dense layers, and the predicted class probabilities. The probes are
 * the test images the engine snapshots (at each epoch end and on "Refresh now").
 */
public final class ActivationPanel {

  /** Maps drawn per layer at most (AlexNet has 384). */
  static final int MAX_MAPS = 48;

  private final BorderPane root = new BorderPane();
  private final ComboBox<Integer> probe = new ComboBox<>();
  private final Button refresh = new Button("Refresh now");
  private final Label info = new Label("No activations yet: they arrive at each epoch end, or press Refresh now.");
  private final VBox layers = new VBox(10);
  private final LookPanel look = new LookPanel();
  private int looksVersion = -1;
  private RunState state;
  private int version = -1;
  private List<String> classNames = List.of();

  public ActivationPanel(Runnable refreshNow) {
    probe.setId("probeChoice");
    refresh.setId("refreshActivations");
    refresh.setOnAction(e -> refreshNow.run());
    refresh.setDisable(refreshNow == null);
    probe.valueProperty().addListener((o, a, b) -> draw());
    probe.setButtonCell(new ProbeCell());
    probe.setCellFactory(l -> new ProbeCell());
    info.setWrapText(true);
    Label probeLabel = new Label("Probe test image");
    // the long info line wraps; the label, the choice and the button keep their whole text
    for (Region r : new Region[] {probeLabel, probe, refresh}) {
      r.setMinWidth(Region.USE_PREF_SIZE);
    }
    info.setMinWidth(0);
    HBox.setHgrow(info, javafx.scene.layout.Priority.ALWAYS);
    HBox top = new HBox(10, probeLabel, probe, refresh, info);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(6));
    layers.setPadding(new Insets(6));
    layers.setId("activationLayers");
    // grids are laid out for the width they have: redraw when a resize changes what fits
    layers.widthProperty().addListener((o, a, b) -> {
      if (Math.abs(a.doubleValue() - b.doubleValue()) >= 40) {
        draw();
      }
    });
    root.setTop(top);
    ScrollPane sp = new ScrollPane(layers);
    sp.setFitToWidth(true);
    root.setCenter(sp);
  }

  private final class ProbeCell extends javafx.scene.control.ListCell<Integer> {
    @Override
    protected void updateItem(Integer item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null || state == null) {
        setText(null);
        return;
      }
      ActivationSnapshot a = state.activations().get(item);
      String label = a != null && a.label() < classNames.size() ? classNames.get(a.label()) : "?";
      setText("test #" + item + " (" + label + ")");
    }
  }

  public Node view() {
    return root;
  }

  public void setRefreshEnabled(boolean on) {
    refresh.setDisable(!on);
    look.setRequestEnabled(on);
  }

  /** Live runs: "Look now" asks the run where it looks at (test index, class). */
  public void setLookRequester(java.util.function.BiConsumer<Integer, Integer> requester) {
    look.setRequester(requester);
  }

  /**
   * Replays: {@code looker} works out where the network looks for maps the recording lacks (its
   * final weights); when null, {@code whyNone} tells the class why there are none (null: still to come).
   */
  public void setRecordedLooks(Looker looker, String whyNone) {
    look.setRecorded(looker, whyNone);
  }

  public void refresh(RunState s) {
    if (s == state && s.activationsVersion() == version && s.looksVersion() == looksVersion) {
      return;
    }
    state = s;
    version = s.activationsVersion();
    looksVersion = s.looksVersion();
    classNames = s.started().map(RunStarted::classNames).orElse(List.of());
    List<Integer> ids = new ArrayList<>(s.activations().keySet());
    Integer keep = probe.getValue();
    if (!probe.getItems().equals(ids)) {
      probe.getItems().setAll(ids);
    }
    if (keep != null && ids.contains(keep)) {
      probe.setValue(keep);
    } else if (!ids.isEmpty()) {
      probe.setValue(ids.get(0));
    }
    draw();
  }

  private void draw() {
    layers.getChildren().clear();
    if (state == null || probe.getValue() == null) {
      return;
    }
    ActivationSnapshot a = state.activations().get(probe.getValue());
    if (a == null) {
      return;
    }
    int scale = scale(a.layers());
    info.setText(String.format(Locale.ROOT, "epoch %d, step %d — colours: each map min → max (dark → yellow);"
        + " every map drawn at %d screen pixels per value, so sizes compare", a.epoch(), a.step(), scale));
    int s = a.inputSize();
    ImageView in = new ImageView(ImageRender.greyImage(a.image(), s, s).toImage());
    in.setFitWidth(Math.min(s * scale, 224));
    in.setPreserveRatio(true);
    String truth = a.label() < classNames.size() ? classNames.get(a.label()) : String.valueOf(a.label());
    layers.getChildren().add(look.view());
    look.show(state, a.testIndex(), a.label(), classNames);
    layers.getChildren().add(section("input " + s + "×" + s + " — true class: " + truth, in));
    for (LayerActivation l : a.layers()) {
      layers.getChildren().add(layer(l, scale));
    }
    float[] probabilities = a.probabilities();
    if (probabilities.length > 0) {
      layers.getChildren().add(section("softmax probabilities", bars(probabilities, classNames, a.label())));
    }
  }

  /** Screen pixels per map pixel for the whole probe: the largest map is drawn about this wide. */
  static final int LARGEST_MAP_PX = 112;
  /** A map is drawn at least this wide (5×5 maps of AlexNet's last stage); never wider than larger maps. */
  static final int SMALLEST_MAP_PX = 20;
  /** Room for a row of maps before the panel is laid out. */
  static final int ROW_PX = 900;

  /** One pixel scale for every layer of a probe, from its largest feature map. */
  static int scale(List<LayerActivation> layers) {
    int widest = layers.stream().filter(l -> l.shape().length == 3).mapToInt(l -> l.shape()[2]).max().orElse(28);
    return Math.max(1, LARGEST_MAP_PX / Math.max(1, widest));
  }

  /** The scale a layer is drawn at: the probe's, enlarged only to keep tiny maps visible. */
  static int scaleFor(int width, int scale) {
    return width * scale >= SMALLEST_MAP_PX ? scale : (SMALLEST_MAP_PX + width - 1) / width;
  }

  /** Columns for n maps of this size: the fewest rows that fit, filled evenly (16 → 8 + 8, not 15 + 1). */
  static int columns(int n, int mapPx, double rowPx) {
    int fit = Math.max(1, (int) (rowPx / (mapPx + 3)));
    int rows = (n + fit - 1) / fit;
    return (n + rows - 1) / rows;
  }

  private double rowWidth() {
    return layers.getWidth() > 0 ? layers.getWidth() - 2 * 6 : ROW_PX;
  }

  private Node layer(LayerActivation l, int scale) {
    int[] sh = l.shape();
    String title = l.layer() + " (" + l.type() + ") " + shapeText(sh);
    if (sh.length == 3) {
      int c = sh[0], h = sh[1], w = sh[2];
      int px = scaleFor(w, scale);
      title += px == scale ? "" : " — enlarged ×" + px + " to be visible";
      GridPane maps = new GridPane();
      maps.setHgap(3);
      maps.setVgap(3);
      maps.setId("maps-" + l.layer());
      int n = Math.min(c, MAX_MAPS);
      int cols = columns(n, w * px, rowWidth());
      float[] values = l.values();
      for (int i = 0; i < n; i++) {
        int off = i * h * w;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + h * w; j++) {
          lo = Math.min(lo, values[j]);
          hi = Math.max(hi, values[j]);
        }
        maps.add(new ImageView(ImageRender.featureMap(values, off, w, h, px, lo, hi).toImage()), i % cols, i / cols);
      }
      if (c > n) {
        return section(title, new VBox(3, maps, new Label("… and " + (c - n) + " more channels")));
      }
      return section(title, maps);
    }
    return section(title, bars(l.values(), List.of(), -1));
  }

  private static Node bars(float[] v, List<String> names, int highlight) {
    int n = Math.min(v.length, 128);
    float max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.abs(v[i]));
    }
    if (!names.isEmpty() && n <= names.size()) {
      VBox rows = new VBox(2);
      for (int i = 0; i < n; i++) {
        Region bar = new Region();
        bar.setPrefSize(Math.max(1, 240 * Math.abs(v[i]) / Math.max(1e-9f, max)), 12);
        bar.setMinHeight(12);
        bar.setStyle("-fx-background-color: " + (i == highlight ? "#2ca02c" : "#1f77b4") + ";");
        Label name = new Label(names.get(i));
        name.setMinWidth(90);
        rows.getChildren().add(new HBox(6, name, bar, new Label(String.format(Locale.ROOT, "%.3f", v[i]))));
      }
      return rows;
    }
    HBox cols = new HBox(1);
    cols.setAlignment(Pos.BOTTOM_LEFT);
    cols.setPrefHeight(60);
    cols.setMinHeight(60);
    double w = Math.max(2, Math.min(8, 640.0 / n));
    for (int i = 0; i < n; i++) {
      Region bar = new Region();
      double h = 1 + 58 * Math.abs(v[i]) / Math.max(1e-9f, max);
      bar.setMinSize(w, h);
      bar.setPrefSize(w, h);
      bar.setMaxSize(w, h);
      bar.setStyle("-fx-background-color: " + (v[i] >= 0 ? "#d62728" : "#1f77b4") + ";");
      cols.getChildren().add(bar);
    }
    if (v.length > n) {
      cols.getChildren().add(new Label(" … " + (v.length - n) + " more"));
    }
    return cols;
  }

  private static Node section(String title, Node body) {
    Label t = new Label(title);
    t.setStyle("-fx-font-weight: bold");
    return new VBox(4, t, body);
  }

  static String shapeText(int[] sh) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sh.length; i++) {
      b.append(i == 0 ? "" : "×").append(sh[i]);
    }
    return b.toString();
  }
}
