package studio.convnet.app.augmentation;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.control.Labeled;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import studio.convnet.app.common.ZoomWidth;
import studio.convnet.app.augmentation.Previews.Preview;
import studio.convnet.app.augmentation.Previews.StripImage;
import studio.convnet.engine.arch.NetworkSpec;

/**
 * The augmentation lab: pick an example and a network, switch operations on and tune them, and see
 * the pipeline stage by stage and a grid of what training would feed the network.
 */
public final class AugmentationView {

  private final AugmentationViewModel model;

  public AugmentationView(AugmentationViewModel model) {
    this.model = model;
  }

  /** The main window's "Augmentation" tab (id {@code tab-augmentation}). */
  public static javafx.scene.control.Tab tab(AugmentationViewModel model) {
    javafx.scene.control.Tab tab = new javafx.scene.control.Tab(
        "Augmentation", new AugmentationView(model).createView());
    tab.setId("tab-augmentation");
    return tab;
  }

  public Parent createView() {
    VBox controls = new VBox(10, imagePicker(), networkPicker());
    for (OpSettings op : model.ops()) {
      controls.getChildren().add(opBox(op));
    }
    controls.setPadding(new Insets(10));
    controls.setId("augmentationControls");
    ScrollPane left = new ScrollPane(controls);
    left.setFitToWidth(true);
    // 390 / 330 px, wider at the presenter's zoom once the text in it needs it (436 / 375 px at 152 %)
    Labeled font = (Labeled) controls.lookup(".column-head");
    left.prefWidthProperty().bind(ZoomWidth.atLeast(390, 22, font));
    left.minWidthProperty().bind(ZoomWidth.atLeast(330, 19, font));
    left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

    BorderPane root = new BorderPane(previewPane());
    root.setLeft(left);
    root.getStyleClass().add("augmentation");
    root.getStylesheets().add(AugmentationView.class.getResource("augmentation.css").toExternalForm());
    return root;
  }

  // ------------------------------------------------------------------ left: example, network, ops

