package studio.convnet.app.race;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.convnet.app.common.FxEventPump;
import studio.convnet.app.training.TrainingBackend;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.train.Exercise;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.VariantPresets;

/**
 * The race: two or more runs on one chart, each a fold of its event stream, so a run training here,
 * a recording and a run that just finished are drawn and measured alike. Fresh runs train one after
 * another (on two cores, two at once would each run at half speed and the images/s would lie);
 * recordings are read off the FX thread. A view-model: no controls.
 */
public final class RaceViewModel implements AutoCloseable {

  /** One runner: its label, whether it trains here, its settings (fresh runs) and its state. */
  public static final class Racer {
    private final String label;
    private final TrainingConfig config;
    private final RunState state = new RunState();

    private final RunState followed;

    Racer(String label, TrainingConfig config) {
      this(label, config, null);
    }

    Racer(String label, TrainingConfig config, RunState followed) {
      this.label = label;
      this.config = config;
      this.followed = followed;
    }

    public String label() {
      return label;
    }

    /** Whether it trains here (else it is a recording). */
    public boolean fresh() {
      return config != null;
    }

    /** Its events so far (a followed run's are the Training tab's own state). */
    public RunState state() {
      return followed != null ? followed : state;
    }
  }

  private final TrainingBackend backend;
  private final Executor fx;
  private final Executor background;
  private final boolean useTimer;
  private final List<Racer> racers = new ArrayList<>();
  private final Deque<Racer> waiting = new ArrayDeque<>();
  private Racer current;
  private FxEventPump pump;
  private TrainingBackend.Control control;

