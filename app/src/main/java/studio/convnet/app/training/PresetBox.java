package studio.convnet.app.training;

import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import studio.convnet.engine.train.Presets.Preset;

/**
 * The preset box: every preset's whole title, wrapped in the box where it is narrow and in its list
 * (at 100 % it cut "LeNet — book (SGD 0.9, b256, 10 epo…"); the CLI's id and the note in a tooltip.
 * A combo box asks its cell for one line's height whatever its width, so this one is as tall as the
 * chosen title wrapped at the width the cell gets.
 */
final class PresetBox extends ComboBox<Preset> {

  private final PresetCell chosen = new PresetCell();

  PresetBox(List<Preset> presets) {
    getItems().setAll(presets);
    setButtonCell(chosen);
    setCellFactory(list -> new PresetCell());
    setVisibleRowCount(presets.size());
    setMaxWidth(Double.MAX_VALUE);
    setMinHeight(Region.USE_PREF_SIZE);
  }

  @Override
  public Orientation getContentBias() {
    return Orientation.HORIZONTAL;
  }

  @Override
  protected double computePrefHeight(double width) {
    double h = super.computePrefHeight(width);
    if (width > 0) {
      Node arrow = lookup(".arrow-button");
      double cell = width - snappedLeftInset() - snappedRightInset() - (arrow == null ? 0 : arrow.prefWidth(-1));
      h = Math.max(h, chosen.prefHeight(cell) + snappedTopInset() + snappedBottomInset());
    }
    return h;
  }

  /** A preset by its whole title, wrapped; its id and note in the tooltip. */
  private static final class PresetCell extends ListCell<Preset> {
    PresetCell() {
      setWrapText(true);
      setMinHeight(Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(Preset p, boolean empty) {
      super.updateItem(p, empty);
      setText(empty || p == null ? null : p.title());
      setTooltip(empty || p == null ? null : new Tooltip("--preset " + p.id() + "\n" + p.note()));
    }
  }
}
