package studio.convnet.app.architecture;

/** What the diagram shows besides the two summaries: hidden and answered values, folded blocks. */
public interface DiagramHints {
  boolean hidden(Side side, String layer, Column column);

  default boolean answeredRight(Side side, String layer, Column column) {
    return false;
  }

  /** Whether a block is folded to one box. */
  default boolean collapsed(Side side, String block) {
    return false;
  }

  DiagramHints NONE = (s, l, c) -> false;
}
