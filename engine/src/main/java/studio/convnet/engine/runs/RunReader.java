package studio.convnet.engine.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;

/**
 * Replays a run folder as the same {@link RunEvent}s its writer received (equal content, arrays
 * included), or follows a folder another process is still writing.
 *
 * <pre>
 * RunReader.Recording r = RunReader.read(dir);   // a finished (or crashed, or damaged) run + what was skipped
 * RunEvent end = RunReader.follow(dir, listener, () -> cancelled);    // blocks; tails events.jsonl
 * try (RunReader.Following f = RunReader.followInBackground(dir, listener)) { ... }   // for a GUI
 * </pre>
 *
 * A reader never mis-reads and never refuses a whole run for one bad part: a line it cannot read (bad
 * JSON, a required field missing, an event type from a newer version, a sidecar that is missing or
 * points outside the folder) is skipped and named in the problems, with its line number. A last line
 * without its newline is a line still being written: {@code read} leaves it out and says so, {@code
 * follow} waits for the rest of it. events.jsonl is read as a stream, never whole into memory.
 */
public final class RunReader {

  private RunReader() {}

  /**
   * A run folder as read: its readable events, in order, and what was wrong with its files (each
   * skipped line by number, an incomplete last line).
   */
  public record Recording(List<RunEvent> events, List<String> problems) {
    public Recording {
      events = List.copyOf(events);
      problems = List.copyOf(problems);
    }
  }

  /** Every readable event of the folder, in order (what was skipped: {@link #read}). */
  public static List<RunEvent> readAll(Path runDir) throws IOException {
    return read(runDir).events();
  }

  /**
   * The folder's events and the problems found reading them. Throws only when there is no
   * events.jsonl to read at all.
   */
  public static Recording read(Path runDir) throws IOException {
    Path file = events(runDir);
    List<RunEvent> out = new ArrayList<>();
    EventLines lines = new EventLines(runDir);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        lines.feed(buf, n, e -> out.add(e));
      }
    }
    lines.endOfFile();
    return new Recording(out, lines.problems());
  }

  /**
   * Tails the folder's events.jsonl, handing each complete event to {@code listener} on the calling
   * thread, until a RunFinished/RunFailed arrives (returned) or {@code cancelled} says so (returns
   * empty). Waits for the folder/file to appear. Polls every {@code pollMillis} when idle.
   */
  public static Optional<RunEvent> follow(Path runDir, RunEventListener listener, BooleanSupplier cancelled,
      long pollMillis) throws IOException, InterruptedException {
    return follow(runDir, listener, p -> { }, cancelled, pollMillis);
  }

  /** {@link #follow}, telling {@code problems} about each line it skips (see {@link #read}). */
  public static Optional<RunEvent> follow(Path runDir, RunEventListener listener, Consumer<String> problems,
      BooleanSupplier cancelled, long pollMillis) throws IOException, InterruptedException {
    int[] reported = {0};
    return followWithProblems(runDir, listener, all -> {
      for (; reported[0] < all.size() && reported[0] < EventLines.LISTED; reported[0]++) {
        problems.accept(all.get(reported[0]));
      }
    }, cancelled, pollMillis);
  }

  /** {@link #follow}, handing {@code problems} the whole list of problems each time it changes. */
  private static Optional<RunEvent> followWithProblems(Path runDir, RunEventListener listener,
      Consumer<List<String>> problems, BooleanSupplier cancelled, long pollMillis)
      throws IOException, InterruptedException {
    Path file = runDir.resolve(RunFolder.EVENTS);
    while (!Files.isRegularFile(file)) {
      if (cancelled.getAsBoolean()) return Optional.empty();
      Thread.sleep(pollMillis);
    }
    EventLines lines = new EventLines(runDir);
    RunEvent[] end = {null};
    List<String> last = List.of();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (cancelled.getAsBoolean()) return Optional.empty();
        int n = in.read(buf);
        if (n <= 0) {
          Thread.sleep(pollMillis);
          continue;
        }
        boolean more = lines.feed(buf, n, e -> {
          listener.onEvent(e);
          if (e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed) {
            end[0] = e;
            return false;
          }
          return true;
        });
        List<String> found = lines.problems();
        if (!found.equals(last)) {
          last = found;
          problems.accept(found);
        }
        if (!more) {
          return Optional.of(end[0]);
        }
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
    private volatile List<String> problems = List.of();
    private final Thread thread;

    private Following(Path runDir, RunEventListener listener) {
      thread = new Thread(() -> {
        try {
          followWithProblems(runDir, listener, all -> problems = List.copyOf(all), () -> cancelled, 200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          error = e;
        }
      }, "convnet-run-follower");
      thread.setDaemon(true);
      thread.start();
    }

    /** The lines skipped so far (see {@link RunReader#read}). */
    public List<String> problems() {
      return problems;
    }

    /** Why the follow ended early (events.jsonl could not be read at all), if it did. */
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
}
