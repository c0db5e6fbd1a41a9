package studio.convnet.engine.runs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * a lost event). A sidecar is always complete on disk before the line that names it, so a follower
 * never sees a reference to a missing file. {@link #close()} drains the queue.
 */
public final class RunWriter implements RunEventListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunWriter.class);
  private static final RunEvent CLOSE = new RunEvent.RunPaused(-1, -1, -1); // poison pill (identity)
  /** Float arrays at least this long go to a sidecar file in FilterSnapshot/ActivationSnapshot. */
  static final int SIDECAR_MIN = 64;

  private final Path folder;
  private final BlockingQueue<RunEvent> queue = new ArrayBlockingQueue<>(4096);
  private final BufferedWriter events;
  private final Thread thread;
  private volatile IOException error;
  private volatile boolean closed;

  // sidecar being built for the current event (writer thread only)
  private String sidecarName;
  private ByteBuffer sidecar;
  private final EventCodec codec;

  private RunWriter(Path folder) throws IOException {
    this.folder = folder;
    this.events = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(
        folder.resolve(RunFolder.EVENTS), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        StandardCharsets.UTF_8), 1 << 16);
    this.codec = EventCodec.withSidecars(this::putArray, null);
    this.thread = new Thread(this::loop, "convnet-run-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** A new run folder under {@code root} ({@code <date>-<model>}), with config.json written. */
  public static RunWriter create(Path root, RunConfig config, NetworkSpec spec) throws IOException {
    Path dir = RunFolder.create(root, config.model());
    RunFolder.writeConfig(dir, config, spec);
    return new RunWriter(dir);
  }

  /** Appends to an existing run folder (a resumed run). */
  public static RunWriter append(Path runDir) throws IOException {
    if (!Files.isRegularFile(runDir.resolve(RunFolder.CONFIG))) {
      throw new IOException(runDir + ": not a run folder (no " + RunFolder.CONFIG + ")");
    }
    return new RunWriter(runDir);
  }

  public Path folder() {
    return folder;
  }

  /** The first write error, if any (the writer keeps going with later events). */
  public IOException error() {
    return error;
  }

  @Override
  public void onEvent(RunEvent event) {
    if (closed) {
      return;
    }
    try {
      queue.put(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
        try {
          write(e);
        } catch (IOException | RuntimeException ex) {
          if (error == null) {
            error = ex instanceof IOException io ? io : new IOException(ex);
          }
          LOG.warn("could not record {} in {}: {}", e.getClass().getSimpleName(), folder, ex.toString(), ex);
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
    sidecarName = null;
    if (e instanceof RunEvent.FilterSnapshot f) {
      sidecarName = unique(String.format("filters/step-%06d", f.step()));
    } else if (e instanceof RunEvent.ActivationSnapshot a) {
      sidecarName = unique(String.format("activations/epoch-%03d-step-%06d-probe-%05d", a.epoch(), a.step(), a.testIndex()));
    } else if (e instanceof RunEvent.TopPatches t) {
      sidecarName = unique(String.format("patches/epoch-%03d-%s", t.epoch(), t.layer().replaceAll("[^A-Za-z0-9_-]", "_")));
    }
    sidecar = null;
    String line = codec.encode(e);
    if (sidecar != null) {
      Path target = folder.resolve(sidecarName);
      Files.createDirectories(target.getParent());
      byte[] bytes = new byte[sidecar.position()];
      sidecar.flip().get(bytes);
      RunFolder.writeAtomically(target, bytes);
    }
    events.write(line);
    events.write('\n');
    events.flush();
  }

  private String unique(String base) {
    String name = base + ".bin";
    for (int i = 2; Files.exists(folder.resolve(name)); i++) {
      name = base + "-" + i + ".bin";
    }
    return name;
  }

  private EventCodec.Ref putArray(float[] values) {
    if (sidecarName == null || values.length < SIDECAR_MIN) {
      return null;
    }
    if (sidecar == null) {
      sidecar = ByteBuffer.allocate(Math.max(1 << 16, values.length * 4)).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (sidecar.remaining() < values.length * 4) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(sidecar.capacity() * 2, sidecar.position() + values.length * 4))
          .order(ByteOrder.LITTLE_ENDIAN);
      sidecar.flip();
      bigger.put(sidecar);
      sidecar = bigger;
    }
    long offset = sidecar.position() / 4;
    sidecar.asFloatBuffer().put(values);
    sidecar.position(sidecar.position() + values.length * 4);
    return new EventCodec.Ref(sidecarName, offset);
  }
}
