package studio.convnet.engine.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Fault injection for the kill -9 harness (off unless the system property {@value #PROPERTY} gives a
 * pause in milliseconds): a long events.jsonl line and a checkpoint are written in two halves, with
 * "FAULT-POINT line" / "FAULT-POINT checkpoint" printed to stderr and a pause in between, so a test
 * can kill the process exactly while a line or a checkpoint is half on disk.
 */
final class FaultPoints {

  static final String PROPERTY = "convnet.faultPauseMillis";
  private static final long PAUSE = Long.getLong(PROPERTY, 0);
  /** Lines at least this long count as long lines (system property {@code convnet.faultLongLine}). */
  static final int LONG_LINE = Integer.getInteger("convnet.faultLongLine", 4096);

  private FaultPoints() {}

  /** Writes the first half of a long line and pauses (when enabled); the rest is left in {@code line}. */
  static void line(FileChannel out, ByteBuffer line) throws IOException {
    if (PAUSE <= 0 || line.remaining() < LONG_LINE) {
      return;
    }
    int end = line.limit();
    line.limit(line.position() + line.remaining() / 2);
    while (line.hasRemaining()) {
      out.write(line);
    }
    line.limit(end);
    pause("line");
  }

  /** Announces a half-written checkpoint and pauses (when enabled). */
  static void checkpoint() {
    if (PAUSE > 0) {
      pause("checkpoint");
    }
  }

  static boolean enabled() {
    return PAUSE > 0;
  }

  private static void pause(String what) {
    System.err.println("FAULT-POINT " + what);
    System.err.flush();
    try {
      Thread.sleep(PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
