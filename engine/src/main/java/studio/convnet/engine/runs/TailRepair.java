package studio.convnet.engine.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Before a writer appends to events.jsonl (a resumed run), a torn last line — bytes after the last
 * newline, left by a crash in the middle of a write — is cut off, so the new events start on a line
 * of their own instead of being glued to the fragment. The fragment is kept in {@code
 * repairs/events-line-N.partial} and the repair is described in one sentence.
 */
final class TailRepair {

  static final String FOLDER = "repairs";

  private TailRepair() {}

  /** Cuts a torn tail, if there is one; returns what was done. */
  static Optional<String> repair(Path runDir) throws IOException {
    Path file = runDir.resolve(RunFolder.EVENTS);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long keep = lastNewline(ch, size) + 1;
      if (keep == size) {
        return Optional.empty();
      }
      int lineNo = countLines(file, keep) + 1;
      long cut = size - keep;
      String kept;
      try {
        ByteBuffer frag = ByteBuffer.allocate((int) Math.min(cut, EventLines.MAX_LINE));
        ch.read(frag, keep);
        Path copy = runDir.resolve(FOLDER).resolve("events-line-" + lineNo + ".partial");
        Files.createDirectories(copy.getParent());
        RunFolder.writeAtomically(copy, java.util.Arrays.copyOf(frag.array(), frag.position()));
        kept = "kept in " + FOLDER + "/" + copy.getFileName();
      } catch (IOException e) {
        kept = "no copy kept: " + RunFolder.reason(e);
      }
      ch.truncate(keep);
      ch.force(true);
      return Optional.of(RunFolder.EVENTS + ": line " + lineNo + " was incomplete (" + cut
          + " bytes without a newline, left by a crash); cut before appending (" + kept + ")");
    }
  }

  private static long lastNewline(FileChannel ch, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long end = size;
    while (end > 0) {
      long start = Math.max(0, end - buf.capacity());
      buf.clear().limit((int) (end - start));
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
        // fill
      }
      for (int i = buf.position() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }

  private static int countLines(Path file, long upTo) throws IOException {
    int lines = 0;
    byte[] buf = new byte[1 << 16];
    long seen = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; seen < upTo && (n = in.read(buf, 0, (int) Math.min(buf.length, upTo - seen))) > 0; seen += n) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') lines++;
        }
      }
    }
    return lines;
  }
}
