package studio.convnet.engine.runs;

import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.RunConfig;
import studio.convnet.engine.events.RunEvent;

/**
 * Splits {@code events.jsonl} bytes into lines as they arrive and decodes each one; a line that
 * cannot be read is skipped and named in {@link #problems()} ("events.jsonl line 14: …; skipped"),
 * never mis-read and never fatal. Like TensorBoard's event files: one bad record costs that record.
 *
 * <p>A line longer than {@link #MAX_LINE} bytes is skipped without being held in memory. At most
 * {@link #LISTED} problems are listed one by one; the rest are counted in a last entry.
 */
final class EventLines {

  /** No event this engine writes comes near this (large arrays go to sidecars). */
  static final int MAX_LINE = 64 << 20;
  static final int LISTED = 20;

  private final EventCodec codec;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
  private final List<String> problems = new ArrayList<>();
  private int unlisted;
  private long overlong; // bytes of the current line beyond MAX_LINE, dropped
  private int lineNo;
  private boolean warnedNewer;

  EventLines(Path runDir) {
    this.codec = EventCodec.withSidecars(null, new SidecarReader(runDir));
  }

  /** Receives each decoded event. */
  interface Sink {
    /** @return false to stop reading */
    boolean accept(RunEvent e);
  }

  /**
   * Feeds {@code n} bytes; complete lines are decoded and handed to {@code sink}. Returns false when
   * the sink asked to stop (the rest of the bytes are then ignored).
   */
  boolean feed(byte[] buf, int n, Sink sink) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        append(buf, start, i - start);
        start = i + 1;
        lineNo++;
        Optional<RunEvent> e = finishLine();
        if (e.isPresent() && !sink.accept(e.get())) {
          return false;
        }
      }
    }
    append(buf, start, n - start);
    return true;
  }

  private void append(byte[] buf, int off, int len) {
    if (overlong > 0 || line.size() + (long) len > MAX_LINE) {
      overlong += len;
      return;
    }
    line.write(buf, off, len);
  }

  private Optional<RunEvent> finishLine() {
    try {
      if (overlong > 0) {
        problem(String.format(Locale.ROOT, "%s line %d: longer than %d MB (%d bytes); skipped", RunFolder.EVENTS,
            lineNo, MAX_LINE >> 20, line.size() + overlong));
        return Optional.empty();
      }
      String text = line.toString(StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      RunEvent e = codec.decode(text);
      if (e instanceof RunEvent.RunStarted s && s.config().format() > RunConfig.FORMAT && !warnedNewer) {
        warnedNewer = true;
        problem(RunFolder.EVENTS + " line " + lineNo + ": written by a newer version (format " + s.config().format()
            + "; this one reads format " + RunConfig.FORMAT + "): what it does not know is left out");
      }
      return Optional.of(e);
    } catch (EventCodec.UnknownTypeException u) {
      problem(RunFolder.EVENTS + " line " + lineNo + ": " + u.getMessage() + "; skipped");
      return Optional.empty();
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException
        | ClassCastException | UnsupportedOperationException | IndexOutOfBoundsException e) {
      problem(RunFolder.EVENTS + " line " + lineNo + ": " + EventCodec.reason(e) + "; skipped");
      return Optional.empty();
    } finally {
      line.reset();
      overlong = 0;
    }
  }

  /** Bytes after the last newline (a line still being written, or torn by a crash). */
  long pendingBytes() {
    return line.size() + overlong;
  }

  /** Reports the pending bytes as an incomplete last line, if there are any that are not blank. */
  void endOfFile() {
    if (overlong == 0 && line.toString(StandardCharsets.UTF_8).isBlank()) {
      return;
    }
    problem(RunFolder.EVENTS + " line " + (lineNo + 1) + ": incomplete (" + pendingBytes()
        + " bytes without a newline): still being written, or cut off; left out");
  }

  void problem(String text) {
    if (problems.size() < LISTED) {
      problems.add(text);
    } else {
      unlisted++;
    }
  }

  /** What was skipped, by line, plus a count of problems beyond the first {@value #LISTED}. */
  List<String> problems() {
    List<String> out = new ArrayList<>(problems);
    if (unlisted > 0) {
      out.add("… and " + unlisted + " more problem" + (unlisted > 1 ? "s" : "") + " (not listed)");
    }
    return out;
  }

  int problemCount() {
    return problems.size() + unlisted;
  }
}
