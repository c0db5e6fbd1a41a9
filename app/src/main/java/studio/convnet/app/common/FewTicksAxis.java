package studio.convnet.app.common;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis with at most {@code maxTicks} labelled ticks (0, 0.5, 1 … rather than 0, 0.1, 0.2 …
 * on a tall chart), chosen from the range alone. JFreeChart's own choice packs in as many labels as
 * fit, and measures every candidate label to find out: on a dashboard redrawn ten times a second
 * while LeNet trains that was 30 labels and 30 grid lines a frame, on cores the training needs
 * (docs/dashboard.md, "Pulses"). Where the axis is too short for that many labels it falls back to
 * JFreeChart's choice.
 */
public final class FewTicksAxis extends NumberAxis {

  private final int maxTicks;

  public FewTicksAxis(String label, int maxTicks) {
    super(label);
    this.maxTicks = maxTicks;
  }

  @Override
  protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    double length = RectangleEdge.isTopOrBottom(edge) ? dataArea.getWidth() : dataArea.getHeight();
    TickUnit unit = getStandardTickUnits().getCeilingTickUnit(getRange().getLength() / maxTicks);
    double ticks = getRange().getLength() / unit.getSize();
    double room = 2.5 * getTickLabelFont().getSize2D() * (RectangleEdge.isTopOrBottom(edge) ? 3 : 1);
    if (!(unit instanceof NumberTickUnit n) || length / Math.max(1, ticks) < room) {
      super.selectAutoTickUnit(g2, dataArea, edge);
      return;
    }
    setTickUnit(n, false, false);
  }
}
