package studio.convnet.app.training;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.PropertyEditor;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.Precision;
import studio.convnet.engine.train.TrainingConfig;

/** The run's hyperparameters as a ControlsFX PropertySheet bound to the view-model's properties. */
final class SettingsSheet {

  static final String MOMENTUM = "Momentum";

  private SettingsSheet() {}

  /** "all (60 000)" for 0, the number otherwise. */
  static String allOrCount(int value, int all) {
    return value <= 0 ? String.format(java.util.Locale.ROOT, "all (%,d)", all).replace(',', ' ') : Integer.toString(value);
  }

  /** 0 for "all" (or nothing), the number for digits (spaces and commas allowed), null for anything else. */
  static Integer parseAllOrCount(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty() || t.startsWith("all")) {
      return 0;
    }
    String digits = t.replace(" ", "").replace(",", "").replace("\u00a0", "");
    return digits.matches("\\d{1,9}") ? Integer.valueOf(digits) : null;
  }

  /** A text field that shows 0 as "all (60 000)" and takes "all" or a number; other text is refused. */
  private static PropertyEditor<?> allOrCount(Item item) {
    TextField field = new TextField();
    ObjectProperty<Object> value = new SimpleObjectProperty<>(item.getValue());
    Runnable commit = () -> {
      Integer n = parseAllOrCount(field.getText());
      if (n != null) {
        value.set(n);
      }
      field.setText(allOrCount(((Number) value.get()).intValue(), item.all));
    };
    field.setOnAction(e -> commit.run());
    field.focusedProperty().addListener((o, was, now) -> {
      if (!now) {
        commit.run();
      }
    });
    field.setText(allOrCount(((Number) value.get()).intValue(), item.all));
    return new AbstractPropertyEditor<Object, TextField>(item, field) {
      @Override
      protected ObservableValue<Object> getObservableValue() {
        return value;
      }

      @Override
      public void setValue(Object v) {
        value.set(v);
        field.setText(allOrCount(((Number) v).intValue(), item.all));
      }
    };
  }

  /** A sheet row backed by a JavaFX property (so presets update the editors). */
  static class Item implements PropertySheet.Item {
    private final String category, name, description;
    private final Class<?> type;
    private final Property<Object> property;
    final List<?> choices;
    /** For image counts: what 0 means ("all 60 000"), shown as the word "all"; 0 for other rows. */
    int all;

    @SuppressWarnings("unchecked")
    Item(String category, String name, String description, Class<?> type, Property<?> property, List<?> choices) {
      this.category = category;
      this.name = name;
      this.description = description;
      this.type = type;
      this.property = (Property<Object>) property;
      this.choices = choices;
    }

    Item all(int count) {
      this.all = count;
      return this;
    }

    @Override public Class<?> getType() { return type; }
    @Override public String getCategory() { return category; }
    @Override public String getName() { return name; }
    @Override public String getDescription() { return description; }
    @Override public Object getValue() { return property.getValue(); }

    @Override
    public void setValue(Object value) {
      if (value == null) {
        return;
      }
      if (type == Integer.class && value instanceof Number n) {
        property.setValue(n.intValue());
      } else if (type == Double.class && value instanceof Number n) {
        property.setValue(n.doubleValue());
      } else if (type == Long.class && value instanceof Number n) {
        property.setValue(n.longValue());
      } else {
        property.setValue(value);
      }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
      return Optional.of(property);
    }
  }

  /**
   * The sheet's skin gives each name label a minimum of 100 px, so a narrow pane cut "Filter snapshot
   * every" to "Filter snapshot…" even at 100 %: once the editor is placed next to its label, the label
   * keeps its whole text and the editor (which grows to fill the row) gives way instead.
   */
  private static void keepLabelWhole(Node editor) {
    editor.parentProperty().addListener((o, was, pane) -> {
      if (pane != null) {
        for (Node n : pane.getChildrenUnmodifiable()) {
          if (n instanceof Label l && l.getLabelFor() == editor) {
            l.setMinWidth(Region.USE_PREF_SIZE);
          }
        }
      }
    });
  }

  static PropertySheet create(TrainingViewModel vm) {
    PropertySheet sheet = new PropertySheet();
    sheet.setId("settingsSheet");
    sheet.setMode(PropertySheet.Mode.NAME);
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    DefaultPropertyEditorFactory def = new DefaultPropertyEditorFactory();
    sheet.setPropertyEditorFactory(item -> {
      PropertyEditor<?> editor;
      if (item instanceof Item i && i.choices != null) {
        editor = Editors.createChoiceEditor(item, i.choices);
      } else if (item instanceof Item i && i.all > 0) {
        editor = allOrCount(i);
      } else {
        editor = def.call(item);
      }
      keepLabelWhole(editor.getEditor());
      return editor;
    });
    String net = "1 · Network", opt = "2 · Optimisation", data = "3 · Data and device";
    List<Item> items = List.of(
        new Item(net, "Model", "zoo id: lenet (d2l §7.6), lenet-modern (ReLU, max-pool, batch norm), alexnet (§8.1)",
            String.class, vm.modelProperty(), vm.models()),
        new Item(net, "Input size", "images are resized to this side length (the book: 28 for LeNet, 224 for AlexNet)",
            Integer.class, vm.inputSizeProperty(), null),
        new Item(opt, "Optimizer", "SGD, SGD with momentum, or Adam", TrainingConfig.OptimizerKind.class,
            vm.optimizerProperty(), null),
        new Item(opt, "Learning rate", "step size", Double.class, vm.learningRateProperty(), null),
        new Item(opt, MOMENTUM, "for SGD_MOMENTUM only (plain SGD and Adam have none)", Double.class,
            vm.momentumProperty(), null),
        new Item(opt, "Weight decay", "L2 penalty", Double.class, vm.weightDecayProperty(), null),
        new Item(opt, "Batch size", "images per step", Integer.class, vm.batchSizeProperty(), null),
        new Item(opt, "Epochs", "passes over the training images", Integer.class, vm.epochsProperty(), null),
        new Item(data, "Training images", "all, or a number for a quick demo (a seeded subset)", Integer.class,
            vm.maxTrainProperty(), null).all(60_000),
        new Item(data, "Test images", "all, or a number (a seeded subset)", Integer.class, vm.maxTestProperty(), null)
            .all(10_000),
        new Item(data, "Seed", "random seed (initialisation, shuffling)", Long.class, vm.seedProperty(), null),
        new Item(data, "Device", "auto takes a GPU when the engine sees one", DeviceChoice.class,
            vm.deviceProperty(), null),
        new Item(data, "Precision", "FP32, or BF16 mixed precision (fast on CPUs with AVX-512-BF16 or AMX; "
            + "parameters stay FP32)", Precision.class, vm.precisionProperty(), null),
        new Item(data, "Filter snapshot every", "batches between filter snapshots", Integer.class,
            vm.filterEveryProperty(), null),
        new Item(data, "Probe images", "test image numbers for the Activations tab, e.g. 0, 7, 42 (empty: the"
            + " engine's choice)", String.class, vm.probesProperty(), null),
        new Item(data, "Augmentation", "pipeline text as in train --augment, e.g. hflip crop:scale=0.6..1 (empty:"
            + " none); the Augmentation tab's 'Use for training' fills it", String.class, vm.augmentProperty(), null));
    // momentum only where the optimizer uses it
    Runnable rows = () -> sheet.getItems().setAll(items.stream().filter(i -> !i.getName().equals(MOMENTUM)
        || vm.optimizerProperty().get() == TrainingConfig.OptimizerKind.SGD_MOMENTUM).toList());
    vm.optimizerProperty().addListener((o, a, b) -> rows.run());
    rows.run();
    return sheet;
  }
}
