package studio.convnet.app.training;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.convnet.app.common.FxEventPump;
import studio.convnet.app.dashboard.BookPoints;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.Presets;
import studio.convnet.engine.train.VariantPresets;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.train.Presets.Preset;
import studio.convnet.engine.train.DurationEstimate;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.Precision;
import studio.convnet.engine.train.TrainingConfig.OptimizerKind;

/**
 * The training tab's state and commands: the run's settings (bound by the form), start / pause /
 * resume / stop, progress, speed and ETA, a duration estimate from a short timed run (its text is
 * {@link EstimateText}'s), and the {@link RunState} the curves, filters, activations and confusion
 * views draw. Never touches a control; FX-thread only except where noted, so tests drive it with plain
 * JUnit and a direct executor, calling {@link #drainNow()} in place of the animation timer.
 */
public final class TrainingViewModel implements AutoCloseable {

  private final TrainingBackend backend;
  private final Executor fx;
  private final boolean useTimer;

  // settings (the form binds these)
  private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
  private final ObjectProperty<String> model = new SimpleObjectProperty<>("lenet");
  /** A network from the explorer, trained when {@link #model} names it (null: a zoo model). */
  private final ObjectProperty<NetworkSpec> variant = new SimpleObjectProperty<>();
  private final IntegerProperty inputSize = new SimpleIntegerProperty(28);
  private final IntegerProperty batchSize = new SimpleIntegerProperty(256);
  private final DoubleProperty learningRate = new SimpleDoubleProperty(0.9);
  private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.SGD);
  private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(Precision.FP32);
  private final DoubleProperty momentum = new SimpleDoubleProperty(0);
  private final DoubleProperty weightDecay = new SimpleDoubleProperty(0);
  private final IntegerProperty epochs = new SimpleIntegerProperty(10);
  private final IntegerProperty maxTrain = new SimpleIntegerProperty(0);
  private final IntegerProperty maxTest = new SimpleIntegerProperty(0);
  private final LongProperty seed = new SimpleLongProperty(42);
  private final ObjectProperty<DeviceChoice> device = new SimpleObjectProperty<>(DeviceChoice.AUTO);
  private final IntegerProperty filterEvery = new SimpleIntegerProperty(20);
  private final javafx.beans.property.StringProperty probes = new javafx.beans.property.SimpleStringProperty("");
  private final javafx.beans.property.StringProperty augment = new javafx.beans.property.SimpleStringProperty("");

  // run
  private final RunState state = new RunState();
  private final ReadOnlyIntegerWrapper stateVersion = new ReadOnlyIntegerWrapper();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Ready: choose a preset or set the hyperparameters, then Start.");
  private final ReadOnlyStringWrapper deviceText = new ReadOnlyStringWrapper("device: —");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper estimateText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper runFolderText = new ReadOnlyStringWrapper("");
  private final BooleanProperty bookOverlay = new SimpleBooleanProperty(true);
  private final ReadOnlyStringWrapper bookOverlayNote = new ReadOnlyStringWrapper("");

  private FxEventPump pump;
  private TrainingBackend.Control control;

  public TrainingViewModel(TrainingBackend backend, Executor fxExecutor, boolean useTimer) {
    this.backend = backend;
    this.fx = fxExecutor;
    this.useTimer = useTimer;
    preset.addListener((o, a, p) -> {
      if (p != null) {
        apply(p.config());
        estimateText.set(p.note());
      }
    });
    javafx.beans.InvalidationListener note = o -> bookOverlayNote.set(
        BookPoints.whyNot(model.get(), inputSize.get(), epochs.get(), maxTrain.get()));
    List.of(model, inputSize, epochs, maxTrain).forEach(p -> p.addListener(note));
    note.invalidated(null);
    preset.set(Presets.all().get(0));
  }

  /** The engine's presets (the CLI's --preset ids). */
  public List<Preset> presets() {
    return Presets.all();
  }

  /** The models offered: those the presets train. */
  public List<String> models() {
    return Presets.models();
  }

  /** Shows a config in the form (a preset, or a run to train again). */
  public void apply(TrainingConfig c) {
    variant.set(Zoo.find(c.model()).filter(c.spec()::equals).isPresent() ? null : c.spec());
    model.set(c.model());
    inputSize.set(c.inputSize());
    batchSize.set(c.batchSize());
    learningRate.set(c.learningRate());
    optimizer.set(c.optimizer());
    precision.set(c.precision());
    momentum.set(c.momentum());
    weightDecay.set(c.weightDecay());
    epochs.set(c.epochs());
    maxTrain.set(c.maxTrainExamples());
    maxTest.set(c.maxTestExamples());
    seed.set(c.seed());
    device.set(c.device());
    filterEvery.set(c.filterEvery());
    c.probeIndices().ifPresent(p -> probes.set(SettingsText.probes(p)));
    if (!c.augment().isEmpty()) {
      augment.set(String.join(" ", c.augment())); // a preset without augmentation keeps what the lab set
    }
  }

  /**
   * The form as the engine's config, validated by the engine (TrainingConfig is the one validation).
   * Throws IllegalArgumentException with one line for the status bar.
   */
  public TrainingConfig config() {
    TrainingConfig.Builder b = TrainingConfig.builder()
        .setModel(variant.get() != null && variant.get().id().equals(model.get()) ? variant.get()
            : Zoo.get(model.get())).setBatchSize(batchSize.get()).setLearningRate(learningRate.get())
        .setEpochs(epochs.get()).optInputSize(inputSize.get()).optOptimizer(optimizer.get())
        .optPrecision(precision.get())
        .optMomentum(momentum.get()).optWeightDecay(weightDecay.get()).optSeed(seed.get())
        .optDevice(device.get()).optFilterEvery(filterEvery.get());
    if (maxTrain.get() != 0) {
      b.optMaxTrainExamples(maxTrain.get()); // the form's 0 means all
    }
    if (maxTest.get() != 0) {
      b.optMaxTestExamples(maxTest.get());
    }
    int[] p = SettingsText.probes(probes.get());
    if (p.length > 0) {
      b.optProbeIndices(p);
    }
    var pipeline = SettingsText.augmentation(augment.get());
    if (!pipeline.isEmpty()) {
      b.optAugment(pipeline.toSpecList()).optAugmentation(pipeline);
    }
    return b.build();
  }

  /**
   * Shows a network changed in the explorer in the form, with settings that fit this machine (the
   * CPU-sized preset of {@code baseModel}, {@link VariantPresets}); Start trains it and the run is
   * named after it.
   */
  public void trainVariant(NetworkSpec v, String baseModel) {
    if (running.get()) {
      statusText.set("A run is going: stop it before training " + v.title() + ".");
      return;
    }
    TrainingConfig c = VariantPresets.settings(v, baseModel).build();
    apply(c);
    variant.set(v);
    statusText.set("Ready to train " + v.title() + " (" + c.inputSize() + " px, "
        + (c.maxTrainExamples() > 0 ? c.maxTrainExamples() + " images, " : "") + c.epochs() + " epochs): Start.");
  }

  public ObjectProperty<NetworkSpec> variantProperty() {
    return variant;
  }

  // ------------------------------------------------------------------ commands

  /** Starts a run with the current settings. */
  public void start() {
    if (running.get()) {
      return;
    }
    TrainingConfig s;
    try {
      s = config();
    } catch (IllegalArgumentException e) {
      statusText.set(SettingsText.problem(e));
      return;
    }
    if (pump != null) {
      pump.stop();
    }
    pump = new FxEventPump(this::onEvents);
    state.starting();
    running.set(true);
    paused.set(false);
    progress.set(0);
    speedText.set("");
    runFolderText.set("");
    statusText.set("Starting " + s.model() + " at " + s.inputSize() + " px: loading data and engine…");
    bump();
    if (useTimer) {
      pump.start();
    }
    control = backend.start(s, pump);
    control.runFolder().ifPresent(p -> runFolderText.set("run folder: " + p));
  }

  public void pause() {
    if (control != null && running.get()) {
      control.pause();
      statusText.set("Pausing after this batch…");
    }
  }

  public void resume() {
    if (control != null && running.get()) {
      control.resume();
    }
  }

  /** Asks the run to stop between batches; the training thread is joined off the FX thread. */
  public void stop() {
    TrainingBackend.Control c = control;
    if (c != null && running.get()) {
      c.stop();
      statusText.set("Stopping after this batch…");
    }
  }

  /** Sends your own image to the live run; false when no run is training. */
  public boolean classify(studio.convnet.engine.train.OwnImage image) {
    TrainingBackend.Control c = control;
    if (c == null || !running.get()) {
      return false;
    }
    c.classify(image);
    return true;
  }

  public void refreshActivations() {
    if (control != null && running.get()) {
      control.requestActivations();
    }
  }

  /** Times a couple of batches of the current settings and writes an estimate with suggestions. */
  public void estimate() {
    if (measuring.get() || running.get()) {
      return;
    }
    TrainingConfig s;
    try {
      s = config();
    } catch (IllegalArgumentException e) {
      estimateText.set(SettingsText.problem(e));
      return;
    }
    measuring.set(true);
    estimateText.set("Timing a short run of " + s.model() + " at " + s.inputSize() + " px, batch "
        + s.batchSize() + ": batches, evaluation and probes…");
    backend.measure(s, m -> fx.execute(() -> {
      measuring.set(false);
      if (m.error() != null || m.estimate() == null || !(m.estimate().trainImagesPerSecond() > 0)) {
        estimateText.set("Could not time a batch: " + m.error());
        return;
      }
      estimateText.set(EstimateText.of(s, m.estimate()));
    }));
  }

  // ------------------------------------------------------------------ events (FX thread)

  /** Drains the pump now (tests; the app's animation timer does this every frame). */
  public int drainNow() {
    return pump == null ? 0 : pump.drain();
  }

  public FxEventPump pump() {
    return pump;
  }

  void onEvents(List<RunEvent> events) {
    state.applyAll(events);
    for (RunEvent e : events) {
      if (e instanceof RunEvent.RunStarted st) {
        deviceText.set("device: " + st.device());
        running.set(true);
      }
    }
    Status st = state.status();
    paused.set(st == Status.PAUSED);
    progress.set(state.progress());
    state.lastBatch().ifPresent(this::showSpeed);
    statusText.set(statusLine());
    boolean ended = st == Status.FINISHED || st == Status.STOPPED || st == Status.FAILED;
    if (ended && running.get()) {
      running.set(false);
      paused.set(false);
      if (pump != null && useTimer) {
        pump.stop();
      }
    }
    bump();
  }

  private void showSpeed(BatchMetrics b) {
    double eta = state.etaSeconds();
    speedText.set(String.format(Locale.ROOT, "%.0f images/s · epoch %d/%d · batch %d/%d · ETA %s",
        b.imagesPerSecond(), b.epoch(), state.totalEpochs(), b.batch(), b.batchesPerEpoch(),
        state.status() == Status.RUNNING ? DurationEstimate.human(eta) : "—"));
  }

  private String statusLine() {
    String id = state.started().map(s -> s.runId() + ": ").orElse("");
    Status st = state.status();
    if (st == Status.RUNNING) {
      return id + "training (live)";
    }
    if (st == Status.PAUSED) {
      return id + "paused — Resume to continue";
    }
    return id + st + (state.message().isEmpty() ? "" : " — " + state.message());
  }

  private void bump() {
    stateVersion.set(stateVersion.get() + 1);
  }

  /**
   * Waits (off the FX thread only!) for the training thread to end and the run folder to be written;
   * true if that happened in time. For tests and shutdown.
   */
  public boolean awaitEnd(long millis) throws InterruptedException {
    TrainingBackend.Control c = control;
    return c == null || c.await(millis);
  }

  @Override
  public void close() throws Exception {
    TrainingBackend.Control c = control;
    if (c != null) {
      c.close();
    }
  }

  // ------------------------------------------------------------------ properties

  public RunState state() {
    return state;
  }

  public ReadOnlyIntegerProperty stateVersionProperty() {
    return stateVersion.getReadOnlyProperty();
  }

  public ObjectProperty<Preset> presetProperty() { return preset; }
  public ObjectProperty<String> modelProperty() { return model; }
  public IntegerProperty inputSizeProperty() { return inputSize; }
  public IntegerProperty batchSizeProperty() { return batchSize; }
  public DoubleProperty learningRateProperty() { return learningRate; }
  public ObjectProperty<OptimizerKind> optimizerProperty() { return optimizer; }
  /** FP32 or BF16 mixed precision (a CPU with AVX-512-BF16 or AMX runs it fast). */
  public ObjectProperty<Precision> precisionProperty() { return precision; }
  public DoubleProperty momentumProperty() { return momentum; }
  public DoubleProperty weightDecayProperty() { return weightDecay; }
  public IntegerProperty epochsProperty() { return epochs; }
  public IntegerProperty maxTrainProperty() { return maxTrain; }
  public IntegerProperty maxTestProperty() { return maxTest; }
  public LongProperty seedProperty() { return seed; }
  public ObjectProperty<DeviceChoice> deviceProperty() { return device; }
  public IntegerProperty filterEveryProperty() { return filterEvery; }
  public javafx.beans.property.StringProperty probesProperty() { return probes; }
  /** Augmentation text ({@code train --augment} syntax); the augmentation lab's "use for training" sets it. */
  public javafx.beans.property.StringProperty augmentProperty() { return augment; }
  public BooleanProperty bookOverlayProperty() { return bookOverlay; }
  /** Why the book has no end-point for the form's settings (empty text when it has one). */
  public ReadOnlyStringProperty bookOverlayNoteProperty() { return bookOverlayNote.getReadOnlyProperty(); }

  public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty measuringProperty() { return measuring.getReadOnlyProperty(); }
  public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
  public ReadOnlyStringProperty deviceTextProperty() { return deviceText.getReadOnlyProperty(); }
  public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
  public ReadOnlyStringProperty speedTextProperty() { return speedText.getReadOnlyProperty(); }
  public ReadOnlyStringProperty estimateTextProperty() { return estimateText.getReadOnlyProperty(); }
  public ReadOnlyStringProperty runFolderTextProperty() { return runFolderText.getReadOnlyProperty(); }
}
