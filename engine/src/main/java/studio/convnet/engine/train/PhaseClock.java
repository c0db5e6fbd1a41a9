package studio.convnet.engine.train;

import java.util.Arrays;

/**
 * Where a training step's time goes: per step, the wall time of each {@link Phase}, lap by lap. On
 * the CPU every PyTorch op has finished when its call returns, so a lap is the phase's real cost.
 */
public final class PhaseClock {

  /** A step's phases, in order. */
  public enum Phase {
    /** building the batch on the host, copying it to the engine, the resize to the input size */
    DATA,
    /** the forward pass and the loss */
    FORWARD,
    /** the backward pass */
    BACKWARD,
    /** the optimizer's parameter update */
    UPDATE
  }

  private final double[][] ms;
  private int step = -1;
  private long last;

  /** A clock for {@code steps} timed steps. */
  public PhaseClock(int steps) {
    ms = new double[Phase.values().length][steps];
  }

  /** Starts the next step's first phase now. */
  public void startStep() {
    step++;
    last = System.nanoTime();
  }

  /** Ends {@code phase} of the current step now (the next phase starts now). */
  public void lap(Phase phase) {
    long now = System.nanoTime();
    if (step >= 0 && step < ms[0].length) {
      ms[phase.ordinal()][step] += (now - last) / 1e6;
    }
    last = now;
  }

  /** Steps timed so far. */
  public int steps() {
    return Math.min(step + 1, ms[0].length);
  }

  /** The median over the timed steps of {@code phase}, in ms. */
  public double medianMs(Phase phase) {
    int n = steps();
    if (n == 0) return Double.NaN;
    double[] s = Arrays.copyOf(ms[phase.ordinal()], n);
    Arrays.sort(s);
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The mean over the timed steps of {@code phase}, in ms. */
  public double meanMs(Phase phase) {
    int n = steps();
    return n == 0 ? Double.NaN : Arrays.stream(ms[phase.ordinal()], 0, n).sum() / n;
  }
}
