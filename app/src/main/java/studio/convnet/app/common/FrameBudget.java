package studio.convnet.app.common;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * How far apart the dashboard's frames must be for the window to keep to a small share of the
 * machine's CPU while a run trains on every core: each frame's cost is the CPU time JavaFX's threads
 * (the application thread and the renderer) spent since the previous frame, smoothed over a few
 * frames, and the next frame waits {@code cost / (SHARE × cores)}, between {@link #MIN_NANOS} and
 * {@link #MAX_NANOS}.
 *
 * <p>Why: on a 2-core machine drawing LeNet's curves 10 times a second cost about 10 ms of CPU a
 * frame under Xvfb (JFreeChart's redraw on the FX thread, software rasterising on the renderer), 13–16 %
 * of the process's CPU, and the training went that much slower (docs/dashboard.md, "The frame
 * budget"). A laptop that draws cheaply keeps 10 frames a second; a slow one draws less often, never
 * less than once a second. Call {@link #nextFrameNanos()} at each frame's start, on the FX thread.
 */
public final class FrameBudget {

  /** The UI's share of all the machine's cores while events flow: 2 %. */
  static final double SHARE = 0.02;
  /** Never more than 10 frames a second. */
  public static final long MIN_NANOS = 100_000_000L;
  /** Never less than one frame a second: the curves must still move. */
  static final long MAX_NANOS = 1_000_000_000L;
  /** A frame after a longer pause than this is not a frame's cost (the run was idle). */
  private static final long IDLE_NANOS = 2 * MAX_NANOS;

  private final LongSupplier uiCpuNanos;
  private final LongSupplier wallNanos;
  private final int cores;
  private long lastCpu = -1;
  private long lastWall;
  private double cost; // smoothed CPU nanoseconds a frame

  /** The JavaFX threads of this process, measured with the JVM's thread CPU clocks. */
  public static FrameBudget forJavaFx() {
    return new FrameBudget(new FxThreadsCpu(), System::nanoTime,
        Runtime.getRuntime().availableProcessors());
  }

  FrameBudget(LongSupplier uiCpuNanos, LongSupplier wallNanos, int cores) {
    this.uiCpuNanos = uiCpuNanos;
    this.wallNanos = wallNanos;
    this.cores = Math.max(1, cores);
  }

  /** The least time until the next frame, from the cost of the frames so far. */
  public long nextFrameNanos() {
    long cpu = uiCpuNanos.getAsLong();
    long wall = wallNanos.getAsLong();
    if (lastCpu >= 0 && wall - lastWall < IDLE_NANOS) {
      double frame = cpu - lastCpu;
      cost = cost == 0 ? frame : 0.7 * cost + 0.3 * frame;
    }
    lastCpu = cpu;
    lastWall = wall;
    long want = (long) (cost / (SHARE * cores));
    return Math.max(MIN_NANOS, Math.min(MAX_NANOS, want));
  }

  /** CPU time of the calling (FX application) thread plus JavaFX's renderer thread, if found. */
  private static final class FxThreadsCpu implements LongSupplier {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long renderer = -2; // -2: not looked up yet, -1: none

    @Override
    public long getAsLong() {
      if (!THREADS.isThreadCpuTimeSupported()) {
        return 0; // every frame costs nothing: 10 frames a second
      }
      if (renderer == -2) {
        renderer = -1;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
          if (t != null && t.getThreadName().startsWith("QuantumRenderer")) {
            renderer = t.getThreadId();
          }
        }
      }
      long r = renderer < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(renderer));
      return THREADS.getCurrentThreadCpuTime() + r;
    }
  }
}
