package studio.convnet.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.scene.control.Labeled;

/**
 * A pane width that keeps its pixels at 100 % and grows with the presenter's zoom once the text needs
 * it: the larger of {@code px} and {@code em} times the font size of a label in the pane (the zoom
 * sets the window's font size). A fixed width cut the labels inside while their text grew.
 */
public final class ZoomWidth {

  private ZoomWidth() {}

  public static DoubleBinding atLeast(double px, double em, Labeled fontOf) {
    return Bindings.createDoubleBinding(() -> Math.max(px, em * fontOf.getFont().getSize()), fontOf.fontProperty());
  }
}
