package studio.convnet.app.architecture;

import studio.convnet.engine.arch.Summaries;

/**
 * One row of the explorer's table: a layer, a block (its output and subtotals; shape null while it
 * holds the broken layer), the first broken layer (shape null) or the totals. {@code name} is the path.
 */
public record Row(
    String name, String type, String hyper, String shape, long params, long macs, long bytes,
    Kind kind, int depth, String rf, String jump, boolean collapsed) {

  public enum Kind { LAYER, BLOCK, BROKEN, TOTAL }

  /** The last part of the path, shown indented by depth ("conv2" for {@code b3/inception3a/b2/conv2}). */
  public String label() {
    return Summaries.shortName(name);
  }
}
