package studio.convnet.app.training;

import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.TrainingConfig;

/**
 * What "Estimate duration" says: the engine's estimate for the settings (time, how sure, what was
 * timed), and, when that is long for a lecture, what shorter settings would take at the speeds measured.
 */
final class EstimateText {

  /** Longer than this is long for a lecture. */
  static final double LONG_SECONDS = 600;

  private EstimateText() {}

  static String of(TrainingConfig s, DurationEstimate e) {
    StringBuilder b = new StringBuilder(e.describe(s));
    if (e.seconds(s) <= LONG_SECONDS) {
      return b.toString();
    }
    b.append(" That is long for a lecture:");
    if (s.model().equals("alexnet") && s.inputSize() > 96) {
      long macsHere = ShapeInference.infer(Zoo.get(s.model()), s.inputSize()).totalMacs();
      long macs96 = ShapeInference.infer(Zoo.get(s.model()), 96).totalMacs();
      DurationEstimate at96 = scaled(e, macsHere / (double) macs96);
      b.append(" at 96 px about ").append(DurationEstimate.human(at96.seconds(s.toBuilder().optInputSize(96).build())))
          .append(';');
    }
    if (e.trainImages(s) > 3000) {
      TrainingConfig sub = s.toBuilder().optMaxTrainExamples(3000)
          .optMaxTestExamples(Math.min(1000, e.testImages(s))).build();
      b.append(" on a 3 000-image subset about ").append(DurationEstimate.human(e.seconds(sub))).append(';');
    }
    if (s.epochs() > 3) {
      b.append(" with 3 epochs about ").append(DurationEstimate.human(e.seconds(s.toBuilder().setEpochs(3).build())))
          .append(';');
    }
    b.setLength(b.length() - 1);
    return b.append('.').toString();
  }

  /** The same machine on a network {@code factor} times cheaper per image. */
  private static DurationEstimate scaled(DurationEstimate e, double factor) {
    return new DurationEstimate(e.device(), e.trainImagesPerSecond() * factor, e.evalImagesPerSecond() * factor,
        e.startSeconds(), e.warmUpSeconds(), e.epochSeconds(), e.uncertainty(), e.timedBatches(), e.warmUpBatches(),
        e.trainAvailable(), e.testAvailable(), e.loadAverage(), e.cores());
  }
}
