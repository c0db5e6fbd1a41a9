package studio.convnet.engine.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.events.RunConfig;

/**
 * Records a run's events in a run folder (layout in {@link RunFolder}).
 *
 * <p>Threading: {@link #onEvent} only puts the event on a bounded queue (4096 events); one writer
 * thread ({@code convnet-run-writer}) encodes it, writes any sidecar file atomically, then appends
 * the JSON line to {@code events.jsonl} and flushes it. So the training thread never waits for the
 * disk, unless the disk falls 4096 events behind, in which case it waits (back-pressure rather than
 * a lost event). Large arrays go to a sidecar file ({@link SidecarBuffer}), which is always complete on
 * disk before the line that names it, so a follower never sees a reference to a missing file.
 * {@link #close()} drains the queue; {@link #awaitWritten()} waits until everything queued so far is
 * in events.jsonl (a checkpoint is written only after that).
 *
 * <p>A failed write (a full disk) never leaves part of a line: events.jsonl is cut back to its last
 * complete line, a sidecar's temp file is removed, and {@link #failure()} names the file ("disk
 * full: could not write …/events.jsonl: No space left on device"). After a failure only the run's end
 * (RunFinished, RunFailed) is still written, so the folder holds the run up to the failure and how it
 * ended, with no gap. A training session stops at the next batch when a listener reports a failure,
 * so what was recorded before stays readable and resumable.
 */
