package studio.convnet.engine.train;

import java.util.Locale;

/** The arithmetic of the forward and backward passes; parameters and updates stay float32. */
public enum Precision {
  /** float32 throughout (the default). */
  FP32,
  /** bf16 mixed precision through PyTorch's CPU autocast ({@link Autocast}). */
  BF16;

  /** {@code fp32} or {@code bf16}, any case. */
  public static Precision parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown precision '" + s + "': use fp32 or bf16");
    }
  }

  /** The lower-case name used on the command line and in run folders. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
