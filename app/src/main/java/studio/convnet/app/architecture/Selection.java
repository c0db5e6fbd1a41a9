package studio.convnet.app.architecture;

/** A selected layer: which network, and the leaf name as the summary rows name it. */
public record Selection(Side side, String layer) {}
