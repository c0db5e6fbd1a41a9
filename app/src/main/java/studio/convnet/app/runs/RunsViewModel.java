package studio.convnet.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.convnet.engine.data.augment.AugmentOp;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import studio.convnet.app.common.FxEventPump;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;

/**
 * The Runs tab: a recorded run (finished, or still being written by another process) replayed with
 * a timeline scrubber, and a second run to compare with. A recording is always labelled as one
 * ("replay of &lt;runId&gt;, recorded &lt;date&gt;"), never as live. Reading happens off the FX
 * thread; results come back through the FX executor.
 */
public final class RunsViewModel implements AutoCloseable {

  /** One loaded run: its events (FX thread only) and where it came from. */
  public static final class LoadedRun {
    private final Path folder;
    private final List<RunEvent> events = new ArrayList<>();
    private final String recorded;

    LoadedRun(Path folder, String recorded) {
      this.folder = folder;
      this.recorded = recorded;
    }

    public Path folder() { return folder; }
    public List<RunEvent> events() { return events; }
    public String recorded() { return recorded; }

    public RunState finalState() {
      return RunState.of(events);
    }

    public double duration() {
      return events.isEmpty() ? 0 : events.get(events.size() - 1).elapsed();
    }
  }

  private final RunSource source;
  private final Executor fx;
  private final boolean useTimer;

  private LoadedRun run;
  /** Bumped by every open, follow and close: a read that finishes after a newer one is dropped. */
  private int openSeq;
  private int compareSeq;
  private LoadedRun compare;
  private AutoCloseable following;
  private FxEventPump followPump;

