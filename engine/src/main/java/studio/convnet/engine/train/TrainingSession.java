package studio.convnet.engine.train;

import ai.djl.engine.EngineException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.convnet.engine.data.ExampleTransform;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;

/**
 * One training run's lifecycle: our own short loop ({@link TrainingLoop}) over DJL's Trainer on
 * one named daemon thread ({@value #THREAD_NAME}), producing a stream of {@link RunEvent}s. The
 * probes (filters, activations) are {@link Probes}; the model and trainer come from {@link
 * Trainers}; commands from other threads go through {@link SessionControl}.
 *
 * <p>Control ({@link #pause()}, {@link #resume()}, {@link #stop()}, {@link #requestActivations()})
 * is cooperative and takes effect between batches, so a stop lands within one batch. Every batch's
 * arrays live in a sub-manager closed in {@code finally}. Evaluation (test subset, confusion matrix,
 * probes' activations) runs in inference mode (dropout off, batch norm on running statistics) with
 * autograd off. Any failure — NaN/infinite loss, out of memory, an engine error, a listener that
 * throws is NOT one (it is logged and skipped) — ends the run with a {@link RunEvent.RunFailed};
 * the thread always ends.
 *
 * <p>With a run folder ({@link #runFolder(Path)}), a checkpoint is written atomically after every
 * epoch, and {@link #resumeFrom(Path, ExampleTransform, Consumer)} continues a stopped or crashed
 * run at the epoch after its last valid checkpoint, exactly as the uninterrupted run would have (the
 * checkpoint holds the optimizer's state, and each epoch's randomness comes from (seed, epoch); see
 * ResumeState). A checkpoint is written only once the listeners have recorded the epoch's events.
 */
public final class TrainingSession {

