package studio.convnet.app.dashboard;

import java.util.List;
import java.util.Optional;
import studio.convnet.engine.events.RunState;

/**
 * The end-points the book reports for its experiments (model, input size, epochs, all 60 000 training
 * images), and whether a run is such an experiment: only then is the book's point worth drawing.
 */
public final class BookPoints {

  /** An end-point the book reports for a model at an input size after some epochs. */
  public record BookPoint(String model, int inputSize, int epochs, double trainLoss, double trainAcc,
      double testAcc, String source) {}

  public static final List<BookPoint> BOOK = List.of(
      new BookPoint("lenet", 28, 10, 0.469, 0.823, 0.779, "d2l §7.6"),
      new BookPoint("alexnet", 224, 10, 0.327, 0.881, 0.885, "d2l §8.1"));

  static final int FULL_TRAIN = 60_000;

  private BookPoints() {
  }

  /** The book's point for these settings (trainImages 0 = all), if the book reports one. */
  public static Optional<BookPoint> of(String model, int inputSize, int epochs, int trainImages) {
    boolean all = trainImages <= 0 || trainImages >= FULL_TRAIN;
    return BOOK.stream().filter(p -> p.model().equals(model) && p.inputSize() == inputSize
        && p.epochs() == epochs && all).findFirst();
  }

  /** The book's point for a run's model, input size, epochs and training set. */
  public static Optional<BookPoint> of(RunState s) {
    return s.started().flatMap(st -> of(st.model(), st.inputSize(), s.totalEpochs(), st.trainSize()));
  }

  /** Why the book has no point for these settings, or empty text when it has one. */
  public static String whyNot(String model, int inputSize, int epochs, int trainImages) {
    if (of(model, inputSize, epochs, trainImages).isPresent()) {
      return "";
    }
    return BOOK.stream().filter(p -> p.model().equals(model)).findFirst()
        .map(p -> "the book reports " + model + " only at " + p.inputSize() + " px after " + p.epochs()
            + " epochs on all 60 000 images (" + p.source() + ")")
        .orElse("the book reports no end-point for " + model);
  }
}
