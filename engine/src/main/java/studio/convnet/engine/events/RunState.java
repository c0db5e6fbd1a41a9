package studio.convnet.engine.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.ConfusionMatrix;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.events.RunEvent.RunFailed;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.RunEvent.RunPaused;
import studio.convnet.engine.events.RunEvent.RunResumed;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * Everything a view draws about one run, folded from its events: plain Java, no FX, used alike for
 * a live run (the app feeds it on the FX thread), a replay (fed from a run folder up to the
 * scrubber's time) and the CLI's {@code runs show}. Not thread-safe: one thread applies and reads.
 *
 * <p>{@link #problems()} lists what was wrong with the events (as the fold found it, or as a reader
 * reports it with {@link #problem(String)}): a consumer shows them instead of failing.
 *
 * <p>Ordering: points are keyed (batch metrics by step, epochs by epoch number, confusion matrices by
 * epoch, filter snapshots by step), so a late or repeated event lands in its place instead of
 * drawing a line backwards; a repeated key replaces the old value. Each area has a version number
 * that views compare to redraw only what changed; {@link #batchLayoutVersion()} changes when points
 * were inserted out of order or cleared, telling a chart to rebuild instead of appending.
 */
public final class RunState {

  /** Where the run stands. */
  public enum Status {
    EMPTY("no run"), STARTING("starting"), RUNNING("training"), PAUSED("paused"),
    FINISHED("finished"), STOPPED("stopped"), FAILED("failed");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Filter snapshots kept for the evolution player; older ones are thinned, the first always kept. */
  public static final int FILTER_HISTORY = 96;

  private RunStarted started;
  private final NavigableMap<Long, BatchMetrics> batches = new TreeMap<>();
  private final NavigableMap<Integer, EpochMetrics> epochs = new TreeMap<>();
  private final NavigableMap<Integer, ConfusionMatrix> confusions = new TreeMap<>();
  private final Map<Integer, ActivationSnapshot> activations = new LinkedHashMap<>();
  private final NavigableMap<Long, FilterSnapshot> filters = new TreeMap<>();
  private FilterSnapshot firstFilter;
  private final Map<String, NavigableMap<Integer, TopPatches>> patches = new LinkedHashMap<>();
  private int patchesVersion;
  private final Map<Integer, List<LookMaps>> looks = new LinkedHashMap<>();
  private int looksVersion;
  private final HealthHistory health = new HealthHistory();
  private Status status = Status.EMPTY;
  private String message = "";
  private RunEvent terminal;
  private double lastElapsed;
  private long events;
  private final List<String> problems = new ArrayList<>();

  private int batchLayoutVersion;
  private int curvesVersion;
  private int filtersVersion;
  private int activationsVersion;
  private int confusionVersion;
  private int statusVersion;

  /** Folds the events in order into a fresh state. */
  public static RunState of(Collection<? extends RunEvent> events) {
    RunState s = new RunState();
    events.forEach(s::apply);
    return s;
  }

  /** A replay's state at {@code elapsed} seconds: every event with elapsed ≤ the given time. */
  public static RunState at(List<? extends RunEvent> events, double elapsed) {
    RunState s = new RunState();
    for (RunEvent e : events) {
      if (e.elapsed() <= elapsed || e instanceof RunStarted) {
        s.apply(e);
      }
    }
    return s;
  }

  public void applyAll(Collection<? extends RunEvent> es) {
    es.forEach(this::apply);
  }

  public void apply(RunEvent e) {
    events++;
    lastElapsed = Math.max(lastElapsed, e.elapsed());
    if (started == null && !(e instanceof RunStarted) && events == 1) {
      problem("the first event is a " + e.getClass().getSimpleName() + ", not RunStarted");
    }
    if (e instanceof RunStarted s) {
      if (started != null && !started.runId().equals(s.runId())) {
        clear();
      }
      if (started != null && s.startEpoch() > 0) {
        // a resumed run: what came after its checkpoint is trained again
        epochs.tailMap(s.startEpoch(), false).clear();
        confusions.tailMap(s.startEpoch(), false).clear();
        batches.values().removeIf(b -> b.epoch() > s.startEpoch());
        health.dropAfterEpoch(s.startEpoch());
        batchLayoutVersion++;
        curvesVersion++;
        confusionVersion++;
      }
      started = s;
      setStatus(Status.RUNNING, "");
    } else if (e instanceof BatchMetrics b) {
      Map.Entry<Long, BatchMetrics> last = batches.lastEntry();
      if (last != null && b.step() <= last.getKey()) {
        batchLayoutVersion++;
      }
      batches.put(b.step(), b);
      curvesVersion++;
      if (status == Status.STARTING || status == Status.EMPTY) {
        setStatus(Status.RUNNING, "");
      }
    } else if (e instanceof EpochMetrics m) {
      epochs.put(m.epoch(), m);
      curvesVersion++;
    } else if (e instanceof FilterSnapshot f) {
      if (firstFilter == null || f.step() < firstFilter.step()) {
        firstFilter = f;
      }
      filters.put(f.step(), f);
      thinFilters();
      filtersVersion++;
    } else if (e instanceof ActivationSnapshot a) {
      ActivationSnapshot old = activations.get(a.testIndex());
      if (old == null || old.step() <= a.step()) {
        activations.put(a.testIndex(), a);
        activationsVersion++;
      }
    } else if (e instanceof TopPatches t) {
      patches.computeIfAbsent(t.layer(), k -> new TreeMap<>()).put(t.epoch(), t);
      patchesVersion++;
    } else if (e instanceof LookMaps l) {
      addLook(l);
    } else if (e instanceof RunEvent.LayerHealth h) {
      health.add(h);
    } else if (e instanceof ConfusionMatrix c) {
      confusions.put(c.epoch(), c);
      confusionVersion++;
    } else if (e instanceof RunPaused) {
      setStatus(Status.PAUSED, "");
    } else if (e instanceof RunResumed) {
      setStatus(Status.RUNNING, "");
    } else if (e instanceof RunFinished f) {
      terminal = f;
      setStatus(f.completed() ? Status.FINISHED : Status.STOPPED,
          f.completed() ? "all " + f.epochsDone() + " epochs done"
              : "stopped after " + f.epochsDone() + " finished epoch" + (f.epochsDone() == 1 ? "" : "s")
                  + " (resumable)");
    } else if (e instanceof RunFailed f) {
      terminal = f;
      setStatus(Status.FAILED, f.message());
    }
  }

  /** Keeps the newest maps per image, method and set of classes. */
  private void addLook(LookMaps l) {
    List<LookMaps> kept = looks.computeIfAbsent(l.testIndex(), k -> new ArrayList<>());
    for (int i = 0; i < kept.size(); i++) {
      LookMaps old = kept.get(i);
      if (old.method().equals(l.method()) && java.util.Arrays.equals(old.classes(), l.classes())) {
        if (old.step() <= l.step()) {
          kept.set(i, l);
          looksVersion++;
        }
        return;
      }
    }
    kept.add(l);
    looksVersion++;
  }

  private void thinFilters() {
    if (filters.size() <= FILTER_HISTORY) {
      return;
    }
    // drop every second snapshot between the first and the newest: an evenly spread history
    List<Long> keys = new ArrayList<>(filters.keySet());
    for (int i = 1; i < keys.size() - 1; i += 2) {
      if (firstFilter == null || keys.get(i) != firstFilter.step()) {
        filters.remove(keys.get(i));
      }
    }
  }

  private void clear() {
    batches.clear();
    epochs.clear();
    confusions.clear();
    activations.clear();
    filters.clear();
    patches.clear();
    patchesVersion++;
    looks.clear();
    looksVersion++;
    health.clear();
    firstFilter = null;
    terminal = null;
    batchLayoutVersion++;
    curvesVersion++;
    filtersVersion++;
    activationsVersion++;
    confusionVersion++;
  }

  /** Notes a problem found in the run's files or events (a reader's warning). */
  public void problem(String text) {
    problems.add(text);
    statusVersion++;
  }

  /** Problems found so far, oldest first. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Marks a run as requested but not yet started (the engine is loading). */
  public void starting() {
    setStatus(Status.STARTING, "loading data and engine…");
  }

  private void setStatus(Status s, String msg) {
    status = s;
    message = msg;
    statusVersion++;
  }

  public Optional<RunStarted> started() {
    return Optional.ofNullable(started);
  }

  public List<BatchMetrics> batches() {
    return new ArrayList<>(batches.values());
  }

  /** Batch points after the given step (for appending to a chart). */
  public Collection<BatchMetrics> batchesAfter(long step) {
    return batches.tailMap(step, false).values();
  }

  public int batchCount() {
    return batches.size();
  }

  public Optional<BatchMetrics> lastBatch() {
    return Optional.ofNullable(batches.isEmpty() ? null : batches.lastEntry().getValue());
  }

  public List<EpochMetrics> epochs() {
    return new ArrayList<>(epochs.values());
  }

  public Optional<ConfusionMatrix> confusion(int epoch) {
    return Optional.ofNullable(confusions.get(epoch));
  }

  public Optional<ConfusionMatrix> latestConfusion() {
    return Optional.ofNullable(confusions.isEmpty() ? null : confusions.lastEntry().getValue());
  }

  public List<Integer> confusionEpochs() {
    return new ArrayList<>(confusions.keySet());
  }

  public List<FilterSnapshot> filterHistory() {
    return new ArrayList<>(filters.values());
  }

  public Optional<FilterSnapshot> latestFilter() {
    return Optional.ofNullable(filters.isEmpty() ? null : filters.lastEntry().getValue());
  }

  public Optional<FilterSnapshot> firstFilter() {
    return Optional.ofNullable(firstFilter);
  }

  /** The layers with top patches, in the order they first came. */
  public List<String> patchLayers() {
    return new ArrayList<>(patches.keySet());
  }

  /** A layer's newest top patches. */
  public Optional<TopPatches> latestPatches(String layer) {
    NavigableMap<Integer, TopPatches> m = patches.get(layer);
    return Optional.ofNullable(m == null || m.isEmpty() ? null : m.lastEntry().getValue());
  }

  /** A layer's top patches after each epoch, in epoch order. */
  public List<TopPatches> patchHistory(String layer) {
    NavigableMap<Integer, TopPatches> m = patches.get(layer);
    return m == null ? List.of() : new ArrayList<>(m.values());
  }

  public int patchesVersion() {
    return patchesVersion;
  }

  /**
   * The newest maps of {@code method} ({@link LookMaps#CAM} or {@link LookMaps#SALIENCY}) for a test
   * image that include class {@code cls}.
   */
  public Optional<LookMaps> look(int testIndex, String method, int cls) {
    return looks.getOrDefault(testIndex, List.of()).stream()
        .filter(l -> l.method().equals(method) && l.indexOf(cls) >= 0)
        .max(java.util.Comparator.comparingLong(LookMaps::step));
  }

  /** Every kept map event of a test image (newest per method and class set). */
  public List<LookMaps> looks(int testIndex) {
    return List.copyOf(looks.getOrDefault(testIndex, List.of()));
  }

  /** The layers' health records (filter change, dead units, weight and gradient distributions). */
  public HealthHistory health() {
    return health;
  }

  public int looksVersion() {
    return looksVersion;
  }

  public Map<Integer, ActivationSnapshot> activations() {
    return activations;
  }

  public Status status() {
    return status;
  }

  public String message() {
    return message;
  }

  public Optional<RunEvent> terminal() {
    return Optional.ofNullable(terminal);
  }

  public double lastElapsed() {
    return lastElapsed;
  }

  public long eventCount() {
    return events;
  }

  /** x position of a batch on the epoch axis, as d2l's progress plots: epoch − 1 + done fraction. */
  public static double epochX(BatchMetrics b) {
    return b.epoch() - 1 + (double) b.batch() / Math.max(1, b.batchesPerEpoch());
  }

  /**
   * Images per second over the recent batches and the seconds left, from the last batch point
   * (NaN when unknown).
   */
  public double etaSeconds() {
    if (started == null || batches.isEmpty()) {
      return Double.NaN;
    }
    BatchMetrics b = batches.lastEntry().getValue();
    int totalEpochs = totalEpochs();
    if (totalEpochs <= 0 || b.imagesPerSecond() <= 0) {
      return Double.NaN;
    }
    long batchesLeft = (long) (totalEpochs - b.epoch()) * b.batchesPerEpoch() + (b.batchesPerEpoch() - b.batch());
    double perBatch = (double) started.trainSize() / Math.max(1, started.batchesPerEpoch());
    double trainLeft = batchesLeft * perBatch / b.imagesPerSecond();
    // evaluation: forward only on the test set, roughly a third of a training step per image
    int evalEpochsLeft = totalEpochs - b.epoch() + 1;
    double evalLeft = evalEpochsLeft * started.testSize() / (3 * b.imagesPerSecond());
    return trainLeft + evalLeft;
  }

  /** The fraction of the run done (0..1), counting batches. */
  public double progress() {
    if (status == Status.FINISHED) {
      return 1;
    }
    if (started == null || batches.isEmpty()) {
      return 0;
    }
    BatchMetrics b = batches.lastEntry().getValue();
    int total = totalEpochs();
    if (total <= 0) {
      return 0;
    }
    double done = (b.epoch() - 1) + (double) b.batch() / Math.max(1, b.batchesPerEpoch());
    return Math.max(0, Math.min(1, done / total));
  }

  /** Epochs the run was configured for, or 0 if unknown. */
  public int totalEpochs() {
    return started == null || started.config() == null ? 0 : started.config().epochs();
  }

  public int batchLayoutVersion() {
    return batchLayoutVersion;
  }

  public int curvesVersion() {
    return curvesVersion;
  }

  public int filtersVersion() {
    return filtersVersion;
  }

  public int activationsVersion() {
    return activationsVersion;
  }

  public int confusionVersion() {
    return confusionVersion;
  }

  public int statusVersion() {
    return statusVersion;
  }
}
