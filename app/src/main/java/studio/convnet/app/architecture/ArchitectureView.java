package studio.convnet.app.architecture;

import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import studio.convnet.app.presenter.PresenterKeys;
import studio.convnet.engine.arch.NetworkSpec;

/**
 * The architecture explorer: the two networks drawn side by side, the table of the selected network,
 * the selected layer's arithmetic and editor, predict-then-reveal and exports. It only binds to the
 * {@link ArchitectureViewModel} and calls its commands.
 */
public final class ArchitectureView {

  private final ArchitectureViewModel model;
  private final Canvas diagram = new Canvas();
  private Diagram.Drawing drawing;
  private ScrollPane diagramScroll;
  private final LayerTable table;
  private final EditTiming timing;
  private final Label zoomProbe = new Label("Input size:");
  private double zoom = 1;
  private DiagramColours colours = DiagramColours.LIGHT;
  private final Label exportStatus = new Label();

  private final StructureBar structure;

  public ArchitectureView(ArchitectureViewModel model) {
    this(model, null, new SimpleBooleanProperty(false));
  }

  /**
   * With the structure controls (insert, remove, undo, save, train this variant), when given.
   *
   * @param diagnostics whether to show the edit-to-redraw timings (for developers, not for the room)
   */
  public ArchitectureView(ArchitectureViewModel model, StructureBar structure, ObservableBooleanValue diagnostics) {
    this.model = model;
    this.table = new LayerTable(model);
    this.structure = structure;
    this.timing = new EditTiming(diagnostics);
  }

  public Parent createView() {
    BorderPane root = new BorderPane();
    root.getStyleClass().add("architecture");
    root.setTop(new VBox(toolbar(), errorLabel(Side.LEFT), errorLabel(Side.RIGHT)));

    diagram.setId("diagram");
    diagram.setFocusTraversable(true);
    diagram.getProperties().put(PresenterKeys.KEEPS_ARROWS, true); // → and ← open and fold blocks
    diagram.setOnMouseClicked(e -> {
      diagram.requestFocus();
      double x = e.getX() / zoom;
      double y = e.getY() / zoom;
      Optional<Selection> toggle = drawing.toggleAt(x, y);
      if (toggle.isPresent()) {
        model.select(toggle.get().side(), toggle.get().layer());
        model.folding().toggle(toggle.get().side(), toggle.get().layer());
        return;
      }
      drawing.at(x, y).ifPresent(s -> {
        model.select(s.side(), s.layer());
        if (e.getClickCount() == 2) {
          model.folding().toggle(s.side(), s.layer());
        }
      });
    });
    // keyboard: → or Enter opens the selected block, ← folds it (or the block around a layer)
    diagram.setOnKeyPressed(e -> {
      switch (e.getCode()) {
        case RIGHT, ENTER, ADD, PLUS -> model.folding().expandSelected();
        case LEFT, SUBTRACT, MINUS -> model.folding().collapseSelected();
        default -> {
          return;
        }
      }
      e.consume();
    });
    StackPane holder = new StackPane(diagram);
    holder.setAlignment(Pos.TOP_LEFT);
    holder.setPadding(new Insets(6));
    diagramScroll = new ScrollPane(holder);
    diagramScroll.setId("diagramScroll");
    diagramScroll.getStyleClass().add("diagram-scroll");

    VBox side = new VBox(8, table.header(), table.node(), predictBar(), arithmetic(), new LayerEditor(model, timing::mark).node(), exports());
    if (structure != null) {
      side.getChildren().add(2, structure.createView());
      structure.attach(root, table.node(), diagram, (x, y) -> drawing.at(x, y));
    }
    side.setPadding(new Insets(8));
    VBox.setVgrow(table.node(), Priority.ALWAYS);
    table.node().setMinHeight(Region.USE_PREF_SIZE); // a zoomed 720-line screen scrolls, the table keeps its rows
    table.node().setPrefHeight(300);
    ScrollPane sideScroll = new ScrollPane(side);
    sideScroll.setFitToWidth(true);
    sideScroll.setFitToHeight(true);

    SplitPane split = new SplitPane(diagramScroll, sideScroll);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.57);
    root.setCenter(split);

    root.setBottom(timing.node());

