package studio.convnet.app.training;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.Precision;
import studio.convnet.engine.train.TrainingConfig;

/** The run's hyperparameters as a ControlsFX PropertySheet bound to the view-model's properties. */
final class SettingsSheet {

  private SettingsSheet() {}

  /** A sheet row backed by a JavaFX property (so presets update the editors). */
  static class Item implements PropertySheet.Item {
    private final String category, name, description;
    private final Class<?> type;
    private final Property<Object> property;
    final List<?> choices;

    @SuppressWarnings("unchecked")
    Item(String category, String name, String description, Class<?> type, Property<?> property, List<?> choices) {
      this.category = category;
      this.name = name;
      this.description = description;
      this.type = type;
      this.property = (Property<Object>) property;
      this.choices = choices;
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

  static PropertySheet create(TrainingViewModel vm) {
    PropertySheet sheet = new PropertySheet();
    sheet.setId("settingsSheet");
    sheet.setMode(PropertySheet.Mode.NAME);
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    DefaultPropertyEditorFactory def = new DefaultPropertyEditorFactory();
    sheet.setPropertyEditorFactory(item -> {
      if (item instanceof Item i && i.choices != null) {
        return Editors.createChoiceEditor(item, i.choices);
      }
      return def.call(item);
    });
    String net = "1 · Network", opt = "2 · Optimisation", data = "3 · Data and device";
    sheet.getItems().setAll(
        new Item(net, "Model", "zoo id: lenet (d2l §7.6), lenet-modern (ReLU, max-pool, batch norm), alexnet (§8.1)",
            String.class, vm.modelProperty(), vm.models()),
        new Item(net, "Input size", "images are resized to this side length (the book: 28 for LeNet, 224 for AlexNet)",
            Integer.class, vm.inputSizeProperty(), null),
        new Item(opt, "Optimizer", "SGD, SGD with momentum, or Adam", TrainingConfig.OptimizerKind.class,
            vm.optimizerProperty(), null),
        new Item(opt, "Learning rate", "step size", Double.class, vm.learningRateProperty(), null),
        new Item(opt, "Momentum", "for SGD_MOMENTUM", Double.class, vm.momentumProperty(), null),
        new Item(opt, "Weight decay", "L2 penalty", Double.class, vm.weightDecayProperty(), null),
        new Item(opt, "Batch size", "images per step", Integer.class, vm.batchSizeProperty(), null),
        new Item(opt, "Epochs", "passes over the training images", Integer.class, vm.epochsProperty(), null),
        new Item(data, "Training images", "0 = all 60 000; fewer for a quick demo", Integer.class,
            vm.maxTrainProperty(), null),
        new Item(data, "Test images", "0 = all 10 000", Integer.class, vm.maxTestProperty(), null),
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
    return sheet;
  }
}
