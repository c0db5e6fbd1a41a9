package studio.convnet.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.insight.Saliency;

/**
 * "Where it looks", at the top of Activations for the chosen probe image: its saliency for a class
 * (every network) and, for networks that end in global average pooling, its class activation map —
 * each laid over the input, with the share of the map on the garment against chance. The maps come
 * from the run's events (made after each epoch for the true and the predicted class; any other class
 * on "Look now" while a run trains), so a replay shows what was recorded.
 */
final class LookPanel {

  /** Screen side of each picture. */
  static final int SIDE_PX = 168;
  /** An input pixel is garment above this brightness (FashionMNIST is bright on black). */
  static final float GARMENT = 0.1f;

  private final ComboBox<Integer> cls = new ComboBox<>();
  private final Button lookNow = new Button("Look now");
  private final HBox pictures = new HBox(12);
  private final Label note = new Label();
  private final VBox root;
  private BiConsumer<Integer, Integer> requester;
  /** Replays: maps the recording lacks, worked out from its final weights (null: it keeps none). */
  private Looker looker;
  /** Replays without weights: why there are no maps and what to do; null: they are still to come. */
  private String whyNone;
  /** What the looker answered, by "image/class"; what was asked of it. */
  private final java.util.Map<String, List<LookMaps>> computed = new java.util.HashMap<>();
  private final java.util.Set<String> asked = new java.util.HashSet<>();
  private List<String> names = List.of();
  private RunState state;
  private int testIndex = -1;
  private int shownFor = -1;

  LookPanel() {
    cls.setId("lookClass");
    lookNow.setId("lookNow");
    pictures.setId("lookPictures");
    note.setId("lookNote");
    note.setWrapText(true);
    cls.setButtonCell(new ClassCell());
    cls.setCellFactory(l -> new ClassCell());
    cls.valueProperty().addListener((o, a, b) -> {
      if (b != null && state != null) draw();
    });
    lookNow.setOnAction(e -> {
      if (requester != null && cls.getValue() != null && testIndex >= 0) {
        requester.accept(testIndex, cls.getValue());
        note.setText("Asked the live run; the maps arrive after the current batch.");
      }
    });
    lookNow.setDisable(true);
    Label title = new Label("Where it looks — class");
    title.setStyle("-fx-font-weight: bold");
    HBox bar = new HBox(8, title, cls, lookNow);
    bar.setAlignment(Pos.CENTER_LEFT);
    Label explain = new Label("Saliency: how much a small change of each pixel would change the class's score"
        + " (|∂score/∂pixel|). Class map (networks with global average pooling: NiN, GoogLeNet, ResNet, DenseNet):"
        + " how much each region of the last feature maps adds to the score — its average is the score.");
    explain.setWrapText(true);
    root = new VBox(6, bar, pictures, note, explain);
    root.setId("lookPanel");
  }

  /** Live runs: where "Look now" sends (test index, class); null in replays. Enabled while a run trains. */
  void setRequester(BiConsumer<Integer, Integer> r) {
    requester = r;
    if (r == null) lookNow.setDisable(true);
  }

  /**
   * Replays: {@code l} works out the maps a recording's events lack (its final weights), or, when
   * null, {@code none} says why there are none (null: a run still being written, they are to come).
   */
  void setRecorded(Looker l, String none) {
    if (l != looker) {
      computed.clear();
      asked.clear();
    }
    looker = l;
    whyNone = none;
    if (state != null) draw();
  }

  void setRequestEnabled(boolean on) {
    lookNow.setDisable(requester == null || !on);
  }

  Node view() {
    return root;
  }

