package studio.convnet.app.home;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import studio.convnet.app.AppContext;
import studio.convnet.app.Assets;

/**
 * The start page: where to go first, the lesson, and the recorded runs ("one we trained earlier")
 * that replay with no training. A recorded run is always labelled as recorded.
 */
public final class HomeView {

  private final AppContext context;
  private final Consumer<String> selectTab;
  private final Runnable startLesson;

  public HomeView(AppContext context, Consumer<String> selectTab, Runnable startLesson) {
    this.context = context;
    this.selectTab = selectTab;
    this.startLesson = startLesson;
  }

  public Parent createView() {
    Label title = new Label("ConvNet Studio");
    title.getStyleClass().add("title-1");
    Label intro = new Label("Watch the networks of d2l's \"Modern CNNs\" chapter learn, for real: real"
        + " FashionMNIST, real training on this machine's " + (Runtime.getRuntime().availableProcessors())
        + " CPU cores (or a GPU), live curves and filters.");
    intro.setWrapText(true);

    // every tile the same size, the tallest one's: in a FlowPane each tile was as tall as its own
    // wrapped text, and at 132 % a row of tiles had three different heights
    TilePane go = new EvenTiles(12,
        tile("home-architecture", "LeNet vs AlexNet", "layer stacks, live shapes, predict-then-reveal",
            () -> selectTab.accept("tab-architecture")),
        tile("home-lesson", "Start the lesson", "six steps, ten minutes: PageDown / PageUp to move", startLesson),
        tile("home-lesson-chapter", "Lesson 2: the chapter", "NiN, 1×1 convolutions, Inception, ResNet, the race",
            () -> context.runAction("lesson.chapter")),
        tile("home-train", "Train LeNet live", "curves, filters forming, confusion matrix",
            () -> {
              selectTab.accept("tab-training");
              context.runAction("training.lenet-demo");
              context.runAction("training.start");
            }),
        tile("home-augment", "Augmentation lab", "what the network really sees",
            () -> selectTab.accept("tab-augmentation")));
    go.setId("homeTiles");

    Label recordedTitle = new Label("One we trained earlier (recorded runs — replays, not live)");
    recordedTitle.getStyleClass().add("title-3");
    FlowPane recorded = new FlowPane(12, 12);
    recorded.setId("recordedRuns");
    List<Path> runs = Assets.recordedRuns();
    if (runs.isEmpty()) {
      recorded.getChildren().add(new Label("No recorded runs found (assets/runs)."));
    }
    for (Path run : runs) {
      recorded.getChildren().add(recordedRow(run));
    }

    VBox box = new VBox(16, title, intro, go, recordedTitle, recorded);
    box.setPadding(new Insets(24));
    box.setMaxWidth(1100);
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    return scroll;
  }

  /** A recording's card: its title and result; how, where and when it was made is one click away. */
  private Parent recordedRow(Path run) {
    String name = run.getFileName().toString();
    Button replay = new Button("Replay");
    replay.setId("replay-" + name);
    Label status = new Label();
    replay.setOnAction(e -> context.runOpener().ifPresentOrElse(
        open -> {
          selectTab.accept("tab-runs");
          open.accept(run);
        },
        () -> status.setText("The runs view is not available in this build.")));
    String provenance = Assets.provenance(run);
    Label title = new Label(heading(provenance).orElse(name));
    title.getStyleClass().add("text-bold");
    title.setWrapText(true);
    Label result = new Label(result(provenance));
    result.setId("result-" + name);
    result.setWrapText(true);
    Label prov = new Label(facts(provenance));
    prov.setId("provenance-" + name);
    prov.setWrapText(true);
    prov.getStyleClass().add("text-muted");
    ToggleButton more = new ToggleButton("Provenance");
    more.setId("showProvenance-" + name);
    more.setTooltip(new Tooltip("Machine, date, wall time and result, from the run's PROVENANCE.md"));
    prov.visibleProperty().bind(more.selectedProperty());
    prov.managedProperty().bind(more.selectedProperty());
    HBox buttons = new HBox(8, replay, more);
    VBox row = new VBox(4, title, result, buttons, prov, status);
    row.getStyleClass().add("recorded-run");
    row.setPadding(new Insets(8));
    row.setPrefWidth(520);
    return row;
  }

  /** The provenance's result line without its label ("test accuracy 0.8162 after 10 epochs; …"). */
  static String result(String provenance) {
    return facts(provenance).lines().filter(l -> l.startsWith("Result: ")).findFirst()
        .map(l -> l.substring("Result: ".length())).orElse("recorded run");
  }

  /** The provenance's title ("# Recorded run: …"), without the markdown. */
  static java.util.Optional<String> heading(String provenance) {
    return provenance.lines().filter(l -> l.startsWith("# ")).findFirst()
        .map(l -> l.substring(2).replace("Recorded run: ", "").strip());
  }

  /** The provenance's key facts (result, machine, date, wall time) as plain text lines. */
  static String facts(String provenance) {
    List<String> keys = List.of("Result", "Machine", "Date", "Wall time");
    StringBuilder out = new StringBuilder();
    String current = null;
    for (String line : provenance.lines().toList()) {
      String t = line.strip();
      if (t.startsWith("- **")) {
        current = keys.stream().filter(k -> t.startsWith("- **" + k + ":**")).findFirst().orElse(null);
        if (current != null) {
          out.append(out.isEmpty() ? "" : "\n").append(t.substring(2).replace("**", ""));
        }
      } else if (current != null && !t.isEmpty() && !t.startsWith("#")) {
        out.append(' ').append(t.replace("**", "").replace("`", "")); // continuation of the item
      } else {
        current = null;
      }
    }
    return out.isEmpty() ? "recorded run (no PROVENANCE.md)" : out.toString().replace("`", "");
  }

  /**
   * A TilePane whose tiles are as tall as the tallest tile's wrapped text at the tile width (TilePane
   * alone asks its children for their height without a width, and wrapped labels then answered with
   * tiles ~960 px tall).
   */
  private static final class EvenTiles extends TilePane {
    EvenTiles(double gap, Node... tiles) {
      super(gap, gap, tiles);
    }

    @Override
    protected void layoutChildren() {
      double w = getTileWidth();
      double h = getManagedChildren().stream().mapToDouble(n -> n.prefHeight(w)).max().orElse(USE_COMPUTED_SIZE);
      if (Math.abs(h - getPrefTileHeight()) > 0.5) {
        setPrefTileHeight(h);
      }
      super.layoutChildren();
    }
  }

  private static Button tile(String id, String title, String subtitle, Runnable action) {
    Label t = new Label(title);
    t.getStyleClass().add("title-4");
    t.setWrapText(true); // at presenter zoom a tile grows taller rather than cutting its words
    Label s = new Label(subtitle);
    s.setWrapText(true);
    s.getStyleClass().add("text-muted");
    VBox content = new VBox(4, t, s);
    content.setAlignment(Pos.TOP_LEFT);
    Button b = new Button(null, content);
    b.setId(id);
    b.getStyleClass().add("home-tile");
    b.setStyle("-fx-pref-width: 19.2em;"); // 250 px at 100 %, wider with the presenter's zoom
    // no minimum from the content: asked for its height without a width, a tile of wrapped labels said
    // ~960 px (every word on a line of its own), and that minimum made the tiles 961 and 1045 px tall at
    // 132 %; EvenTiles gives them the height their text needs at their width
    b.setMinHeight(0);
    b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE); // fills its tile: all tiles as tall as the tallest
    b.setOnAction(e -> action.run());
    return b;
  }
}