public final class RunWriter implements RunEventListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunWriter.class);
  private static final RunEvent CLOSE = new RunEvent.RunPaused(-1, -1, -1); // poison pill (identity)

  private final Path folder;
  private final BlockingQueue<RunEvent> queue = new ArrayBlockingQueue<>(4096);
  private final FileChannel events;
  private long committed; // bytes of events.jsonl up to the end of the last complete line
  private final WriteGate gate;
  private final Thread thread;
  private volatile IOException error;
  private volatile boolean closed;
  private final Object progress = new Object();
  private long enqueued; // guarded by progress
  private long written; // guarded by progress

  // the sidecar being built for the current event, lines written (writer thread only)
  private final SidecarBuffer sidecar = new SidecarBuffer();
  private final EventCodec codec;
  private long lines;

  /**
   * Called before each file write with the file and the bytes about to go to it; the seam through
   * which tests make a disk "full" (it throws as the file system would). Production: no check.
   */
  @FunctionalInterface
  interface WriteGate {
    WriteGate NONE = (file, bytes) -> { };

    void beforeWrite(Path file, long bytes) throws IOException;
  }

  private RunWriter(Path folder, WriteGate gate) throws IOException {
    this.folder = folder;
    this.gate = gate;
    this.events = FileChannel.open(folder.resolve(RunFolder.EVENTS), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    this.committed = events.size();
    events.position(committed);
    this.codec = EventCodec.withSidecars(sidecar, null);
    this.thread = new Thread(this::loop, "convnet-run-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A new run folder under {@code root} ({@code <date>-<model>}), with config.json written. When the
   * folder cannot be made or written (a full disk, no permission) nothing is left behind and the
   * message names the path.
   */
  public static RunWriter create(Path root, RunConfig config, NetworkSpec spec) throws IOException {
    return create(root, config, spec, WriteGate.NONE);
  }

  static RunWriter create(Path root, RunConfig config, NetworkSpec spec, WriteGate gate) throws IOException {
    Path dir;
    try {
      dir = RunFolder.create(root, config.model());
    } catch (IOException e) {
      throw new IOException((RunFolder.isDiskFull(e) ? "disk full: " : "") + "cannot create a run folder in " + root
          + ": " + RunFolder.reason(e), e);
    }
    try {
      RunFolder.writeConfig(dir, config, spec);
      return new RunWriter(dir, gate);
    } catch (IOException e) {
      RunFolder.deleteQuietly(dir);
      throw new IOException((RunFolder.isDiskFull(e) ? "disk full: " : "") + "cannot write the run folder " + dir
          + ": " + RunFolder.reason(e), e);
    }
  }

  /** Appends to an existing run folder (a resumed run), after repairing its tail (see {@link TailRepair}). */
  public static RunWriter append(Path runDir, Consumer<String> notices) throws IOException {
    if (!Files.isRegularFile(runDir.resolve(RunFolder.CONFIG))) {
      throw new IOException(runDir + ": not a run folder (no " + RunFolder.CONFIG + ")");
    }
    TailRepair.repair(runDir).ifPresent(notices);
    return new RunWriter(runDir, WriteGate.NONE);
  }

  /** {@link #append(Path, Consumer)}, logging what was repaired. */
  public static RunWriter append(Path runDir) throws IOException {
    return append(runDir, n -> LOG.warn("{}", n));
  }

  public Path folder() {
    return folder;
  }

  /** The first write error, if any (after it, only the run's end is still written). */
  public IOException error() {
    return error;
  }

  /**
   * The first write that failed, in one line naming the file ("disk full: could not write
   * /runs/x/events.jsonl: No space left on device"); empty while every event was recorded.
   */
  @Override
  public Optional<String> failure() {
    IOException e = error;
    return e == null ? Optional.empty() : Optional.of(RunFolder.writeFailure(e));
  }

  @Override
  public void onEvent(RunEvent event) {
    if (closed) {
      return;
    }
    try {
      synchronized (progress) {
        enqueued++;
      }
      queue.put(event);
    } catch (InterruptedException e) {
      synchronized (progress) {
        enqueued--;
      }
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits (up to a minute) until every event handed over so far is written and flushed to
   * events.jsonl, or could not be written (see {@link #error()}).
   */
  @Override
  public void awaitWritten() {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    synchronized (progress) {
      long target = enqueued;
      while (written < target && thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("{}: events still not written after a minute", folder);
          return;
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes everything queued so far, then stops the writer thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(CLOSE);
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try {
      while (true) {
        RunEvent e = queue.take();
        if (e == CLOSE) {
          break;
        }
        if (error != null && !(e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed)) {
          // after a failed write the folder keeps the run up to it, then only how the run ended: no gaps
          synchronized (progress) {
            written++;
            progress.notifyAll();
          }
          continue;
        }
        try {
          write(e);
        } catch (IOException | RuntimeException ex) {
          if (error == null) {
            error = ex instanceof IOException io ? io : new IOException(ex);
          }
          // reported through failure() (the session stops and says so); the log is for the details
          LOG.info("could not record {} in {}: {}", e.getClass().getSimpleName(), folder, RunFolder.reason(ex));
        } finally {
          synchronized (progress) {
            written++;
            progress.notifyAll();
          }
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        events.close();
      } catch (IOException ex) {
        LOG.warn("closing {}: {}", folder, ex.toString());
      }
    }
  }

  private void write(RunEvent e) throws IOException {
    String name = sidecarName(e);
    if (name == null) {
      sidecar.none();
    } else {
      sidecar.start(name);
    }
    String line = codec.encode(e);
    Path sidecarFile = null;
    if (sidecar.hasData()) {
      gate.beforeWrite(folder.resolve(sidecar.name()), sidecar.size());
      sidecarFile = sidecar.writeTo(folder);
    }
    sidecar.trim();
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    Path file = folder.resolve(RunFolder.EVENTS);
    try {
      gate.beforeWrite(file, bytes.length);
      ByteBuffer b = ByteBuffer.wrap(bytes);
      FaultPoints.line(events, b);
      while (b.hasRemaining()) {
        events.write(b);
      }
      committed += bytes.length;
    } catch (IOException ex) {
      try { // never leave part of a line: cut back to the last complete one
        events.truncate(committed);
        events.position(committed);
      } catch (IOException cut) {
        ex.addSuppressed(cut);
      }
      if (sidecarFile != null) {
        Files.deleteIfExists(sidecarFile); // no line names it: give its space back
      }
      throw RunFolder.naming(file, ex);
    }
    lines++;
  }

  /**
   * Where an event's large arrays go: filters/, activations/, confusion/, health/ by the event's step or
   * epoch; any other (future) event type that carries large arrays gets {@code sidecars/<type>-<n>.bin}.
   */
  private String sidecarName(RunEvent e) {
    if (e instanceof RunEvent.FilterSnapshot f) {
      return unique(String.format("filters/step-%06d", f.step()));
    } else if (e instanceof RunEvent.ActivationSnapshot a) {
      return unique(String.format("activations/epoch-%03d-step-%06d-probe-%05d", a.epoch(), a.step(), a.testIndex()));
    } else if (e instanceof RunEvent.ConfusionMatrix c) {
      return unique(String.format("confusion/epoch-%03d", c.epoch()));
    } else if (e instanceof RunEvent.TopPatches t) {
      return unique(String.format("patches/epoch-%03d-%s", t.epoch(), t.layer().replaceAll("[^A-Za-z0-9_-]", "_")));
    } else if (e instanceof RunEvent.LookMaps l) {
      return unique(String.format("looks/epoch-%03d-step-%06d-%s-image-%05d", l.epoch(), l.step(), l.method(),
          l.testIndex()));
    } else if (e instanceof RunEvent.LayerHealth h) {
      return unique(String.format("health/step-%06d", h.step()));
    } else if (e instanceof RunEvent.BatchMetrics || e instanceof RunEvent.EpochMetrics
        || e instanceof RunEvent.RunStarted) {
      return null;
    }
    return unique(String.format("sidecars/%s-%06d", e.getClass().getSimpleName(), lines + 1));
  }

  private String unique(String base) {
    String name = base + ".bin";
    for (int i = 2; Files.exists(folder.resolve(name)); i++) {
      name = base + "-" + i + ".bin";
    }
    return name;
  }
}
