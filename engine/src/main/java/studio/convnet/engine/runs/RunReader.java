package studio.convnet.engine.runs;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;

/**
 * Replays a run folder as the same {@link RunEvent}s its writer received (equal content, arrays
 * included), or follows a folder another process is still writing.
 *
 * <pre>
 * List&lt;RunEvent&gt; all = RunReader.readAll(dir);                      // a finished (or crashed) run
 * RunEvent end = RunReader.follow(dir, listener, () -> cancelled);    // blocks; tails events.jsonl
 * try (RunReader.Following f = RunReader.followInBackground(dir, listener)) { ... }   // for a GUI
 * </pre>
 *
 * A last line without its newline is a line still being written: {@code readAll} leaves it out,
 * {@code follow} waits for the rest of it.
 */
public final class RunReader {

  private RunReader() {}

  /**
   * A run folder as read: its complete events, in order, and what was wrong with its files (for
   * now: an incomplete last line; a bad line still fails the read with its line number).
   */
  public record Recording(List<RunEvent> events, List<String> problems) {
    public Recording {
      events = List.copyOf(events);
      problems = List.copyOf(problems);
    }
  }

  /** Every complete event of the folder, in order. */
  public static List<RunEvent> readAll(Path runDir) throws IOException {
    return read(runDir).events();
  }

  /** The folder's events and the problems found reading them. */
  public static Recording read(Path runDir) throws IOException {
    List<RunEvent> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Path file = events(runDir);
    byte[] bytes = Files.readAllBytes(file);
    EventCodec codec = codec(runDir);
    int start = 0;
    int lineNo = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lineNo++;
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
        start = i + 1;
        if (!line.isEmpty()) {
          out.add(decode(codec, line, file, lineNo));
        }
      }
    }
    if (start < bytes.length && !new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).isBlank()) {
      problems.add(RunFolder.EVENTS + " line " + (lineNo + 1) + ": incomplete (" + (bytes.length - start)
          + " bytes without a newline): still being written, or cut off; left out");
    }
    return new Recording(out, problems);
  }

  /**
   * Tails the folder's events.jsonl, handing each complete event to {@code listener} on the calling
   * thread, until a RunFinished/RunFailed arrives (returned) or {@code cancelled} says so (returns
   * empty). Waits for the folder/file to appear. Polls every {@code pollMillis} when idle.
   */
  public static Optional<RunEvent> follow(Path runDir, RunEventListener listener, BooleanSupplier cancelled,
      long pollMillis) throws IOException, InterruptedException {
    Path file = runDir.resolve(RunFolder.EVENTS);
    while (!Files.isRegularFile(file)) {
      if (cancelled.getAsBoolean()) return Optional.empty();
      Thread.sleep(pollMillis);
    }
    EventCodec codec = codec(runDir);
    java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    int lineNo = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (cancelled.getAsBoolean()) return Optional.empty();
        int n = in.read(buf);
        if (n <= 0) {
          Thread.sleep(pollMillis);
          continue;
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            partial.write(buf, start, i - start);
            start = i + 1;
            lineNo++;
            String line = partial.toString(StandardCharsets.UTF_8).strip();
            partial.reset();
            if (line.isEmpty()) continue;
            RunEvent e = decode(codec, line, file, lineNo);
            listener.onEvent(e);
            if (e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed) {
              return Optional.of(e);
            }
          }
        }
        partial.write(buf, start, n - start);
      }
    }
  }

  /** {@link #follow} with a 200 ms poll. */
  public static Optional<RunEvent> follow(Path runDir, RunEventListener listener, BooleanSupplier cancelled)
      throws IOException, InterruptedException {
    return follow(runDir, listener, cancelled, 200);
  }

  /** A follow on its own daemon thread ("convnet-run-follower"); close() cancels it. */
  public static Following followInBackground(Path runDir, RunEventListener listener) {
    return new Following(runDir, listener);
  }

  /** A running follow; events arrive on its thread, {@link #close()} stops it. */
  public static final class Following implements AutoCloseable {
    private volatile boolean cancelled;
    private volatile Exception error;
    private final Thread thread;

    private Following(Path runDir, RunEventListener listener) {
      thread = new Thread(() -> {
        try {
          follow(runDir, listener, () -> cancelled, 200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          error = e;
        }
      }, "convnet-run-follower");
      thread.setDaemon(true);
      thread.start();
    }

    /** Why the follow ended early (unreadable line, missing sidecar), if it did. */
    public Optional<Exception> error() {
      return Optional.ofNullable(error);
    }

    public boolean isDone() {
      return !thread.isAlive();
    }

    public void join(long millis) throws InterruptedException {
      thread.join(millis);
    }

    @Override
    public void close() {
      cancelled = true;
      thread.interrupt();
    }
  }

  private static Path events(Path runDir) throws IOException {
    Path file = runDir.resolve(RunFolder.EVENTS);
    if (!Files.isRegularFile(file)) {
      throw new IOException(runDir + ": not a run folder (no " + RunFolder.EVENTS + ")");
    }
    return file;
  }

  private static RunEvent decode(EventCodec codec, String line, Path file, int lineNo) throws IOException {
    try {
      return codec.decode(line);
    } catch (JsonParseException | IllegalStateException e) {
      Throwable cause = e.getCause() instanceof IOException io ? io : e;
      throw new IOException(file + " line " + lineNo + ": " + cause.getMessage(), e);
    }
  }

  private static EventCodec codec(Path runDir) {
    // caches the last sidecar read: an event's arrays all live in one file
    String[] lastName = {null};
    ByteBuffer[] last = {null};
    return EventCodec.withSidecars(null, (bin, offset, length) -> {
      if (bin.contains("..") || bin.startsWith("/")) {
        throw new IOException("sidecar path outside the run folder: " + bin);
      }
      if (!bin.equals(lastName[0])) {
        Path f = runDir.resolve(bin);
        if (!Files.isRegularFile(f)) {
          throw new IOException("missing sidecar file " + bin);
        }
        last[0] = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        lastName[0] = bin;
      }
      ByteBuffer b = last[0];
      if ((offset + length) * 4 > b.capacity()) {
        throw new IOException("sidecar " + bin + " is shorter than the event says");
      }
      float[] v = new float[length];
      b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) offset * 4).slice()
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      return v;
    });
  }
}
