package studio.convnet.app.architecture;

import javafx.geometry.Rectangle2D;

/** A clickable area of the diagram: a slot or heading, or a block's fold marker ({@code toggle}). */
public record DiagramHit(Rectangle2D area, Selection selection, boolean toggle) {}
