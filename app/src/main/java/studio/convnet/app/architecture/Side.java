package studio.convnet.app.architecture;

/** One of the explorer's two networks, drawn side by side. */
public enum Side { LEFT, RIGHT }
