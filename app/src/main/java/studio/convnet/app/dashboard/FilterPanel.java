package studio.convnet.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import studio.convnet.app.dashboard.FilterStats.Flag;
import studio.convnet.app.common.ImageRender;
import studio.convnet.app.common.ImageRender.Normalisation;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.insight.DeadUnits;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;

/**
 * The first convolution's filters as a live grid (diverging colours, per-filter or shared scale, a
 * legend), flagged when dead or unchanged; a click enlarges one filter, plays its evolution over the
 * kept snapshots and shows its feature map on the probe image.
 */
public final class FilterPanel {

  private final BorderPane root = new BorderPane();
  private final ImageView grid = new ImageView();
  private final ComboBox<Normalisation> norm = new ComboBox<>();
  private final Label legendLo = new Label(), legendHi = new Label();
  private final Label caption = new Label("No filters yet: they appear with the run's first snapshot.");
  private final Label flagsText = new Label();
  private final ComboBox<String> show = new ComboBox<>();
  private final Label score = new Label();
  private final ImageView seenView = new ImageView();
  private final ImageView patchesView = new ImageView();
  private final Label patchesTitle = new Label();
  private final FilterInsight insight = new FilterInsight();
  private final ImageView big = new ImageView();
  private final ImageView mapView = new ImageView();
  private final ImageView probeView = new ImageView();
  private final Label detailTitle = new Label("Click a filter to enlarge it.");
  private final Label detailInfo = new Label();
  private final Slider history = new Slider(0, 0, 0);
  private final Label historyLabel = new Label();
  private final Button play = new Button("Play evolution");
  private final Timeline player;

  static final String RAW = "Raw weights";
  static final String SEEN = "As the data sees them";

  private RunState state;
  private FilterSnapshot shown;
  private int cell = 8;
  private int selected = -1;
  private int version = -1;
  private List<FilterSnapshot> historyList = List.of();

  public FilterPanel() {
    norm.getItems().setAll(Normalisation.values());
    norm.setValue(Normalisation.PER_FILTER);
    norm.setId("filterNormalisation");
    norm.valueProperty().addListener((o, a, b) -> redraw());
    show.getItems().setAll(RAW, SEEN);
    show.setValue(RAW);
    show.setId("filterView");
    show.valueProperty().addListener((o, a, b) -> redraw());
    grid.setId("filterGrid");
    grid.setPickOnBounds(true);
    grid.setOnMouseClicked(e -> {
      if (shown != null) {
        int o = ImageRender.filterAt(shown.shape(), cell, gap(), e.getX(), e.getY());
        if (o >= 0) {
          select(o);
        }
      }
    });
    ImageView legend = new ImageView(ImageRender.divergingLegend(200, 12).toImage());
    HBox legendBox = new HBox(6, legendLo, legend, legendHi, new Label("weight (blue −, white 0, red +)"));
    legendBox.setAlignment(Pos.CENTER_LEFT);
    legendBox.setId("filterLegend");
    HBox top = new HBox(10, new Label("Show"), show, new Label("Normalisation"), norm, legendBox);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(6));
    flagsText.setId("filterFlags");
    flagsText.setWrapText(true);
    caption.setId("filterCaption");
    caption.setWrapText(true);
    score.setId("filterScore");
    score.setWrapText(true);
    VBox left = new VBox(8, caption, score, grid, flagsText);
    left.setPadding(new Insets(6));
    ScrollPane leftScroll = new ScrollPane(left);
    leftScroll.setFitToWidth(true);