  private final DoubleProperty time = new SimpleDoubleProperty(0);
  private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper(0);
  private static final String NO_RUN = "No run open: open a run folder (runs/<date>-<model>).";
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NO_RUN);
  private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.REPLAY);
  private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper compareText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper followingNow = new ReadOnlyBooleanWrapper();
  private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper compareVersion = new ReadOnlyIntegerWrapper();
  private RunState stateAtTime = new RunState();

  public RunsViewModel(RunSource source, Executor fxExecutor, boolean useTimer) {
    this.source = source;
    this.fx = fxExecutor;
    this.useTimer = useTimer;
    time.addListener((o, a, b) -> recompute());
  }

  private static final java.util.regex.Pattern RUN_ID_TIME =
      java.util.regex.Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})-(\\d{2})(\\d{2})\\d{2}-");

  /**
   * When the run was recorded: from its RunStarted run id (the date and time the engine started it,
   * on the recording machine's clock), which survives copies and clones; else the events file's
   * modification time.
   */
  static String recordedDate(List<? extends RunEvent> events, Path folder) {
    for (RunEvent e : events) {
      if (e instanceof RunStarted st) {
        java.util.regex.Matcher m = RUN_ID_TIME.matcher(st.runId());
        if (m.find()) {
          return m.group(1) + " " + m.group(2) + ":" + m.group(3);
        }
        break;
      }
    }
    try {
      Path ev = folder.resolve("events.jsonl");
      Path p = Files.exists(ev) ? ev : folder;
      return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
          .format(Files.getLastModifiedTime(p).toInstant().atZone(ZoneOffset.UTC));
    } catch (IOException e) {
      return "unknown date";
    }
  }

  /** Which page of the Runs tab shows: the replay with its scrubber, or the comparison chart. */
  public enum Page { REPLAY, COMPARE }

  public ObjectProperty<Page> pageProperty() {
    return page;
  }

  /**
   * Shows a recording compared with another on the comparison page (a lesson step); runs already
   * open are not read again.
   */
  public void showComparison(Path folder, Path other) {
    if (run == null || !run.folder.equals(folder) || followingNow.get()) {
      open(folder);
    }
    if (compare == null || !compare.folder.equals(other)) {
      openCompare(other);
    }
    page.set(Page.COMPARE);
  }

  /** Captures what is open and shown; the returned action opens the same again (or closes all). */
  public Runnable snapshot() {
    Path was = run == null ? null : run.folder;
    boolean followed = followingNow.get();
    Path other = compare == null ? null : compare.folder;
    Page shown = page.get();
    return () -> {
      if (was == null) {
        closeRuns();
      } else if (followed) {
        follow(was);
      } else if (!was.equals(run == null ? null : run.folder)) {
        open(was);
      }
      if (other == null) {
        compareSeq++;
        compare = null;
        refreshCompare();
      } else if (compare == null || !compare.folder.equals(other)) {
        openCompare(other);
      }
      page.set(shown);
    };
  }

  /** Closes the replayed and the compared run. */
  public void closeRuns() {
    openSeq++;
    compareSeq++;
    stopFollowing();
    run = null;
    compare = null;
    stateAtTime = new RunState();
    title.set(NO_RUN);
    timeText.set("");
    duration.set(0);
    version.set(version.get() + 1);
    refreshCompare();
  }

  /** Opens a finished (or partly written) run folder and shows its end. */
  public void open(Path folder) {
    stopFollowing();
    page.set(Page.REPLAY);
    problems.set("");
    title.set("Reading " + folder + " …");
    int mine = ++openSeq;
    Thread t = new Thread(() -> {
      try {
        RunReader.Recording rec = source.read(folder);
        List<RunEvent> es = rec.events();
        String date = recordedDate(es, folder);
        fx.execute(() -> {
          if (mine != openSeq) {
            return; // a newer open (a later lesson step) wins, whichever read ends first
          }
          run = new LoadedRun(folder, date);
          run.events.addAll(es);
          List<String> all = new ArrayList<>(rec.problems());
          all.addAll(run.finalState().problems());
          problems.set(describeProblems(all));
          afterLoad(false);
        });
      } catch (Exception e) {
        fx.execute(() -> {
          if (mine == openSeq) {
            title.set("Could not read " + folder + ": " + e.getMessage());
          }
        });
      }
    }, "convnet-run-reader");
    t.setDaemon(true);
    t.start();
  }

  /** Follows a run folder that another process is still writing; the scrubber sticks to its end. */
  public void follow(Path folder) {
    openSeq++;
    stopFollowing();
    problems.set("");
    run = new LoadedRun(folder, recordedDate(List.of(), folder)); // being written now: the file time
    followPump = new FxEventPump(this::onFollowed, false);
    following = source.follow(folder, followPump);
    followingNow.set(true);
    if (useTimer) {
      followPump.start();
    }
    afterLoad(true);
  }

  /** Drains followed events now (tests; the animation timer does this in the app). */
  public int drainNow() {
    return followPump == null ? 0 : followPump.drain();
  }

  private void onFollowed(List<RunEvent> es) {
    boolean atEnd = time.get() >= duration.get() - 1e-9;
    run.events.addAll(es);
    if (following instanceof RunReader.Following f) {
      problems.set(describeProblems(f.problems())); // lines the follower skipped so far
    }
    duration.set(run.duration());
    if (es.stream().anyMatch(e -> e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed)) {
      stopFollowing();
    }
    updateTitle();
    if (atEnd) {
      time.set(duration.get());
    }
    recompute();
  }

  private void afterLoad(boolean followMode) {
    duration.set(run.duration());
    updateTitle();
    time.set(duration.get());
    recompute();
    refreshCompare();
  }

  /** "AlexNet (d2l) at 96 px (run 2026-…-alexnet)": the model and its input size first, then the run id. */
  static String name(List<RunEvent> events, Path folder) {
    return events.stream().filter(e -> e instanceof RunStarted).map(e -> (RunStarted) e).findFirst()
        .map(st -> st.modelTitle() + " at " + st.inputSize() + " px (run " + st.runId() + ")")
        .orElse(folder.getFileName().toString());
  }

  private void updateTitle() {
    String id = name(run.events, run.folder);
    String end = run.events.isEmpty() ? "" : describeEnd(run.events.get(run.events.size() - 1));
    if (followingNow.get()) {
      title.set("Replay of " + id + ", recorded " + run.recorded + " — following the recording as another"
          + " process writes it (" + run.events.size() + " events so far)");
    } else {
      title.set("Replay of " + id + ", recorded " + run.recorded + end);
    }
  }

  private static String describeEnd(RunEvent last) {
    if (last instanceof RunEvent.RunFinished f) {
      return f.completed() ? " — finished, " + f.epochsDone() + " epochs" : " — stopped after " + f.epochsDone() + " epochs";
    }
    if (last instanceof RunEvent.RunFailed f) {
      return " — failed: " + f.message();
    }
    return " — incomplete (no end recorded)";
  }

  private void recompute() {
    if (run == null) {
      return;
    }
    stateAtTime = RunState.at(run.events, time.get());
    timeText.set(String.format(Locale.ROOT, "t = %.1f s of %.1f s · %s", time.get(), duration.get(),
        stateAtTime.lastBatch().map(b -> "epoch " + b.epoch() + ", batch " + b.batch() + "/" + b.batchesPerEpoch())
            .orElse("before the first batch")));
    version.set(version.get() + 1);
  }

  /** Opens a second run to overlay on the first. */
  public void openCompare(Path folder) {
    int mine = ++compareSeq;
    Thread t = new Thread(() -> {
      try {
        List<RunEvent> es = source.readAll(folder);
        String date = recordedDate(es, folder);
        fx.execute(() -> {
          if (mine != compareSeq) {
            return;
          }
          compare = new LoadedRun(folder, date);
          compare.events.addAll(es);
          refreshCompare();
        });
      } catch (Exception e) {
        fx.execute(() -> compareText.set("Could not read " + folder + ": " + e.getMessage()));
      }
    }, "convnet-run-reader");
    t.setDaemon(true);
    t.start();
  }

  private void refreshCompare() {
    List<String> lines = new ArrayList<>();
    for (LoadedRun r : runs()) {
      lines.add(summary(r));
    }
    compareText.set(String.join("\n", lines));
    compareVersion.set(compareVersion.get() + 1);
  }

  /** One line per run: model, input, params, multiply-adds, median images/s, last test accuracy. */
  public static String summary(LoadedRun r) {
    RunState s = r.finalState();
    RunStarted st = s.started().orElse(null);
    if (st == null) {
      return r.folder().getFileName() + ": no RunStarted";
    }
    double[] ips = s.batches().stream().mapToDouble(BatchMetrics::imagesPerSecond).filter(v -> v > 0).sorted().toArray();
    double median = ips.length == 0 ? Double.NaN : ips[ips.length / 2];
    double test = s.epochs().isEmpty() ? Double.NaN : s.epochs().get(s.epochs().size() - 1).testAccuracy();
    return String.format(Locale.ROOT, "%s at %d px (run %s), %s: %,d params, %.1f M multiply-adds/image, median %.0f"
        + " images/s, %d epochs, test acc %.3f (recorded %s)", st.modelTitle(), st.inputSize(), st.runId(),
        augmentation(st), st.params(), st.macs() / 1e6, median, s.epochs().size(), test, r.recorded());
  }

  /** "augmented: crop, hflip" or "no augmentation", from the run's recorded config. */
  public static String augmentation(RunStarted st) {
    List<String> ops = st.config() == null ? List.of() : st.config().augment();
    if (ops.isEmpty()) {
      return "no augmentation";
    }
    try {
      return "augmented: " + String.join(", ",
          AugmentationPipeline.parse(ops).ops().stream().map(AugmentOp::name).toList());
    } catch (RuntimeException e) {
      return "augmented: " + String.join(" ", ops); // a recording from another version: its text as written
    }
  }


  /** The loaded runs, first the replayed one, then the compared one. */
  public List<LoadedRun> runs() {
    List<LoadedRun> l = new ArrayList<>();
    if (run != null) {
      l.add(run);
    }
    if (compare != null) {
      l.add(compare);
    }
    return l;
  }

  private void stopFollowing() {
    if (following != null) {
      try {
        following.close();
      } catch (Exception ignored) {
        // a follower's close does not fail
      }
      following = null;
    }
    if (followPump != null && useTimer) {
      followPump.stop();
    }
    followingNow.set(false);
  }

  @Override
  public void close() {
    stopFollowing();
  }

  public RunState stateAtTime() { return stateAtTime; }
  public DoubleProperty timeProperty() { return time; }
  public ReadOnlyDoubleProperty durationProperty() { return duration.getReadOnlyProperty(); }
  public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

  /** What was skipped reading the open run (empty when nothing was): shown under the title. */
  public ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }

  static String describeProblems(List<String> found) {
    if (found.isEmpty()) {
      return "";
    }
    return (found.size() == 1 ? "Opened with 1 problem: " : "Opened with " + found.size() + " problems: ")
        + String.join(" · ", found);
  }
  public ReadOnlyStringProperty timeTextProperty() { return timeText.getReadOnlyProperty(); }
  public ReadOnlyStringProperty compareTextProperty() { return compareText.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty followingProperty() { return followingNow.getReadOnlyProperty(); }
  public ReadOnlyIntegerProperty versionProperty() { return version.getReadOnlyProperty(); }
  public ReadOnlyIntegerProperty compareVersionProperty() { return compareVersion.getReadOnlyProperty(); }
}
