package studio.convnet.app.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import studio.convnet.app.common.ImageRender;
import studio.convnet.engine.events.RunState;
import studio.convnet.app.common.TestImages;
import studio.convnet.engine.events.RunEvent.ConfusionMatrix;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * The test-set confusion matrix of a chosen epoch as a heat map (rows: true class, columns:
 * predicted; each row coloured by its share), and the test images of a clicked cell.
 */
public final class ConfusionPanel {

  static final int MAX_IMAGES = 80;

  private final BorderPane root = new BorderPane();
  private final ComboBox<Integer> epoch = new ComboBox<>();
  private final GridPane grid = new GridPane();
  private final Label cellTitle = new Label("Click a cell to see its test images.");
  private final FlowPane images = new FlowPane(4, 4);
  private RunState state;
  private int version = -1;
  private List<String> names = List.of();
  private int selTrue = -1, selPred = -1;

  public ConfusionPanel() {
    epoch.setId("confusionEpoch");
    epoch.valueProperty().addListener((o, a, b) -> draw());
    grid.setId("confusionGrid");
    grid.setHgap(1);
    grid.setVgap(1);
    images.setId("confusionImages");
    cellTitle.setWrapText(true);
    HBox top = new HBox(10, new Label("Epoch"), epoch,
        new Label("rows: true class · columns: predicted · colour: share of the row"));
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(6));
    VBox right = new VBox(8, cellTitle, images);
    right.setPadding(new Insets(6));
    right.setPrefWidth(420);
    ScrollPane rs = new ScrollPane(right);
    rs.setFitToWidth(true);
    root.setTop(top);
    ScrollPane gs = new ScrollPane(grid);
    gs.setPadding(new Insets(6));
    root.setCenter(gs);
    root.setRight(rs);
  }

  public Node view() {
    return root;
  }

  public void refresh(RunState s) {
    if (s == state && s.confusionVersion() == version) {
      return;
    }
    boolean followLatest = epoch.getValue() == null || epoch.getItems().isEmpty()
        || epoch.getValue().equals(epoch.getItems().get(epoch.getItems().size() - 1));
    state = s;
    version = s.confusionVersion();
    names = s.started().map(RunStarted::classNames).orElse(List.of());
    List<Integer> eps = s.confusionEpochs();
    Integer keep = epoch.getValue();
    epoch.getItems().setAll(eps);
    if (!eps.isEmpty()) {
      epoch.setValue(followLatest || keep == null || !eps.contains(keep) ? eps.get(eps.size() - 1) : keep);
    }
    draw();
  }

  private void draw() {
    grid.getChildren().clear();
    if (state == null || epoch.getValue() == null) {
      grid.add(new Label("No confusion matrix yet: one arrives after each epoch's test pass."), 0, 0);
      return;
    }
    ConfusionMatrix cm = state.confusion(epoch.getValue()).orElse(null);
    if (cm == null) {
      return;
    }
    int k = cm.classes();
    for (int p = 0; p < k; p++) {
      Label h = new Label(name(p));
      h.setRotate(-60);
      h.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      StackPane hp = new StackPane(new javafx.scene.Group(h));
      hp.setAlignment(Pos.BOTTOM_CENTER);
      grid.add(hp, p + 1, 0);
    }
    long total = 0, right = 0;
    for (int t = 0; t < k; t++) {
      Label rowName = new Label(name(t));
      grid.add(rowName, 0, t + 1);
      long rowSum = 0;
      for (int p = 0; p < k; p++) {
        rowSum += cm.count(t, p);
      }
      for (int p = 0; p < k; p++) {
        int c = cm.count(t, p);
        total += c;
        if (t == p) {
          right += c;
        }
        double share = rowSum > 0 ? (double) c / rowSum : 0;
        StackPane cell = new StackPane();
        cell.setId("cm-" + t + "-" + p);
        int rgb = ImageRender.sequential(Math.sqrt(share)) & 0xFFFFFF;
        String border = (t == selTrue && p == selPred) ? "-fx-border-color: #ff7f0e; -fx-border-width: 3;" : "";
        // sized in em: the cells and their counts grow with the presenter's zoom
        cell.setStyle(String.format("-fx-background-color: #%06x; -fx-min-width: 3.5em; -fx-pref-width: 3.5em;"
            + " -fx-min-height: 2.3em; -fx-pref-height: 2.3em; %s", rgb, border));
        Label n = new Label(String.valueOf(c));
        n.setStyle("-fx-text-fill: " + (Math.sqrt(share) > 0.6 ? "black" : "white") + "; -fx-font-size: 0.85em;");
        cell.getChildren().add(n);
        final int tt = t, pp = p;
        cell.setOnMouseClicked(e -> showCell(tt, pp));
        grid.add(cell, p + 1, t + 1);
      }
    }
    Label acc = new Label(String.format(Locale.ROOT, "epoch %d: %d of %d test images right (%.1f %%)",
        cm.epoch(), right, total, total > 0 ? 100.0 * right / total : 0));
    acc.setId("confusionAccuracy");
    grid.add(acc, 0, k + 2, k + 1, 1);
    if (selTrue >= 0) {
      showCell(selTrue, selPred);
    }
  }

  private String name(int i) {
    return i < names.size() ? names.get(i) : String.valueOf(i);
  }

  /** Shows the test images whose true class is t and prediction p. */
  public void showCell(int t, int p) {
    boolean changed = t != selTrue || p != selPred;
    selTrue = t;
    selPred = p;
    ConfusionMatrix cm = state == null || epoch.getValue() == null ? null : state.confusion(epoch.getValue()).orElse(null);
    if (cm == null) {
      return;
    }
    if (changed) {
      draw();
      return;
    }
    int[] idx = cm.testIndices(), pred = cm.predicted();
    int count = cm.count(t, p);
    cellTitle.setText(String.format(Locale.ROOT, "True %s, predicted %s: %d image%s%s", name(t), name(p),
        count, count == 1 ? "" : "s", count > MAX_IMAGES ? " (first " + MAX_IMAGES + " shown)" : ""));
    images.getChildren().clear();
    if (idx == null || pred == null) {
      return;
    }
    TestImages.fashionMnist().thenAccept(ds -> {
      java.util.List<ImageView> views = new java.util.ArrayList<>();
      for (int i = 0; i < idx.length && views.size() < MAX_IMAGES; i++) {
        int label = ds.testLabels().labels()[idx[i]] & 0xff;
        if (label == t && pred[i] == p) {
          views.add(new ImageView(TestImages.testImage(ds, idx[i], 2).toImage()));
        }
      }
      Platform.runLater(() -> {
        if (selTrue == t && selPred == p) {
          images.getChildren().setAll(views);
        }
      });
    });
  }

}
