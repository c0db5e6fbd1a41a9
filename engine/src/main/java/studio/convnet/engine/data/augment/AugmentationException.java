package studio.convnet.engine.data.augment;

/**
 * A bad augmentation: an unknown operation, an unknown or malformed parameter, or a value out of
 * range. The message names the operation and the parameter ("crop: scale 0.6-1.5: the largest crop
 * scale must be at most 1"), so it can be shown to a student as it is.
 */
public final class AugmentationException extends IllegalArgumentException {

  private final String operation;
  private final String parameter;

  public AugmentationException(String operation, String parameter, String message) {
    super(operation == null ? message
        : parameter == null ? operation + ": " + message
        : operation + ": " + parameter + " " + message);
    this.operation = operation;
    this.parameter = parameter;
  }

  /** The operation's name in the text syntax ("crop"), or null when the operation is unknown. */
  public String operation() {
    return operation;
  }

  /** The parameter's key ("scale"), or null when the problem is not one parameter. */
  public String parameter() {
    return parameter;
  }
}
