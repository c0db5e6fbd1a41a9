package studio.convnet.app.augmentation;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import studio.convnet.app.common.Raster;

/**
 * The lab's draws, as large as the space they are given allows: {@value Previews#GRID}² images laid
 * out in 1, 2, 4, 8 or 16 columns, whichever draws them largest (two rows of eight on a 1280×720
 * projector, where four rows of 224×224 never fit under the pipeline), never larger than the grid's
 * own zoom. Images shrink smoothly; images grown are grown by whole pixels, nearest-neighbour, so a
 * 28×28 input stays crisp.
 */
final class DrawsPane extends Region {

  static final double GAP = 4;
  private static final int[] COLUMNS = {1, 2, 4, 8, 16};

  private int input = 1;
  private int zoom = 1;
  private final javafx.beans.property.ReadOnlyDoubleWrapper cell = new javafx.beans.property.ReadOnlyDoubleWrapper(-1);

  DrawsPane() {
    getStyleClass().add("draws");
    setMinWidth(0);
  }

  /** Shows the draws of a preview: {@code variants} each 1×input×input, at most {@code zoom}× their pixels. */
  void show(List<float[]> variants, int input, int zoom) {
    this.input = input;
    this.zoom = zoom;
    getChildren().clear();
    for (int i = 0; i < variants.size(); i++) {
      ImageView view = new ImageView(Raster.of(variants.get(i), 1, input, 1).toImage());
      view.setId("draw-" + i);
      view.getStyleClass().add("draw");
      getChildren().add(view);
    }
    requestLayout();
  }

  /** Side of one draw on screen as last laid out, in pixels. */
  javafx.beans.property.ReadOnlyDoubleProperty cellSideProperty() {
    return cell.getReadOnlyProperty();
  }

  /** How the draw is scaled, for the title: "each pixel drawn 4×4", "1 screen pixel per pixel", "drawn at 47 %". */
  String scaleText() {
    double side = cell.get();
    if (side < 0 || Math.abs(side - input) < 0.5) {
      return "1 screen pixel per pixel";
    }
    if (side > input) {
      int k = (int) Math.round(side / input);
      return "each pixel drawn " + k + "×" + k;
    }
    return String.format(Locale.ROOT, "drawn at %.0f %%", 100 * side / input);
  }

  /** The largest side a draw can have in {@code w × h}, with the columns that give it. */
  static double[] best(int count, double w, double h, int input, int zoom) {
    double side = 0;
    int cols = Math.min(count, 4);
    for (int c : COLUMNS) {
      if (c > count) {
        break;
      }
      int rows = (count + c - 1) / c;
      double s = Math.min((w - (c - 1) * GAP) / c, (h - (rows - 1) * GAP) / rows);
      if (s > side + 0.5) {
        side = s;
        cols = c;
      }
    }
    side = Math.min(side, (double) input * zoom);
    if (side >= input) {
      side = Math.floor(side / input) * input; // whole pixels when grown
    }
    return new double[] {Math.max(1, Math.floor(side)), cols};
  }

  @Override
  public Orientation getContentBias() {
    return Orientation.HORIZONTAL;
  }

  @Override
  protected double computePrefWidth(double height) {
    return snappedLeftInset() + snappedRightInset() + Previews.GRID * (input * zoom + GAP);
  }

  @Override
  protected double computePrefHeight(double width) {
    return snappedTopInset() + snappedBottomInset() + Previews.GRID * (input * zoom + GAP);
  }

  /** Enough height for the draws in rows of eight at the width given (two rows), whatever the window. */
  @Override
  protected double computeMinHeight(double width) {
    int n = Math.max(1, getChildren().size());
    if (width <= 0) {
      return 0;
    }
    double inner = width - snappedLeftInset() - snappedRightInset();
    int cols = Math.min(n, 8);
    double side = Math.min((inner - (cols - 1) * GAP) / cols, (double) input * zoom);
    int rows = (n + cols - 1) / cols;
    return snappedTopInset() + snappedBottomInset() + rows * side + (rows - 1) * GAP;
  }

  @Override
  protected void layoutChildren() {
    int n = getChildren().size();
    if (n == 0) {
      return;
    }
    double x0 = snappedLeftInset();
    double y0 = snappedTopInset();
    double w = getWidth() - x0 - snappedRightInset();
    double h = getHeight() - y0 - snappedBottomInset();
    double[] b = best(n, w, h, input, zoom);
    double side = b[0];
    int cols = (int) b[1];
    for (int i = 0; i < n; i++) {
      ImageView view = (ImageView) getChildren().get(i);
      view.setFitWidth(side);
      view.setFitHeight(side);
      view.setSmooth(side < input);
      view.relocate(x0 + (i % cols) * (side + GAP), y0 + (i / cols) * (side + GAP));
    }
    cell.set(side);
  }
}
