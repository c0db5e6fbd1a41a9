package studio.convnet.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEventListener;

/**
 * Carries run events from the training thread to the FX thread without ever blocking either side.
 *
 * <ul>
 *   <li>Points that must all arrive (batch and epoch metrics, confusion matrices, lifecycle events)
 *       go through a lock-free {@link ConcurrentLinkedQueue}.
 *   <li>Latest-value data (filter and activation snapshots: large arrays where only the newest
 *       matters for drawing) go through {@link AtomicReference}s; a newer one replaces an undrawn
 *       older one (counted in {@link #coalesced()}).
 * </ul>
 *
 * {@link #onEvent} runs on the training thread: a queue offer or a reference set and, at most once
 * per drain, a non-blocking {@code Platform.runLater} — at most {@link #FRAME_NANOS} apart, later
 * ones through a timer thread, so the training thread never waits. {@link #drain()} runs on the FX thread
 * and hands events to the sink in arrival order, the latest-value ones after the queued ones of the
 * same frame. {@code drain()} needs no FX toolkit, so it is unit-tested directly.
 */
public final class FxEventPump implements RunEventListener {

  private final Queue<RunEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicReference<FilterSnapshot> latestFilter = new AtomicReference<>();
  private final AtomicReference<ActivationSnapshot> latestActivation = new AtomicReference<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong coalesced = new AtomicLong();
  private final Consumer<List<RunEvent>> sink;
  private final boolean coalesce;
  private final java.util.concurrent.atomic.AtomicBoolean scheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile java.util.concurrent.Executor poster;

  /**
   * At most this often a drain (a dashboard frame): 10 a second. Without the limit a LeNet run at
   * batch 64 drained 29 times a second, and the FX threads took 15 % of the process's CPU, on cores
   * the training needs (docs/dashboard.md, "Frames while LeNet trains"). Where frames cost more, the
   * {@link FrameBudget} spaces them further.
   */
  static final long FRAME_NANOS = FrameBudget.MIN_NANOS;

  /** Runs a task after a delay in nanoseconds (never on the caller's thread, never blocking it). */
  interface Delayer {
    void run(Runnable task, long nanos);
  }

  private volatile Delayer later;
  private volatile LongSupplier clock = System::nanoTime;
  private volatile long lastDrain = Long.MIN_VALUE / 2;
  private volatile FrameBudget budget;
  private volatile long frameNanos = FRAME_NANOS;

  /** @param sink receives each frame's events (never an empty list), on the thread calling drain */
  public FxEventPump(Consumer<List<RunEvent>> sink) {
    this(sink, true);
  }

  /**
   * @param coalesce false to queue every event, snapshots included (a recording being followed,
   *     where the scrubber must be able to go back to any snapshot)
   */
  public FxEventPump(Consumer<List<RunEvent>> sink, boolean coalesce) {
    this.sink = sink;
    this.coalesce = coalesce;
  }

  @Override
  public void onEvent(RunEvent event) {
    received.incrementAndGet();
    if (!coalesce) {
      queue.offer(event);
    } else if (event instanceof FilterSnapshot f) {
      if (latestFilter.getAndSet(f) != null) {
        coalesced.incrementAndGet();
      }
    } else if (event instanceof ActivationSnapshot a) {
      // several probes arrive back to back: keep each probe's newest by queueing those of a
      // different probe, replacing only a same-probe one
      ActivationSnapshot old = latestActivation.getAndSet(a);
      if (old != null) {
        if (old.testIndex() != a.testIndex()) {
          queue.offer(old);
        } else {
          coalesced.incrementAndGet();
        }
      }
    } else {
      queue.offer(event);
    }
    post();
  }

  /** Moves everything pending to the sink; returns how many events it delivered. FX thread. */
  public int drain() {
    List<RunEvent> batch = new ArrayList<>();
    RunEvent e;
    while ((e = queue.poll()) != null) {
      batch.add(e);
    }
    FilterSnapshot f = latestFilter.getAndSet(null);
    if (f != null) {
      batch.add(f);
    }
    ActivationSnapshot a = latestActivation.getAndSet(null);
    if (a != null) {
      batch.add(a);
    }
    if (!batch.isEmpty()) {
      // lifecycle events queued before the snapshots must still come last if they end the run
      batch.sort((x, y) -> Integer.compare(rank(x), rank(y)));
      sink.accept(batch);
    }
    return batch.size();
  }

  private static int rank(RunEvent e) {
    return (e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed) ? 1 : 0;
  }

  /**
   * Starts delivering on the FX thread: the first event after a drain posts one
   * {@code Platform.runLater(drain)}; later events ride along until that drain runs. So the FX
   * thread wakes only when there is something to draw, never more often than it can keep up, and
   * JavaFX does not pulse 60 times a second through a whole run as it does while an
   * AnimationTimer is running (measured: see docs/dashboard.md). Call on the FX thread.
   */
  public void start() {
    later = FrameTimer::schedule;
    budget = FrameBudget.forJavaFx();
    poster = javafx.application.Platform::runLater;
    if (!queue.isEmpty() || latestFilter.get() != null || latestActivation.get() != null) {
      post();
    }
  }

  /** Like {@link #start()} with another executor and no frame limit (tests). */
  public void start(java.util.concurrent.Executor executor) {
    later = null;
    budget = null;
    poster = executor;
  }

  /** Like {@link #start()} with another executor, delayer and clock (tests of the frame limit). */
  void start(java.util.concurrent.Executor executor, Delayer delayer, LongSupplier nanoClock) {
    start(executor, delayer, nanoClock, null);
  }

  /** Like {@link #start()} with another executor, delayer, clock and frame budget (tests). */
  void start(java.util.concurrent.Executor executor, Delayer delayer, LongSupplier nanoClock,
      FrameBudget frameBudget) {
    clock = nanoClock;
    budget = frameBudget;
    later = delayer;
    poster = executor;
  }

  /** Posts a drain now, or a frame's time (from the budget) after the last one if that is later. */
  private void post() {
    java.util.concurrent.Executor p = poster;
    if (p != null && scheduled.compareAndSet(false, true)) {
      Delayer d = later;
      long wait = d == null ? 0 : lastDrain + frameNanos - clock.getAsLong();
      if (wait <= 0) {
        p.execute(drainTask);
      } else {
        d.run(() -> p.execute(drainTask), wait);
      }
    }
  }

  /** One daemon thread that hands delayed drains to the FX thread. */
  private static final class FrameTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "convnet-fx-frames");
      t.setDaemon(true);
      return t;
    });

    static void schedule(Runnable task, long nanos) {
      TIMER.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private final Runnable drainTask = () -> {
    scheduled.set(false);
    lastDrain = clock.getAsLong();
    FrameBudget b = budget;
    if (b != null) {
      frameNanos = b.nextFrameNanos();
    }
    long t0 = System.nanoTime();
    long c0 = UiStallProbe.cpuNow();
    if (drain() > 0) {
      UiStallProbe.recordWork(System.nanoTime() - t0, UiStallProbe.cpuNow() - c0);
    }
  };

  /** Stops posting after a last drain. Call on the FX thread. */
  public void stop() {
    poster = null;
    drain();
  }

  public long received() {
    return received.get();
  }

  /** Latest-value events replaced before they were drawn. */
  public long coalesced() {
    return coalesced.get();
  }

  public int pending() {
    return queue.size();
  }
}