  /** Draws the maps of {@code image} (a probe test index) for the chosen class; the true class when the image changes. */
  void show(RunState s, int image, int label, List<String> classNames) {
    state = s;
    testIndex = image;
    if (!classNames.equals(names) || cls.getItems().isEmpty()) {
      names = classNames;
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < classNames.size(); i++) ids.add(i);
      cls.getItems().setAll(ids);
    }
    if (shownFor != image || cls.getValue() == null) {
      shownFor = image;
      if (label >= 0 && label < cls.getItems().size() && !Integer.valueOf(label).equals(cls.getValue())) {
        cls.setValue(label); // its listener draws
        return;
      }
    }
    draw();
  }

  private void draw() {
    pictures.getChildren().clear();
    Integer c = cls.getValue();
    if (state == null || c == null) return;
    Optional<LookMaps> sal = state.look(testIndex, LookMaps.SALIENCY, c);
    Optional<LookMaps> cam = state.look(testIndex, LookMaps.CAM, c);
    String from = "";
    if (sal.isEmpty() && cam.isEmpty() && looker != null) {
      List<LookMaps> mine = computed.get(testIndex + "/" + c);
      if (mine == null) {
        ask(testIndex, c);
        note.setText("Working out where " + looker.source() + " look at test #" + testIndex + " for " + name(c) + " …");
        return;
      }
      sal = mine.stream().filter(l -> l.method().equals(LookMaps.SALIENCY) && l.indexOf(c) >= 0).findFirst();
      cam = mine.stream().filter(l -> l.method().equals(LookMaps.CAM) && l.indexOf(c) >= 0).findFirst();
      from = mine.isEmpty() ? "" : String.format(Locale.ROOT, "Worked out now from %s (after epoch %d), not"
          + " recorded: they stay the same as the timeline moves. ", looker.source(), mine.get(0).epoch());
    }
    if (sal.isEmpty() && cam.isEmpty()) {
      boolean any = !state.looks(testIndex).isEmpty();
      note.setText(any ? "Not recorded for " + name(c) + " — made after each epoch for the true and the predicted"
          + " class; press Look now while a run trains for any other."
          : whyNone != null ? whyNone : "No maps yet: they arrive at each epoch end.");
      return;
    }
    LookMaps any = sal.orElseGet(cam::get);
    int side = any.inputSize();
    float[] image = java.util.Arrays.copyOf(any.image(), side * side);
    int zoom = Math.max(1, SIDE_PX / side);
    pictures.getChildren().add(picture("input — predicted " + name(any.predicted()),
        new ImageView(studio.convnet.app.common.Raster.of(image, 1, side, zoom).toImage()), "lookInput"));
    StringBuilder text = new StringBuilder(from);
    sal.ifPresent(l -> pictures.getChildren().add(map(l, c, image, side, zoom, "saliency", "lookSaliency", text)));
    cam.ifPresent(l -> pictures.getChildren().add(map(l, c, image, side, zoom, "class map (" + l.layer() + ", "
        + l.mapShape()[0] + "×" + l.mapShape()[1] + ")", "lookCam", text)));
    text.append(String.format(Locale.ROOT, "The garment covers %.0f %% of the image (what a map scores by chance).",
        100 * Saliency.brightShare(image, GARMENT)));
    note.setText(text.toString());
  }

  /** Asks the looker once per image and class; the answer (or why not) redraws on the FX thread. */
  private void ask(int image, int c) {
    Looker l = looker;
    String key = image + "/" + c;
    if (!asked.add(key)) return;
    l.look(image, c, maps -> Platform.runLater(() -> {
      if (l == looker) {
        computed.put(key, List.copyOf(maps));
        if (state != null && testIndex == image) draw();
      }
    }), why -> Platform.runLater(() -> {
      if (l == looker && testIndex == image) note.setText(why);
    }));
  }

  private Node map(LookMaps l, int c, float[] image, int side, int zoom, String what, String id, StringBuilder text) {
    int i = l.indexOf(c);
    int h = l.mapShape()[0], w = l.mapShape()[1];
    float[] maps = l.maps();
    double on = Saliency.shareOn(maps, i, h, w, image, side, GARMENT);
    text.append(String.format(Locale.ROOT, "%s of %s (score %.2f, epoch %d): %.0f %% on the garment. ",
        Character.toUpperCase(what.charAt(0)) + what.substring(1), name(c), l.scores()[i], l.epoch(), 100 * on));
    return picture(what, new ImageView(LookRender.overlay(image, side, maps, i, h, w, zoom).toImage()), id);
  }

  private static Node picture(String caption, ImageView view, String id) {
    view.setId(id);
    view.setFitWidth(SIDE_PX);
    view.setPreserveRatio(true);
    Label l = new Label(caption);
    l.setMaxWidth(SIDE_PX + 40);
    l.setWrapText(true);
    return new VBox(3, view, l);
  }

  private String name(int c) {
    return c >= 0 && c < names.size() ? names.get(c) : String.valueOf(c);
  }

  private final class ClassCell extends ListCell<Integer> {
    @Override
    protected void updateItem(Integer item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : name(item));
    }
  }
}