  public static final String THREAD_NAME = "convnet-training";
  private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);

  public enum State { NEW, RUNNING, PAUSED, FINISHED, FAILED }

  private final TrainingConfig config;
  private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
  private final SessionControl control = new SessionControl();
  private volatile State state = State.NEW;
  private volatile RunEvent terminal;
  private Path runFolder;
  private Checkpoint resumeFrom;
  private double elapsedFloor; // a resumed run's clock continues after its last recorded event
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private volatile Consumer<String> warningSink;
  private Thread thread;
  private ImageDataset dataset; // optional: given by the caller to skip loading

  public TrainingSession(TrainingConfig config) {
    this.config = config;
  }

  /**
   * Resumes a run folder from its newest valid checkpoint: reads {@code config.json}, skips a
   * half-written or damaged checkpoint (telling {@code notices} why), and continues at the next
   * epoch; with no valid checkpoint it starts again at epoch 1 in the same folder.
   *
   * @param augmentation the augmentation object to use again when it is not a recorded pipeline (null:
   *     the folder's recorded pipeline)
   */
  public static TrainingSession resumeFrom(Path runDir, ExampleTransform augmentation, Consumer<String> notices)
      throws IOException {
    RunFolder.Recorded recorded = RunFolder.readConfig(runDir);
    TrainingConfig.Builder b = TrainingConfig.fromRecord(recorded.config(), recorded.spec());
    if (augmentation != null) {
      b.optAugmentation(augmentation); // else the recorded pipeline, parsed back
    }
    TrainingConfig cfg = b.build();
    TrainingSession s = new TrainingSession(cfg);
    s.runFolder = runDir;
    Optional<Checkpoint> ck = Checkpoint.latest(runDir, notices);
    if (ck.isPresent()) {
      s.resumeFrom = ck.get();
      String inexact = ResumeState.inexact(ck.get(), cfg, null);
      if (inexact != null) {
        notices.accept(inexact);
      }
      s.elapsedFloor = studio.convnet.engine.runs.RunReader.read(runDir).events().stream()
          .mapToDouble(RunEvent::elapsed).max().orElse(0);
      if (ck.get().epoch() >= cfg.epochs()) {
        notices.accept("the run already finished all " + cfg.epochs() + " epochs; nothing to resume");
      }
    } else {
      notices.accept("no valid checkpoint in " + runDir + "; starting again from epoch 1");
    }
    return s;
  }

  public TrainingConfig config() {
    return config;
  }

  /** The epoch the run starts after: 0 for a new run, N when resumed from epoch N's checkpoint. */
  public int startEpoch() {
    return resumeFrom == null ? 0 : resumeFrom.epoch();
  }

  /** Records checkpoints (each epoch) in this folder; its name becomes the run id. */
  public TrainingSession runFolder(Path folder) {
    this.runFolder = folder;
    return this;
  }

  public Optional<Path> runFolder() {
    return Optional.ofNullable(runFolder);
  }

  /** Uses an already loaded dataset instead of loading the configured one (tests, the app). */
  public TrainingSession dataset(ImageDataset data) {
    this.dataset = data;
    return this;
  }

  public TrainingSession addListener(RunEventListener l) {
    listeners.add(l);
    return this;
  }

  public void removeListener(RunEventListener l) {
    listeners.remove(l);
  }

  public State state() {
    return state;
  }

  /** The RunFinished or RunFailed that ended the run, once it ended. */
  public Optional<RunEvent> result() {
    return Optional.ofNullable(terminal);
  }

  /** Starts the training thread (once). */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("a session starts once; make a new one to train again");
    }
    state = State.RUNNING;
    thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
  }

  /** Pauses before the next batch (a RunPaused is emitted when it takes effect). */
  public void pause() {
    control.pause();
  }

  public void resume() {
    control.resume();
  }

  /** Stops before the next batch; the run ends with RunFinished(completed = false). */
  public void stop() {
    control.stop();
  }

  /**
   * Ends the current epoch before its next batch: the rest of its batches are skipped, and its
   * evaluation, probes and checkpoint run as usual. The duration estimate times a short epoch this way.
   */
  public void endEpoch() {
    control.endEpoch();
  }

  /**
   * Classifies your own image with the network as it is now, between the next two batches (also
   * while paused); {@code done} runs on the training thread. Only the newest waiting image is served.
   */
  public void classify(OwnImage image) {
    control.submit(image);
  }

  /** Asks for an ActivationSnapshot of every probe between the next two batches (also while paused). */
  public void requestActivations() {
    control.requestActivations();
  }

  /**
   * Asks for where the network looks at test image {@code testIndex} for class {@code cls}: its
   * saliency (and its class maps, for a network with global average pooling), emitted as LookMaps
   * events between the next two batches (also while paused) and so recorded with the run. The
   * newest waiting request is served.
   */
  public void requestLook(int testIndex, int cls) {
    control.requestLook(new int[] {testIndex, cls});
  }

  /** Waits for the thread to end; true if it ended in time. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return true;
    }
    t.join(Math.max(1, unit.toMillis(timeout)));
    return !t.isAlive();
  }

  /** The first test image of each class, in class order (the default probes). */
  public static int[] defaultProbes(ImageDataset data) {
    return Probes.defaults(data);
  }

  /**
   * Where warnings go as they happen (on the training thread) instead of the log: the CLI takes them
   * to print each once, as one line, at the end. They are in {@link #warnings()} either way.
   */
  public TrainingSession onWarning(Consumer<String> sink) {
    this.warningSink = sink;
    return this;
  }

  /** What went wrong without failing the run (a checkpoint that could not be written), in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  // ------------------------------------------------------------------ called by the training thread

  void warn(String warning) {
    warnings.add(warning);
    Consumer<String> sink = warningSink;
    if (sink != null) {
      sink.accept(warning);
    } else {
      LOG.warn("{}", warning);
    }
  }

  /** The first listener's recording failure (a full disk), if any: the run must stop. */
  Optional<String> recordingFailure() {
    for (RunEventListener l : listeners) {
      Optional<String> f = l.failure();
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  /** Waits until every listener has recorded the events so far (before a checkpoint). */
  void awaitWritten() {
    listeners.forEach(RunEventListener::awaitWritten);
  }

  void emit(RunEvent e) {
    for (RunEventListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("a run event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }

  void state(State s) {
    state = s;
  }

  void finish(double elapsed, boolean completed, int epochsDone, double testAcc) {
    state = State.FINISHED;
    RunEvent.RunFinished f = new RunEvent.RunFinished(elapsed, completed, epochsDone, testAcc);
    terminal = f;
    emit(f);
  }

  private void run() {
    TrainingLoop loop = new TrainingLoop(this, control, dataset, resumeFrom, runFolder, elapsedFloor);
    try {
      loop.run();
    } catch (TrainingLoop.RunFailure f) {
      fail(loop, f.getMessage());
    } catch (OutOfMemoryError oom) {
      fail(loop, "out of memory at epoch " + loop.epoch() + ", batch " + loop.batch() + ": " + oom.getMessage()
          + ". Use a smaller batch size or input size (or give the JVM more heap with -Xmx).");
    } catch (EngineException ee) {
      String msg = String.valueOf(ee.getMessage());
      String hint = msg.toLowerCase().contains("memory")
          ? " The device ran out of memory: use a smaller batch size or input size."
          : "";
      fail(loop, "the PyTorch engine failed at epoch " + loop.epoch() + ", batch " + loop.batch() + ": "
          + firstLine(msg) + "." + hint);
    } catch (Throwable t) {
      LOG.error("training failed", t);
      fail(loop, "training failed at epoch " + loop.epoch() + ", batch " + loop.batch() + ": " + t);
    }
  }

  private void fail(TrainingLoop loop, String message) {
    state = State.FAILED;
    RunEvent.RunFailed f = new RunEvent.RunFailed(loop.elapsed(), loop.epoch(), loop.batch(), message);
    terminal = f;
    emit(f);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
