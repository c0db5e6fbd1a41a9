package studio.convnet.app.architecture;

/** The columns a student can be asked to predict. */
public enum Column { SHAPE, PARAMS }
