package studio.convnet.app.architecture;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected layer's editor: one spinner per editable field (channels, kernel, stride, padding,
 * window, units) of whichever layer is selected, also inside a block; a refused value is named inline
 * and its spinner outlined; a block explains that its layers are edited one by one.
 */
final class LayerEditor {

  private final ArchitectureViewModel model;
  private final Runnable markEdit;

  /** @param markEdit called just before an edit, to time it */
  LayerEditor(ArchitectureViewModel model, Runnable markEdit) {
    this.model = model;
    this.markEdit = markEdit;
  }

  /** Text that is not a number keeps the spinner's value (the default converter throws). */
  static void tolerant(SpinnerValueFactory<Integer> factory) {
    factory.setConverter(new StringConverter<>() {
      @Override
      public String toString(Integer v) {
        return v == null ? "" : v.toString();
      }

      @Override
      public Integer fromString(String s) {
        try {
          return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
          return factory.getValue();
        }
      }
    });
  }

  Node node() {
    Label title = new Label();
    title.getStyleClass().add("editor-title");
    FlowPane spinners = new FlowPane(10, 4);
    spinners.setAlignment(Pos.CENTER_LEFT);
    Label error = new Label();
    error.setId("editError");
    error.getStyleClass().add("shape-error");
    error.setWrapText(true);
    error.textProperty().bind(model.editErrorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    Button reset = new Button("Reset to the book's values");
    reset.setId("reset");
    reset.getStyleClass().add("small");
    reset.setOnAction(e -> {
      markEdit.run();
      model.resetToBook();
    });

    Runnable rebuild = () -> {
      Selection sel = model.selectionProperty().get();
      List<LayerEdits.Field> fields = model.fieldsProperty().get();
      title.setText(sel == null ? "Select a layer to edit it"
          : fields.isEmpty() && model.folding().isBlock(sel.side(), sel.layer())
              ? "Edit: " + sel.layer() + " is a block — open it and select one of its layers"
          : fields.isEmpty() ? "Edit: " + sel.layer() + " has nothing to edit"
          : "Edit " + sel.layer() + " (" + model.summary(sel.side()).spec().title() + "):");
      spinners.getChildren().clear();
      for (LayerEdits.Field f : fields) {
        Spinner<Integer> sp = new Spinner<>(f.min(), f.max(), f.value());
        tolerant(sp.getValueFactory());
        sp.setId("edit-" + f.name());
        sp.setEditable(true);
        sp.setPrefWidth(82);
        sp.valueProperty().addListener((o, a, b) -> {
          if (b != null) {
            markEdit.run();
            model.edit(f.name(), b);
          }
        });
        HBox cell = new HBox(4, new Label(f.name()), sp);
        cell.setAlignment(Pos.CENTER_LEFT);
        spinners.getChildren().add(cell);
      }
    };
    model.fieldsProperty().addListener((o, a, b) -> rebuild.run());
    model.selectionProperty().addListener((o, a, b) -> rebuild.run());
    model.editErrorFieldProperty().addListener((o, a, field) -> spinners.lookupAll(".spinner").forEach(n -> {
      n.getStyleClass().remove("field-error");
      if (("edit-" + field).equals(n.getId())) {
        n.getStyleClass().add("field-error");
      }
    }));
    rebuild.run();
    HBox head = new HBox(10, title, reset);
    head.setAlignment(Pos.CENTER_LEFT);
    return new VBox(4, head, spinners, error);
  }
}
