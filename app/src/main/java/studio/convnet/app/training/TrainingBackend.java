package studio.convnet.app.training;

import java.nio.file.Path;
import java.util.Optional;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.TrainingConfig;

/**
 * Starts training runs. The app's real backend drives the engine's TrainingSession; tests use a
 * scripted one. Every method returns at once: loading data and the engine happens on the backend's
 * own threads, and the run reports through the listener (on the training thread).
 */
public interface TrainingBackend {

  /** Starts a run; events (RunStarted first, RunFinished/RunFailed last) go to the listener. */
  Control start(TrainingConfig config, RunEventListener listener);

  /**
   * Times a short real run of this config on this machine (its batches, evaluation and probes) and
   * calls back (on a background thread) with the estimate, or an error text.
   */
  void measure(TrainingConfig config, java.util.function.Consumer<Measurement> done);

  /** The engine's estimate, or null and why not. */
  record Measurement(DurationEstimate estimate, String error) {
    /** A known training speed alone (tests, scripted backends). */
    public Measurement(double imagesPerSecond, String device, String error) {
      this(Double.isFinite(imagesPerSecond) ? DurationEstimate.fromTrainingSpeed(imagesPerSecond, device) : null, error);
    }

    public double imagesPerSecond() {
      return estimate == null ? Double.NaN : estimate.trainImagesPerSecond();
    }

    public String device() {
      return estimate == null ? "?" : estimate.device();
    }
  }

  /** A run in progress. pause/resume/stop/requestActivations never block. */
  interface Control extends AutoCloseable {
    void pause();

    void resume();

    void stop();

    void requestActivations();

    /** Classifies your own image between two batches (nothing when no session runs). */
    default void classify(studio.convnet.engine.train.OwnImage image) { }

    /** Waits up to the timeout for the training thread to end; true if it ended. */
    boolean await(long millis) throws InterruptedException;

    Optional<Path> runFolder();

    /** Stop, then wait up to 15 s (called when the window closes). */
    @Override
    default void close() throws InterruptedException {
      stop();
      await(15_000);
    }
  }
}
