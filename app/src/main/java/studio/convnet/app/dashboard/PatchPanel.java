package studio.convnet.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.events.RunState;

/**
 * Top patches of a layer: for each channel (a filter of the first convolution, a few channels of the
 * second), the test patches that excite it most after the latest epoch the timeline has reached —
 * the input square its strongest unit sees, as the network was fed it.
 */
public final class PatchPanel {

  private final BorderPane root = new BorderPane();
  private final ComboBox<String> layer = new ComboBox<>();
  private final Label caption = new Label("No top patches yet: they come after each epoch.");
  private final VBox rows = new VBox(2);
  private RunState state;
  private int version = -1;
  private TopPatches shown;

  public PatchPanel() {
    layer.setId("patchLayer");
    layer.valueProperty().addListener((o, a, b) -> redraw());
    caption.setId("patchCaption");
    caption.setWrapText(true);
    rows.setId("patchRows");
    HBox top = new HBox(10, new Label("Layer"), layer, caption);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(6));
    ScrollPane scroll = new ScrollPane(rows);
    scroll.setPadding(new Insets(6));
    root.setTop(top);
    root.setCenter(scroll);
  }

  static final String NONE_RECORDED = "This run recorded no top patches: it was recorded before the app kept"
      + " them. The AlexNet recorded with momentum and weight decay (alexnet-80-momentum-wd) has them, and so does"
      + " every run trained live now.";

  /** True when the run is past the point where top patches would have come, and holds none. */
  static boolean noneRecorded(RunState s) {
    return s.patchLayers().isEmpty() && (s.terminal().isPresent() || s.epochs().size() >= 2);
  }

  public Node view() {
    return root;
  }

  /** The shown event (tests). */
  public TopPatches shown() {
    return shown;
  }

  public void refresh(RunState s) {
    if (s == state && s.patchesVersion() == version) {
      return;
    }
    state = s;
    version = s.patchesVersion();
    List<String> layers = s.patchLayers();
    if (!layers.equals(new ArrayList<>(layer.getItems()))) {
      String keep = layer.getValue();
      layer.getItems().setAll(layers);
      layer.setValue(layers.contains(keep) ? keep : layers.isEmpty() ? null : layers.get(0));
    }
    redraw();
  }

  private void redraw() {
    TopPatches t = state == null || layer.getValue() == null ? null : state.latestPatches(layer.getValue()).orElse(null);
    if (t == shown && t != null) {
      return;
    }
    shown = t;
    rows.getChildren().clear();
    if (t == null) {
      caption.setText(state != null && noneRecorded(state) ? NONE_RECORDED : "No top patches yet: they come after each epoch.");
      return;
    }
    int side = t.patchShape()[1];
    int cell = Math.max(1, 44 / side);
    caption.setText(String.format(Locale.ROOT, "%s after epoch %d: each row is a channel, its %d strongest test"
        + " patches (the %d×%d input square one unit sees) from the left, drawn dark garment on light paper.", t.layer(), t.epoch(), t.k(), side, side));
    int[] ids = t.channelIds();
    for (int r = 0; r < ids.length; r++) {
      Label name = new Label(String.format(Locale.ROOT, "%3d  max %.2f", ids[r], t.activation(r, 0)));
      name.setMinWidth(90);
      HBox row = new HBox(6, name, new ImageView(PatchRender.strip(t, r, cell).toImage()));
      row.setAlignment(Pos.CENTER_LEFT);
      rows.getChildren().add(row);
    }
  }
}