    big.setId("filterEnlarged");
    mapView.setId("filterActivation");
    history.setId("filterHistory");
    history.setMajorTickUnit(1);
    history.setSnapToTicks(true);
    history.valueProperty().addListener((o, a, b) -> showDetail());
    play.setId("filterPlay");
    player = new Timeline(new KeyFrame(Duration.millis(120), e -> {
      if (history.getValue() >= history.getMax()) {
        stopPlaying();
      } else {
        history.setValue(history.getValue() + 1);
      }
    }));
    player.setCycleCount(Timeline.INDEFINITE);
    play.setOnAction(e -> {
      if (player.getStatus() == Timeline.Status.RUNNING) {
        stopPlaying();
      } else {
        if (history.getValue() >= history.getMax()) {
          history.setValue(0);
        }
        play.setText("Stop");
        player.play();
      }
    });
    detailTitle.setStyle("-fx-font-weight: bold");
    detailInfo.setWrapText(true);
    seenView.setId("filterSeen");
    patchesView.setId("filterPatches");
    patchesTitle.setWrapText(true);
    VBox detail = new VBox(8, detailTitle, new HBox(8, big, seenView), wrapped(FilterInsight.EXPLANATION),
        new HBox(6, play), history, historyLabel, detailInfo, patchesTitle, patchesView,
        wrapped("Its feature map on the probe image (this filter's channel of the first convolution's output):"),
        new HBox(10, probeView, mapView));
    detail.setPadding(new Insets(6));
    detail.setPrefWidth(360);
    detail.setMinWidth(320);
    root.setTop(top);
    root.setCenter(leftScroll);
    root.setRight(new ScrollPane(detail));
    updateDetailEnabled();
  }

  private void stopPlaying() {
    player.stop();
    play.setText("Play evolution");
  }

  private int gap() {
    return Math.max(1, cell / 4);
  }

  public Node view() {
    return root;
  }

  public void refresh(RunState s) {
    if (s == state && s.filtersVersion() == version && s.activationsVersion() == actVersion
        && s.patchesVersion() == patchVersion) {
      return;
    }
    state = s;
    version = s.filtersVersion();
    actVersion = s.activationsVersion();
    patchVersion = s.patchesVersion();
    historyList = s.filterHistory();
    boolean atEnd = history.getValue() >= history.getMax();
    history.setMax(Math.max(0, historyList.size() - 1));
    if (atEnd && player.getStatus() != Timeline.Status.RUNNING) {
      history.setValue(history.getMax());
    }
    redraw();
  }

  private int actVersion = -1;
  private int patchVersion = -1;

  private void redraw() {
    if (state == null || state.latestFilter().isEmpty()) {
      grid.setImage(null);
      shown = null;
      updateDetailEnabled();
      return;
    }
    shown = state.latestFilter().get();
    int[] sh = shown.shape();
    int out = sh[0], kw = sh[3];
    int cols = ImageRender.gridColumns(out);
    // fit about 640 px wide, whole pixels per weight
    cell = Math.max(2, Math.min(40, 640 / Math.max(1, cols * kw)));
    Flag[] flags = FilterStats.flags(state.firstFilter().orElse(null), shown);
    FilterInsight.Seen seen = insight.of(shown, inputSize());
    score.setText(seen.summary());
    float[] drawn = SEEN.equals(show.getValue()) ? seen.visible() : shown.weights();
    grid.setImage(ImageRender.filterGrid(sh, drawn, norm.getValue(), cell, gap(),
        FilterStats.flagged(flags)).toImage());
    float[] scales = ImageRender.filterScales(sh, shown.weights());
    float shared = 0;
    for (float v : scales) {
      shared = Math.max(shared, v);
    }
    if (norm.getValue() == Normalisation.SHARED) {
      legendLo.setText(String.format(Locale.ROOT, "−%.3f", shared));
      legendHi.setText(String.format(Locale.ROOT, "+%.3f", shared));
    } else {
      legendLo.setText("−max|w|");
      legendHi.setText("+max|w| (each filter)");
    }
    caption.setText(String.format(Locale.ROOT,
        "%s: %d filters of %d×%d (×%d input channel%s) — epoch %d, step %d. %s",
        shown.layer(), out, sh[2], sh[3], sh[1], sh[1] == 1 ? "" : "s, averaged", shown.epoch(),
        shown.step(), "Click a filter to enlarge it."));
    List<String> dead = new ArrayList<>(), still = new ArrayList<>();
    for (int i = 0; i < flags.length; i++) {
      if (flags[i] == Flag.DEAD) {
        dead.add(String.valueOf(i));
      } else if (flags[i] == Flag.UNCHANGED) {
        still.add(String.valueOf(i));
      }
    }
    StringBuilder t = new StringBuilder();
    if (!dead.isEmpty()) {
      t.append("Dead (all ≈ 0): ").append(String.join(", ", dead)).append(". ");
    }
    if (!still.isEmpty()) {
      t.append(String.format(Locale.ROOT, "Barely changed (< %.0f %% since the first snapshot): ",
          FilterStats.UNCHANGED * 100)).append(String.join(", ", still)).append('.');
    }
    flagsText.setText((t.length() == 0 ? "No dead or unchanged filters." : "Amber frame — " + t) + " " + neverFire());
    if (selected >= out) {
      selected = -1;
    }
    showDetail();
  }

  /** Filters whose output is never positive on any probe image (a ReLU after them never fires). */
  private String neverFire() {
    List<float[]> maps = new ArrayList<>();
    int channels = shown.filterCount();
    for (ActivationSnapshot a : state.activations().values()) {
      for (LayerActivation l : a.layers()) {
        if (l.layer().equals(shown.layer()) && l.shape().length == 3 && l.shape()[0] == channels) {
          maps.add(l.values());
        }
      }
    }
    if (maps.isEmpty()) {
      return "";
    }
    boolean[] dead = DeadUnits.dead(maps, channels);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < dead.length; i++) {
      if (dead[i]) ids.add(String.valueOf(i));
    }
    String on = " on the " + maps.size() + " probe image" + (maps.size() == 1 ? "" : "s");
    return ids.isEmpty() ? "Every filter fires somewhere" + on + "."
        : ids.size() + " never fire" + on + " (dead ReLUs, no gradient): " + String.join(", ", ids) + ".";
  }

  private int inputSize() {
    return state.started().map(st -> st.inputSize()).orElse(FilterInsight.NATIVE_SIZE);
  }

  /** Enlarges filter {@code o}. */
  public void select(int o) {
    selected = o;
    showDetail();
  }

  public int selected() {
    return selected;
  }

  private void updateDetailEnabled() {
    boolean on = selected >= 0 && shown != null;
    play.setDisable(!on || historyList.size() < 2);
    history.setDisable(!on);
  }

  private void showDetail() {
    updateDetailEnabled();
    if (selected < 0 || shown == null || historyList.isEmpty()) {
      big.setImage(null);
      seenView.setImage(null);
      patchesView.setImage(null);
      mapView.setImage(null);
      probeView.setImage(null);
      return;
    }
    int idx = (int) Math.round(Math.max(0, Math.min(history.getValue(), historyList.size() - 1)));
    FilterSnapshot f = historyList.get(idx);
    int[] sh = f.shape();
    float[] plane = new float[sh[2] * sh[3]];
    ImageRender.meanPlane(sh, f.weights(), selected, plane);
    float scale = ImageRender.filterScales(sh, f.weights())[selected];
    if (norm.getValue() == Normalisation.SHARED) {
      float m = 0;
      for (float v : ImageRender.filterScales(sh, f.weights())) {
        m = Math.max(m, v);
      }
      scale = m;
    }
    int c = Math.max(4, 220 / sh[3]);
    big.setImage(ImageRender.divergingPlane(plane, sh[3], sh[2], scale, c).toImage());
    FilterInsight.Seen seen = insight.of(f, inputSize());
    float[] seenPlane = new float[sh[2] * sh[3]];
    ImageRender.meanPlane(sh, seen.visible(), selected, seenPlane);
    seenView.setImage(ImageRender.divergingPlane(seenPlane, sh[3], sh[2], scale, c).toImage());
    detailTitle.setText("Filter " + selected + " of " + f.layer());
    historyLabel.setText(String.format(Locale.ROOT, "snapshot %d of %d — epoch %d, batch %d, step %d",
        idx + 1, historyList.size(), f.epoch(), f.batch(), f.step()));
    double change = state.firstFilter()
        .filter(ff -> ff.size() == f.size())
        .map(ff -> FilterStats.relativeChange(ff, f)[selected]).orElse(Double.NaN);
    detailInfo.setText(String.format(Locale.ROOT, "max |w| %.4f · changed %.1f %% since the first snapshot"
        + " · %.0f %% of its energy visible to the data", scale, change * 100, seen.shares()[selected] * 100));
    showPatches(f);
    showActivation();
  }

  private void showPatches(FilterSnapshot f) {
    var t = state.latestPatches(f.layer()).orElse(null);
    int row = t == null ? -1 : t.row(selected);
    if (row < 0) {
      patchesView.setImage(null);
      patchesTitle.setText(PatchPanel.noneRecorded(state) ? PatchPanel.NONE_RECORDED : "Top patches appear after the first epoch.");
      return;
    }
    patchesView.setImage(PatchRender.strip(t, row, Math.max(2, 40 / t.patchShape()[1])).toImage());
    StringBuilder ids = new StringBuilder();
    for (int h = 0; h < t.k() && t.testIndex(row, h) >= 0; h++) {
      ids.append(h == 0 ? "" : ", ").append(t.testIndex(row, h));
    }
    patchesTitle.setText(String.format(Locale.ROOT, "The %d test patches that excite it most (epoch %d; test"
        + " images %s): the %d×%d input square its strongest unit sees, drawn dark garment on light paper.", t.k(), t.epoch(), ids,
        t.patchShape()[1], t.patchShape()[2]));
  }

  private void showActivation() {
    ActivationSnapshot a = state.activations().values().stream().findFirst().orElse(null);
    if (a == null) {
      mapView.setImage(null);
      probeView.setImage(null);
      return;
    }
    LayerActivation conv = null;
    for (LayerActivation l : a.layers()) {
      if (l.layer().equals(shown.layer())) {
        conv = l;
        break;
      }
    }
    int[] cs = conv == null ? new int[0] : conv.shape();
    if (cs.length != 3 || selected >= cs[0]) {
      mapView.setImage(null);
      return;
    }
    int h = cs[1], w = cs[2];
    float[] values = conv.values();
    int off = selected * h * w;
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (int i = off; i < off + h * w; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    int scale = Math.max(1, 150 / w);
    mapView.setImage(ImageRender.featureMap(values, off, w, h, scale, lo, hi).toImage());
    int s = a.inputSize();
    probeView.setImage(ImageRender.greyImage(a.image(), s, s).toImage());
    probeView.setFitWidth(150);
    probeView.setPreserveRatio(true);
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    return l;
  }

  static Region spacer() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }
}