  private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
      "Race two networks: pick an exercise card, or \"Race against the original\" in the explorer.");
  private final ObjectProperty<RaceAxis> axis = new SimpleObjectProperty<>(RaceAxis.EPOCHS);
  private final DoubleProperty target = new SimpleDoubleProperty(0.7);

  /**
   * @param fx runs the event sink on the UI thread
   * @param background reads recordings
   * @param useTimer false in tests: they call {@link #drainNow()}
   */
  public RaceViewModel(TrainingBackend backend, Executor fx, Executor background, boolean useTimer) {
    this.backend = backend;
    this.fx = fx;
    this.background = background;
    this.useTimer = useTimer;
    axis.addListener((o, a, b) -> bump());
    target.addListener((o, a, b) -> bump());
  }

  // ---- entering runs -------------------------------------------------------------------------

  /**
   * A variant against its original, with the same settings and seed ({@link VariantPresets}): the
   * original is a fresh run, or the recording given. Clears the last race.
   */
  public void raceVariant(NetworkSpec variant, String baseModel, Optional<Path> originalRecording) {
    TrainingConfig original = VariantPresets.presetFor(baseModel).config().toBuilder()
        .setModel(Zoo.get(baseModel)).build();
    race(original, variant, originalRecording);
  }

  /** An exercise card's race: its variant against the book's network, with the card's settings. */
  public void raceExercise(Exercise e, Optional<Path> originalRecording) {
    race(e.original(), e.variant(), originalRecording);
  }

  /**
   * Clears the last race, then races {@code variant} (with the original's settings and seed,
   * {@link VariantPresets#like}) against a fresh run of {@code original}, or against a recording.
   */
  public void race(TrainingConfig original, NetworkSpec variant, Optional<Path> originalRecording) {
    clear();
    TrainingConfig v = VariantPresets.like(original, variant).build();
    if (originalRecording.isPresent()) {
      addRecording(originalRecording.get());
    } else {
      addFresh(original.spec().title() + " at " + original.inputSize() + " px", original);
    }
    addFresh(variant.title() + " at " + v.inputSize() + " px", v);
  }

  /** Adds a run to train; it starts when the one before it ends. */
  public void addFresh(String label, TrainingConfig config) {
    Racer r = new Racer(label, config);
    racers.add(r);
    waiting.add(r);
    bump();
    if (current == null) {
      startNext();
    }
  }

  /**
   * Follows a run that trains elsewhere (the Training tab's): its state is read, never changed, and
   * redrawn whenever {@code version} changes. A finished run stays in the race as it ended.
   */
  public void follow(String label, RunState state, ReadOnlyIntegerProperty version) {
    Racer r = new Racer(label, null, state);
    racers.add(r);
    version.addListener((o, a, b) -> {
      if (racers.contains(r)) {
        bump();
      }
    });
    bump();
  }

  /**
   * Clears the last race and races recordings against each other (the chapter lesson's race: one
   * recording per network), on the multiply-adds axis unless the teacher chose another since.
   */
  public void raceRecordings(List<Path> folders, RaceAxis shownOn) {
    clear();
    axis.set(shownOn);
    folders.forEach(this::addRecording);
    status.set("Recorded runs (not training now): " + folders.size() + " networks, each as its recording"
        + " was made; see each run's PROVENANCE.md for where and how.");
  }

  /** Adds a recorded run folder (read in the background). */
  public void addRecording(Path folder) {
    Racer r = new Racer(folder.getFileName() + " (recorded)", null);
    racers.add(r);
    bump();
    background.execute(() -> {
      try {
        List<RunEvent> events = RunReader.readAll(folder);
        fx.execute(() -> {
          r.state.applyAll(events);
          bump();
        });
      } catch (IOException | RuntimeException e) {
        fx.execute(() -> {
          racers.remove(r);
          status.set("Could not read " + folder + ": " + e.getMessage());
          bump();
        });
      }
    });
  }

  private void startNext() {
    current = waiting.poll();
    if (current == null) {
      running.set(false);
      status.set(racers.isEmpty() ? status.get() : "Race over: compare the curves and the costs below.");
      return;
    }
    Racer r = current;
    pump = new FxEventPump(events -> onEvents(r, events));
    running.set(true);
    r.state.starting();
    status.set("Training " + r.label + (waiting.isEmpty() ? "" : "; then " + waiting.peek().label) + "…");
    if (useTimer) {
      pump.start();
    }
    control = backend.start(r.config, pump);
  }

  private void onEvents(Racer r, List<RunEvent> events) {
    r.state.applyAll(events);
    bump();
    boolean ended = events.stream().anyMatch(e -> e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed);
    if (ended && r == current) {
      events.stream().filter(RunEvent.RunFailed.class::isInstance).findFirst()
          .ifPresent(f -> status.set(r.label + " failed: " + ((RunEvent.RunFailed) f).message()));
      if (pump != null) {
        pump.stop();
      }
      control = null;
      startNext();
    }
  }

  /** Stops the run training now and drops the waiting ones. */
  public void stop() {
    waiting.clear();
    if (control != null) {
      control.stop();
    }
  }

  /** Stops and removes every runner. */
  public void clear() {
    stop();
    if (pump != null) {
      pump.stop();
    }
    pump = null;
    control = null;
    current = null;
    racers.clear();
    running.set(false);
    bump();
  }

  /** Drains the training events now (tests; the app drains on the FX thread as they come). */
  public int drainNow() {
    return pump == null ? 0 : pump.drain();
  }

  private void bump() {
    version.set(version.get() + 1);
  }

  @Override
  public void close() throws Exception {
    waiting.clear();
    if (control != null) {
      control.close();
    }
  }

  // ---- what the view draws -------------------------------------------------------------------

  public List<Racer> racers() {
    return List.copyOf(racers);
  }

  /** The cost strip: one line per runner. */
  public List<RaceStats> stats() {
    return racers.stream().map(r -> RaceStats.of(label(r), r.state(), target.get())).toList();
  }

  /** A recording's label comes from its events once they are read. */
  public String label(Racer r) {
    String how = r.followed != null ? " (Training tab)" : " (recorded)";
    return r.fresh() ? r.label : r.state().started()
        .map(s -> s.modelTitle() + " at " + s.inputSize() + " px" + how).orElse(r.label);
  }

  /** Bumped whenever something drawn changed. */
  public ReadOnlyIntegerProperty versionProperty() {
    return version.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** What the x axis counts: epochs, seconds of training or training multiply-adds. */
  public ObjectProperty<RaceAxis> axisProperty() {
    return axis;
  }

  /** The accuracy the cost strip's "time to reach" column measures. */
  public DoubleProperty targetProperty() {
    return target;
  }
}