    initListeners(root);
    redrawDiagram();
    table.fill();
    return root;
  }

  private void initListeners(Parent root) {
    // presenter zoom sets the window's font size; the canvas grows with it (13 px is the app's base)
    zoomProbe.fontProperty().addListener((o, a, f) -> {
      double z = Math.max(1, f.getSize() / 13.0);
      if (Math.abs(z - zoom) > 1e-3) {
        zoom = z;
        table.zoom(z);
        redrawDiagram();
      }
    });
    // CSS does not reach a canvas: the diagram takes the theme's background and text colour
    zoomProbe.textFillProperty().addListener((o, a, f) -> followTheme());
    diagram.sceneProperty().addListener((o, a, scene) -> followTheme());
    model.selectionProperty().addListener((o, a, b) -> {
      redrawDiagram();
      table.selectRow();
      Platform.runLater(this::revealSelection); // after the layout that sizes the canvas
    });
    // one redraw per change; the table updates the rows that changed in place (LayerTable.fill)
    model.revisionProperty().addListener((o, a, b) -> {
      redrawDiagram();
      table.fill();
    });
    model.tableSideProperty().addListener((o, a, b) -> table.fill());
    // the time a student waits, from the edit to the laid-out redraw (shown with "Show timings")
    model.recomputeNanosProperty().addListener((o, a, b) -> timing.recomputed(root.getScene(), b.longValue()));
  }

  // ---- toolbar -------------------------------------------------------------------------------

  private Node toolbar() {
    Spinner<Integer> size = new Spinner<>();
    size.setId("inputSize");
    size.setEditable(true);
    size.setPrefWidth(100);
    SpinnerValueFactory.IntegerSpinnerValueFactory factory =
        new SpinnerValueFactory.IntegerSpinnerValueFactory(
            ArchitectureViewModel.MIN_INPUT, ArchitectureViewModel.MAX_INPUT, model.inputSizeProperty().get());
    size.setValueFactory(factory);
    LayerEditor.tolerant(factory);
    factory.valueProperty().addListener((o, a, b) -> {
      if (b != null && (b != model.inputSizeProperty().get() || model.bookSizesProperty().get())) {
        timing.mark();
        model.useInputSize(b);
      }
    });
    model.inputSizeProperty().addListener((o, a, b) -> factory.setValue(b.intValue()));
    CheckBox own = new CheckBox("each at its book size");
    own.setId("bookSizes");
    own.setTooltip(new Tooltip("LeNet at 28×28, AlexNet at 224×224, … as the book feeds them;"
        + " typing a size uses it for both"));
    own.selectedProperty().bindBidirectional(model.bookSizesProperty());

    HBox bar = new HBox(8, zoomProbe, own, new Label("or both at:"), size);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (int s : new int[] {28, 32, 96, 224}) {
      Button b = new Button(s + "×" + s);
      b.setId("size-" + s);
      b.getStyleClass().add("small");
      b.setOnAction(e -> {
        timing.mark();
        model.useInputSize(s);
      });
      bar.getChildren().add(b);
    }
    HBox models = new HBox(8, new Label("Left:"), picker(Side.LEFT), new Label("Right:"), picker(Side.RIGHT));
    models.setAlignment(Pos.CENTER_LEFT);
    // two groups that wrap onto two lines when the zoom makes them too wide for one
    FlowPane both = new FlowPane(24, 6, bar, models);
    both.setPadding(new Insets(8, 10, 6, 10));
    return both;
  }

  private ComboBox<NetworkSpec> picker(Side side) {
    ComboBox<NetworkSpec> picker = new ComboBox<>();
    picker.setId("model-" + side.name().toLowerCase());
    picker.getItems().setAll(model.models());
    picker.setConverter(new StringConverter<>() {
      @Override
      public String toString(NetworkSpec s) {
        return s == null ? "" : s.title();
      }

      @Override
      public NetworkSpec fromString(String s) {
        return null;
      }
    });
    picker.setValue(model.bookProperty(side).get());
    picker.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        model.bookProperty(side).set(b);
      }
    });
    model.bookProperty(side).addListener((o, a, b) -> picker.setValue(b));
    return picker;
  }

  private Label errorLabel(Side side) {
    Label error = new Label();
    error.setId("error-" + side.name().toLowerCase());
    error.getStyleClass().add("shape-error");
    error.setWrapText(true);
    error.setPadding(new Insets(0, 10, 4, 10));
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    error.setText(ArchitectureViewModel.errorText(model.summary(side)));
    model.summaryProperty(side).addListener((o, a, b) -> error.setText(ArchitectureViewModel.errorText(b)));
    return error;
  }

  // ---- diagram -------------------------------------------------------------------------------

  private void followTheme() {
    DiagramColours next = DiagramColours.forWindow(diagram.getScene(), zoomProbe.getTextFill());
    if (!next.equals(colours)) {
      colours = next;
      redrawDiagram();
    }
  }

  /** Brings the selected slot into view (a lesson step may select one presenter zoom put below the fold). */
  private void revealSelection() {
    Selection sel = model.selectionProperty().get();
    if (sel != null && diagramScroll != null && drawing != null) {
      drawing.hits().values().stream().filter(h -> !h.toggle() && h.selection().equals(sel)).findFirst()
          .ifPresent(h -> ScrollIntoView.show(diagramScroll, h.area(), zoom, 6));
    }
  }

  private void redrawDiagram() {
    DiagramHints hints = new DiagramHints() {
      @Override
      public boolean hidden(Side side, String layer, Column column) {
        return model.prediction().isHidden(side, layer, column);
      }

      @Override
      public boolean answeredRight(Side side, String layer, Column column) {
        return model.prediction().isAnsweredRight(side, layer, column);
      }

      @Override
      public boolean collapsed(Side side, String block) {
        return model.folding().isCollapsed(side, block);
      }
    };
    drawing = Diagram.draw(diagram, model.summary(Side.LEFT), model.summary(Side.RIGHT),
        model.selectionProperty().get(), hints, zoom, colours);
    // what was drawn, by id, for tests and tools (a canvas has no child nodes to look up)
    diagram.getProperties().put(Diagram.Drawing.class, drawing);
  }

  // ---- predict-then-reveal -------------------------------------------------------------------

  private Node predictBar() {
    CheckBox shapes = new CheckBox("Hide output shapes");
    shapes.setId("hideShapes");
    shapes.selectedProperty().bindBidirectional(model.prediction().hideShapesProperty());
    CheckBox params = new CheckBox("Hide parameters");
    params.setId("hideParams");
    params.selectedProperty().bindBidirectional(model.prediction().hideParamsProperty());
    Button one = new Button("Reveal layer");
    one.setId("revealLayer");
    one.getStyleClass().add("small");
    one.setOnAction(e -> model.revealSelected());
    Button all = new Button("Reveal all");
    all.setId("revealAll");
    all.getStyleClass().add("small");
    all.setOnAction(e -> model.prediction().revealAll());
    Label score = new Label();
    score.setId("score");
    score.getStyleClass().add("score");
    model.revisionProperty().addListener((o, a, b) -> score.setText(model.prediction().score()));
    one.disableProperty().bind(model.prediction().hideShapesProperty().or(model.prediction().hideParamsProperty()).not());
    all.disableProperty().bind(one.disableProperty());
    FlowPane bar = new FlowPane(10, 4, new Label("Predict:"), shapes, params, one, all, score);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  // ---- arithmetic and editor -----------------------------------------------------------------

  private Node arithmetic() {
    Label text = new Label();
    text.setId("arithmetic");
    text.getStyleClass().add("arithmetic");
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    text.setMinHeight(Region.USE_PREF_SIZE);
    text.setPrefHeight(136); // seven lines: the panels below do not jump as the selection changes
    text.textProperty().bind(model.arithmeticProperty().map(lines -> String.join("\n", lines)));
    return text;
  }

  // ---- export --------------------------------------------------------------------------------

  private Node exports() {
    Button png = Exports.button(exportStatus, "exportDiagram", "Diagram → PNG", "diagram.png", f -> Exports.writePng(f, diagramImage()));
    Button tablePng = Exports.button(exportStatus, "exportTable", "Table → PNG", "table.png", f -> Exports.writePng(f, tableImage()));
    Button csv = Exports.button(exportStatus, "exportCsv", "Table → CSV", "layers.csv", model::exportCsv);
    Button copy = new Button("Copy layer_summary");
    copy.setId("copySummary");
    copy.setMnemonicParsing(false);
    copy.getStyleClass().add("small");
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(model.layerSummaryText());
      Clipboard.getSystemClipboard().setContent(content);
      exportStatus.setText("copied the layer_summary of both networks");
    });
    exportStatus.setId("exportStatus");
    exportStatus.getStyleClass().add("timing");
    FlowPane bar = new FlowPane(6, 4, new Label("Export:"), png, tablePng, csv, copy, exportStatus);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  /**
   * The whole table (every row, not only those scrolled into view) as an image: a copy of the table
   * tall enough for all rows is laid out off screen with the window's styles and snapshot.
   */
  public Image tableImage() {
    LayerTable copy = new LayerTable(model);
    TableView<Row> t = copy.node();
    copy.fill();
    t.getSelectionModel().clearSelection();
    t.setFixedCellSize(24);
    StackPane holder = new StackPane(t);
    holder.getStyleClass().add("architecture");
    double width = Math.max(560, table.node().getWidth());
    Scene scene = new Scene(holder, width, 40 + 24 * (t.getItems().size() + 1));
    if (table.node().getScene() != null) {
      scene.getStylesheets().setAll(table.node().getScene().getStylesheets());
    }
    holder.applyCss();
    holder.layout();
    return snapshot(t);
  }

  /** The whole diagram (not only the part scrolled into view) as an image. */
  public Image diagramImage() {
    return snapshot(diagram);
  }

  private static Image snapshot(Node node) {
    SnapshotParameters p = new SnapshotParameters();
    p.setFill(Color.WHITE);
    return node.snapshot(p, null);
  }
}
