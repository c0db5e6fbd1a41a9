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
 * {@link #LISTED} problems are listed one by one; the rest are counted in a last entry. Lines of an
 * event type this version does not know (from a newer version) are counted per type in one entry,
 * at the place of the first: "events.jsonl line 6 and 41 more lines: unknown event type 'X' …; 42
 * events left out here, kept in the file" (a writer only ever appends, so they stay there).
 */
final class EventLines {

  /** No event this engine writes comes near this (large arrays go to sidecars). */
  static final int MAX_LINE = 64 << 20;
  static final int LISTED = 20;

  private final EventCodec codec;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
  private final List<Object> problems = new ArrayList<>(); // String, or Unknown (its count still growing)
  private final java.util.Map<String, Unknown> unknown = new java.util.LinkedHashMap<>();
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
      Unknown seen = unknown.get(u.type());
      if (seen != null) {
        seen.count++;
      } else {
        Unknown first = new Unknown(lineNo, u.getMessage());
        unknown.put(u.type(), first);
        add(first);
      }
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
    add(text);
  }

  private void add(Object entry) {
    if (problems.size() < LISTED) {
      problems.add(entry);
    } else {
      unlisted++;
    }
  }

  /** The lines of one unknown event type: where the first is, how many there are. */
  private static final class Unknown {
    final int firstLine;
    final String what;
    int count = 1;

    Unknown(int firstLine, String what) {
      this.firstLine = firstLine;
      this.what = what;
    }

    @Override
    public String toString() {
      return count == 1
          ? RunFolder.EVENTS + " line " + firstLine + ": " + what + "; left out here, kept in the file"
          : RunFolder.EVENTS + " line " + firstLine + " and " + (count - 1) + " more line" + (count > 2 ? "s" : "")
              + ": " + what + "; " + count + " events left out here, kept in the file";
    }
  }

  /** Events of types this version does not know, by type (in order of appearance), and how many of each. */
  java.util.Map<String, Integer> unknownTypes() {
    java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
    unknown.forEach((type, u) -> out.put(type, u.count));
    return out;
  }

  /** What was skipped, by line, plus a count of problems beyond the first {@value #LISTED}. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    problems.forEach(p -> out.add(p.toString()));
    if (unlisted > 0) {
      out.add("… and " + unlisted + " more problem" + (unlisted > 1 ? "s" : "") + " (not listed)");
    }
    return out;
  }

  int problemCount() {
    return problems.size() + unlisted;
  }
}
