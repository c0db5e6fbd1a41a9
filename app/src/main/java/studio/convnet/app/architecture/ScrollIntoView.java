package studio.convnet.app.architecture;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls a scroll pane just enough to show an area of its content, and only when it is not in view
 * already (so a click, whose target is in view, never moves the picture under the mouse).
 */
final class ScrollIntoView {

  private ScrollIntoView() {}

  /** Shows {@code area} (in unzoomed drawing units) of the pane's content, drawn at {@code zoom}. */
  static void show(ScrollPane pane, Rectangle2D area, double zoom, double padding) {
    pane.applyCss();
    pane.layout(); // the content's size after the redraw that made the selection (nothing else forces it)
    Bounds view = pane.getViewportBounds();
    Bounds content = pane.getContent().getLayoutBounds();
    pane.setVvalue(value(area.getMinY() * zoom + padding, area.getMaxY() * zoom + padding, view.getHeight(),
        content.getHeight(), pane.getVvalue()));
    pane.setHvalue(value(area.getMinX() * zoom + padding, area.getMaxX() * zoom + padding, view.getWidth(),
        content.getWidth(), pane.getHvalue()));
  }

  /**
   * The scroll value (0…1) that shows [from, to] of a content this long in a viewport this long: {@code
   * now} when it is in view; else centred, or its start a little below the top when it is longer.
   */
  static double value(double from, double to, double viewport, double content, double now) {
    double range = content - viewport;
    if (range <= 0) {
      return now;
    }
    double top = now * range;
    if (from >= top && to <= top + viewport) {
      return now;
    }
    double margin = 12;
    double target = to - from + 2 * margin > viewport ? from - margin : (from + to) / 2 - viewport / 2;
    return Math.max(0, Math.min(1, target / range));
  }
}
