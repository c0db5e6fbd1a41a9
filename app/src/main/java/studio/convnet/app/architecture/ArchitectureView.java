package studio.convnet.app.architecture;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;

/** Two layer stacks side by side with output shapes and parameter counts at one input size. */
public final class ArchitectureView {

  private final ArchitectureViewModel model;

  public ArchitectureView(ArchitectureViewModel model) {
    this.model = model;
  }

  public Parent createView() {
    Spinner<Integer> size = new Spinner<>();
    size.setId("inputSize");
    size.setEditable(true);
    size.setPrefWidth(110);
    SpinnerValueFactory.IntegerSpinnerValueFactory factory =
        new SpinnerValueFactory.IntegerSpinnerValueFactory(
            ArchitectureViewModel.MIN_INPUT, ArchitectureViewModel.MAX_INPUT, model.inputSizeProperty().get());
    size.setValueFactory(factory);
    factory.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        model.inputSizeProperty().set(b);
      }
    });
    model.inputSizeProperty().addListener((o, a, b) -> factory.setValue(b.intValue()));

    HBox presets = new HBox(4);
    for (int s : new int[] {28, 32, 96, 224}) {
      Button b = new Button(s + "×" + s);
      b.setId("size-" + s);
      b.getStyleClass().add("small");
      b.setOnAction(e -> model.inputSizeProperty().set(s));
      presets.getChildren().add(b);
    }

    Label sizeLabel = new Label("Input size (pixels):");
    HBox top = new HBox(10, sizeLabel, size, presets);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(10));

    HBox columns = new HBox(16,
        column("left", model.leftProperty(), model.leftSummaryProperty()),
        column("right", model.rightProperty(), model.rightSummaryProperty()));
    columns.setPadding(new Insets(0, 10, 10, 10));
    columns.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));

    ScrollPane scroll = new ScrollPane(columns);
    scroll.setFitToWidth(true);
    BorderPane root = new BorderPane(scroll);
    root.setTop(top);
    root.getStyleClass().add("architecture");
    return root;
  }

  private VBox column(String side, ObjectProperty<NetworkSpec> network, ReadOnlyObjectProperty<Summary> summary) {
    ComboBox<NetworkSpec> picker = new ComboBox<>();
    picker.setId("model-" + side);
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
    picker.setValue(network.get());
    picker.valueProperty().addListener((o, a, b) -> {
      if (b != null) {
        network.set(b);
      }
    });

    Label totals = new Label();
    totals.setId("totals-" + side);
    totals.getStyleClass().add("totals");
    Label error = new Label();
    error.setId("error-" + side);
    error.getStyleClass().add("shape-error");
    error.setWrapText(true);
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    GridPane rows = new GridPane();
    rows.setHgap(10);
    rows.setVgap(3);
    rows.getStyleClass().add("layer-grid");

    Runnable refresh = () -> fill(rows, totals, error, summary.get());
    summary.addListener((o, a, b) -> refresh.run());
    refresh.run();

    HBox header = new HBox(10, picker, totals);
    header.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, header, error, rows);
    box.getStyleClass().add("network-column");
    box.setPadding(new Insets(10));
    return box;
  }

  private static void fill(GridPane grid, Label totals, Label error, Summary s) {
    grid.getChildren().clear();
    String id = s.spec().id();
    String[] heads = {"", "layer", "type", "hyper-parameters", "output shape", "params"};
    for (int c = 0; c < heads.length; c++) {
      Label h = new Label(heads[c]);
      h.getStyleClass().add("column-head");
      grid.add(h, c, 0);
    }
    long maxVolume = 1;
    for (LayerRow r : s.rows()) {
      maxVolume = Math.max(maxVolume, volume(r.outShape()));
    }
    int row = 1;
    for (LayerRow r : s.rows()) {
      Region bar = new Region();
      bar.getStyleClass().addAll("volume-bar", "stage-" + r.stage(), "type-" + r.type().toLowerCase());
      // block width ~ log of the output volume, so 6×28×28 and 6400 are both visible
      double w = 8 + 72 * Math.log1p(volume(r.outShape())) / Math.log1p(maxVolume);
      bar.setPrefSize(w, 14);
      bar.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
      Label shape = new Label(r.outShapeText());
      shape.setId("shape-" + id + "-" + r.name());
      shape.getStyleClass().add("shape");
      Label params = new Label(r.params() == 0 ? "–" : Summaries.num(r.params()));
      params.setId("params-" + id + "-" + r.name());
      grid.addRow(row++, bar, new Label(r.name()), new Label(r.type()), new Label(r.description()), shape, params);
    }
    s.error().ifPresent(e -> {
      Label name = new Label(e.layer());
      name.getStyleClass().add("shape-error");
      Label dead = new Label("✗ empty output");
      dead.setId("shape-" + id + "-" + e.layer());
      dead.getStyleClass().add("shape-error");
      grid.add(name, 1, grid.getRowCount());
      grid.add(dead, 4, grid.getRowCount() - 1);
    });
    totals.setText(String.format("input %d×%d×%d · %s params · %s multiply-adds",
        s.spec().inputChannels(), s.inputSize(), s.inputSize(), Summaries.num(s.totalParams()),
        Summaries.num(s.totalMacs())) + (s.ok() ? "" : " (up to the broken layer)"));
    error.setText(ArchitectureViewModel.errorText(s));
  }

  private static long volume(int[] shape) {
    long v = 1;
    for (int d : shape) {
      v *= d;
    }
    return v;
  }

  static String shapeOf(Summary s, String layer) {
    return s.row(layer).map(LayerRow::outShapeText).orElse("");
  }

  static String formula(Summary s, String layer) {
    return s.row(layer).map(LayerRow::formula).orElse(ShapeInference.class.getSimpleName());
  }
}
