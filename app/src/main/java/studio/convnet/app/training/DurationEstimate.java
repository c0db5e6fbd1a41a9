package studio.convnet.app.training;

import java.util.Locale;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.train.TrainingConfig;

/**
 * How long a run will take, from a timed batch: the training tab's estimate text (the time, how sure
 * it is, and shorter settings when it is too long for a lecture) and the human-readable durations of
 * its ETA. Plain arithmetic on FashionMNIST's sizes; no engine, no controls.
 */
public final class DurationEstimate {

  static final int FASHION_TRAIN = 60_000;
  static final int FASHION_TEST = 10_000;

  private DurationEstimate() {}

  /** The estimate text for a measurement: the time, how sure it is, and shorter settings when long. */
  public static String text(TrainingConfig s, TrainingBackend.Measurement m) {
    double ips = m.imagesPerSecond();
    double secs = duration(s, ips);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Measured %.0f images/s on %s → about %s for %d epoch%s of %,d images",
        ips, m.device(), human(secs), s.epochs(), s.epochs() == 1 ? "" : "s", trainExamples(s)));
    if (Double.isFinite(m.spread())) {
      // the batches' spread, and a floor for what timing a few seconds cannot see (evaluation, epoch ends)
      double sure = Math.max(0.1, m.spread());
      b.append(String.format(Locale.ROOT, " (±%.0f %%: %d batches timed after %d to warm up)", 100 * sure,
          m.timedBatches(), m.warmUpBatches()));
    }
    b.append('.');
    if (secs > 600) {
      b.append(" That is long for a lecture:");
      if (s.model().equals("alexnet") && s.inputSize() > 96) {
        long macsHere = ShapeInference.infer(Zoo.get(s.model()), s.inputSize()).totalMacs();
        long macs96 = ShapeInference.infer(Zoo.get(s.model()), 96).totalMacs();
        double ips96 = ips * macsHere / (double) macs96;
        b.append(" at 96 px about ").append(human(duration(s.toBuilder().optInputSize(96).build(), ips96)))
            .append(';');
      }
      if (trainExamples(s) > 3000) {
        TrainingConfig sub = s.toBuilder().optMaxTrainExamples(3000)
            .optMaxTestExamples(Math.min(1000, testExamples(s))).build();
        b.append(" on a 3 000-image subset about ").append(human(duration(sub, ips))).append(';');
      }
      if (s.epochs() > 3) {
        b.append(" with 3 epochs about ").append(human(duration(s.toBuilder().setEpochs(3).build(), ips)))
            .append(';');
      }
      b.setLength(b.length() - 1);
      b.append('.');
    }
    return b.toString();
  }

  /** Training images per epoch on FashionMNIST (60 000, or the subset). */
  static int trainExamples(TrainingConfig s) {
    return s.maxTrainExamples() <= 0 ? FASHION_TRAIN : Math.min(s.maxTrainExamples(), FASHION_TRAIN);
  }

  /** Test images per evaluation on FashionMNIST (10 000, or the subset). */
  static int testExamples(TrainingConfig s) {
    return s.maxTestExamples() <= 0 ? FASHION_TEST : Math.min(s.maxTestExamples(), FASHION_TEST);
  }

  /** Seconds for a run: training at ips, evaluation (forward only) at about 3×ips. */
  public static double duration(TrainingConfig s, double ips) {
    return s.epochs() * (trainExamples(s) / ips + testExamples(s) / (3 * ips));
  }

  /** "42 s", "3 min 5 s", "2 h 10 min"; "—" when not finite. */
  public static String human(double secs) {
    if (!Double.isFinite(secs)) {
      return "—";
    }
    long s = Math.round(secs);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
  }
}
