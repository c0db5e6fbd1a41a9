package studio.convnet.app.race;

import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.events.RunState;

/**
 * What the race's x axis counts. Epochs compare runs of one network; seconds compare what a class
 * waits for (but only runs recorded on alike machines); multiply-adds compare the work itself,
 * whatever machine did it: images seen × the network's forward multiply-adds per image × 3 (a
 * training step's backward pass costs about twice its forward pass).
 */
public enum RaceAxis {
  EPOCHS("epoch"),
  SECONDS("seconds of training"),
  MULTIPLY_ADDS("training multiply-adds (×10¹², ≈ 3 × forward × images seen)");

  /** Forward + backward ≈ 3 forwards: the usual rule of thumb for a training step's work. */
  static final double TRAINING_STEP_FORWARDS = 3.0;

  private final String label;

  RaceAxis(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The x of an epoch's point. */
  public double x(EpochMetrics e, RunState s) {
    return switch (this) {
      case EPOCHS -> e.epoch();
      case SECONDS -> e.elapsed() - start(s);
      case MULTIPLY_ADDS -> teraMacs(e.epoch(), s);
    };
  }

  /** The x of a batch's point. */
  public double x(BatchMetrics b, RunState s) {
    return switch (this) {
      case EPOCHS -> RunState.epochX(b);
      case SECONDS -> b.elapsed() - start(s);
      case MULTIPLY_ADDS -> teraMacs(RunState.epochX(b), s);
    };
  }

  private static double start(RunState s) {
    return s.started().map(RunStarted::elapsed).orElse(0.0);
  }

  /** Work after {@code epochs} (fractional) epochs, in 10¹² multiply-adds; 0 before the run started. */
  static double teraMacs(double epochs, RunState s) {
    return s.started().map(st -> epochs * st.trainSize() * (double) st.macs() * TRAINING_STEP_FORWARDS / 1e12)
        .orElse(0.0);
  }
}