  private Node imagePicker() {
    ComboBox<String> cls = new ComboBox<>();
    cls.setId("augClass");
    cls.getItems().setAll(model.classNames());
    cls.setPromptText("class");
    if (model.currentLabel() >= 0) {
      cls.getSelectionModel().select(model.currentLabel());
    }
    cls.setOnAction(e -> {
      int i = cls.getSelectionModel().getSelectedIndex();
      if (i >= 0 && i != model.currentLabel()) {
        model.selectClass(i);
      }
    });

    Spinner<Integer> index = new Spinner<>();
    index.setId("augIndex");
    index.setEditable(true);
    index.setPrefWidth(95);
    SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(
        0, Math.max(0, model.imageCount() - 1), model.indexProperty().get());
    index.setValueFactory(f);
    f.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        model.indexProperty().set(b);
      }
    });
    model.indexProperty().addListener((o, a, b) -> {
      f.setValue(b.intValue());
      if (model.currentLabel() >= 0) {
        cls.getSelectionModel().select(model.currentLabel());
      }
    });

    Button prev = new Button("◀");
    prev.setId("augPrev");
    prev.setTooltip(new Tooltip("Previous image of this class"));
    prev.setOnAction(e -> model.previous());
    Button next = new Button("▶");
    next.setId("augNext");
    next.setTooltip(new Tooltip("Next image of this class"));
    next.setOnAction(e -> model.next());

    Button open = new Button("Open image…");
    open.setId("augOpen");
    open.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Open an image (made grey, 28×28)");
      chooser.getExtensionFilters().addAll(
          new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"),
          new FileChooser.ExtensionFilter("All files", "*.*"));
      File file = chooser.showOpenDialog(open.getScene().getWindow());
      if (file != null) {
        model.openImage(file.toPath());
      }
    });
    Button back = new Button("FashionMNIST");
    back.setId("augBackToDataset");
    back.setTooltip(new Tooltip("Back to the dataset image"));
    back.visibleProperty().bind(model.customImageProperty());
    back.managedProperty().bind(back.visibleProperty());
    back.setOnAction(e -> model.useDataset());

    Label title = new Label();
    title.setId("augImageTitle");
    title.textProperty().bind(model.imageTitleProperty());
    title.getStyleClass().add("column-head");
    Label err = inlineError("augImageError");
    err.textProperty().bind(model.imageErrorProperty());

    HBox row1 = new HBox(6, cls, prev, next);
    row1.setAlignment(Pos.CENTER_LEFT);
    Label indexLabel = new Label("test image");
    indexLabel.setMinWidth(Region.USE_PREF_SIZE);
    open.setMinWidth(Region.USE_PREF_SIZE);
    // wraps rather than cutting "test im…" / "Open imag…" (high-contrast's bold text at 132 %)
    javafx.scene.layout.FlowPane row2 = new javafx.scene.layout.FlowPane(6, 6, indexLabel, index, open, back);
    row2.setAlignment(Pos.CENTER_LEFT);
    return section("Example (FashionMNIST test set)", row1, row2, title, err);
  }

  private Node networkPicker() {
    ComboBox<NetworkSpec> picker = new ComboBox<>();
    picker.setId("augModel");
    picker.getItems().setAll(model.models());
    picker.setConverter(new StringConverter<>() {
      @Override
      public String toString(NetworkSpec s) {
        return s == null ? "" : s.title() + " · " + s.defaultInputSize() + "×" + s.defaultInputSize();
      }

      @Override
      public NetworkSpec fromString(String s) {
        return null;
      }
    });
    picker.setValue(model.modelProperty().get());
    picker.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        model.modelProperty().set(b);
      }
    });
    model.modelProperty().addListener((o, a, b) -> picker.setValue(b));
    return section("Network (sets the input size)", picker);
  }

  private Node opBox(OpSettings op) {
    CheckBox on = new CheckBox(op.title());
    on.setId("op-" + op.name());
    on.getStyleClass().add("op-title");
    on.selectedProperty().bindBidirectional(op.enabledProperty());
    VBox box = new VBox(4, on);
    if (!op.note().isEmpty()) {
      Label note = new Label(op.note());
      note.getStyleClass().add("op-note");
      note.setWrapText(true);
      box.getChildren().add(note);
    }
    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(2);
    // the name and value columns as wide as their text at any zoom (fixed pixels cut them at 132 %)
    ColumnConstraints c0 = new ColumnConstraints();
    c0.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints c1 = new ColumnConstraints();
    c1.setHgrow(Priority.ALWAYS);
    ColumnConstraints c2 = new ColumnConstraints();
    c2.setMinWidth(Region.USE_PREF_SIZE);
    grid.getColumnConstraints().addAll(c0, c1, c2);
    int row = 0;
    for (OpSettings.Param p : op.params()) {
      Slider s = new Slider(p.min(), p.max().get(), p.value().get());
      s.setId("op-" + op.name() + "-" + p.id());
      s.maxProperty().bind(p.max());
      s.valueProperty().bindBidirectional(p.value());
      Label value = new Label();
      value.textProperty().bind(Bindings.createStringBinding(
          () -> OpSettings.fmt(p.value().get()), p.value()));
      value.getStyleClass().add("shape");
      Label name = new Label(p.label());
      name.setMinWidth(Region.USE_PREF_SIZE);
      value.setStyle("-fx-min-width: 4.5em;"); // wider when its text needs it; no jumps while sliding
      grid.addRow(row++, name, s, value);
      if ("value".equals(p.key()) && !op.flagLabel().isEmpty()) {
        CheckBox flag = new CheckBox(op.flagLabel());
        flag.setId("op-" + op.name() + "-random");
        flag.setWrapText(true); // "random no…" at 152 %
        flag.setMinHeight(Region.USE_PREF_SIZE);
        flag.selectedProperty().bindBidirectional(op.randomFillProperty());
        s.disableProperty().bind(op.randomFillProperty());
        grid.add(flag, 1, row++);
      }
    }
    grid.disableProperty().bind(op.enabledProperty().not());
    box.getChildren().add(grid);
    box.getStyleClass().add("op-box");
    box.setPadding(new Insets(6, 8, 6, 8));
    return box;
  }

  // ------------------------------------------------------------------ right: spec, strip, grid

  private Node previewPane() {
    Button reroll = new Button("Re-roll");
    reroll.setId("reroll");
    reroll.setTooltip(new Tooltip("New random draws (a new seed)"));
    reroll.setOnAction(e -> model.reroll());
    Label seed = new Label();
    seed.setId("augSeed");
    seed.textProperty().bind(model.seedProperty().asString("seed %d"));
    Label timing = new Label();
    timing.setId("augTiming");
    timing.getStyleClass().add("totals");
    Button use = new Button("Use this pipeline for training");
    use.setId("useForTraining");
    use.getStyleClass().add("accent");
    use.disableProperty().bind(model.errorProperty().isNotEmpty());
    use.setOnAction(e -> model.useForTraining());
    Label status = new Label();
    status.setId("augStatus");
    status.textProperty().bind(model.statusProperty());
    status.getStyleClass().add("totals");
    status.setWrapText(true);
    status.managedProperty().bind(status.textProperty().isNotEmpty());
    status.visibleProperty().bind(status.textProperty().isNotEmpty());
    HBox bar = new HBox(10, reroll, seed, timing, use);
    bar.setAlignment(Pos.CENTER_LEFT);

    TextField spec = new TextField();
    spec.setId("augSpec");
    spec.setPromptText("e.g. hflip:p=0.5 crop:scale=0.6-1 rotate:deg=15 noise:std=0.05 (Enter applies)");
    spec.getStyleClass().add("shape");
    spec.setText(model.specTextProperty().get());
    model.specTextProperty().addListener((o, a, b) -> {
      if (!spec.isFocused() || !b.equals(spec.getText())) {
        spec.setText(b);
      }
    });
    spec.setOnAction(e -> model.applySpecText(spec.getText()));
    Button apply = new Button("Apply text");
    apply.setId("augApplySpec");
    apply.setOnAction(e -> model.applySpecText(spec.getText()));
    HBox specRow = new HBox(6, new Label("--augment"), spec, apply);
    specRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(spec, Priority.ALWAYS);
    Label error = inlineError("augError");
    error.textProperty().bind(model.errorProperty());
    Label note = new Label();
    note.setId("augNote");
    note.textProperty().bind(model.noteProperty());
    note.getStyleClass().add("totals");
    note.managedProperty().bind(note.textProperty().isNotEmpty());
    note.visibleProperty().bind(note.textProperty().isNotEmpty());

    HBox strip = new HBox(6);
    strip.setId("augStrip");
    strip.setFillHeight(false);
    strip.setAlignment(Pos.TOP_LEFT);
    ScrollPane stripScroll = new ScrollPane(strip);
    stripScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

    DrawsPane draws = new DrawsPane();
    draws.setId("augDraws");
    Label gridTitle = new Label();
    gridTitle.setId("augGridTitle");
    gridTitle.getStyleClass().add("column-head");
    gridTitle.setWrapText(true); // at 132 % it ran past the pane's right edge
    gridTitle.setMinHeight(Region.USE_PREF_SIZE);
    VBox.setVgrow(draws, Priority.ALWAYS);
    Runnable title = () -> {
      Preview p = model.previewProperty().get();
      if (p != null) {
        gridTitle.setText(Previews.GRID * Previews.GRID + " draws as the network is fed them: " + p.inputSize()
            + "×" + p.inputSize() + ", " + draws.scaleText() + " (the first is the pipeline below)");
      }
    };
    draws.cellSideProperty().addListener((o, a, b) -> title.run());

    Runnable refresh = () -> {
      Preview p = model.previewProperty().get();
      if (p == null) {
        return;
      }
      draws.show(p.variants(), p.inputSize(), p.zoom());
      title.run();
      timing.setText(String.format(Locale.ROOT, "computed in %.1f ms", p.nanos() / 1e6));
      strip.getChildren().clear();
      for (int i = 0; i < p.strip().size(); i++) {
        if (i > 0) {
          Label arrow = new Label("→");
          arrow.getStyleClass().add("strip-arrow");
          strip.getChildren().add(arrow);
        }
        strip.getChildren().add(stage(p.strip().get(i)));
      }
      // room for the stages and the horizontal scroll bar under them (not over them)
      strip.applyCss();
      double h = strip.prefHeight(-1) + 18;
      stripScroll.setMinHeight(h);
      stripScroll.setPrefHeight(h);
    };
    model.previewProperty().addListener((o, a, b) -> refresh.run());
    refresh.run();

    Label stripTitle = new Label("The pipeline, in order, for the first draw");
    stripTitle.getStyleClass().add("column-head");
    // the draws first, as large as the window allows: at 1280×720 they were drawn below the strip, out
    // of view; the strip follows them and the pane scrolls to it where the window is too short
    VBox right = new VBox(8, bar, status, specRow, error, note, gridTitle, draws, stripTitle, stripScroll);
    right.setPadding(new Insets(10));
    ScrollPane scroll = new ScrollPane(right);
    scroll.setId("augPreviewScroll");
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    return scroll;
  }

  private static Node stage(StripImage s) {
    ImageView view = new ImageView(s.image().toImage());
    view.setSmooth(false);
    Label title = new Label(s.title());
    title.getStyleClass().add("column-head");
    Label detail = new Label(s.detail());
    detail.getStyleClass().add("totals");
    Label size = new Label(s.size() + "×" + s.size());
    size.getStyleClass().add("totals");
    VBox box = new VBox(2, title, view, size, detail);
    box.getStyleClass().add("strip-stage");
    if (!s.applied()) {
      box.getStyleClass().add("skipped");
    }
    return box;
  }

  private static Label inlineError(String id) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("shape-error");
    l.setWrapText(true);
    l.managedProperty().bind(l.textProperty().isNotEmpty());
    l.visibleProperty().bind(l.textProperty().isNotEmpty());
    return l;
  }

  private static Node section(String title, Node... children) {
    Label head = new Label(title);
    head.getStyleClass().add("column-head");
    VBox box = new VBox(6, head);
    box.getChildren().addAll(children);
    return box;
  }
}
