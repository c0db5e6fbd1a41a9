package studio.convnet.engine.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import studio.convnet.engine.events.EventCodec;

/**
 * Resolves a line's sidecar references ({@code {"$bin": "filters/step-000123.bin", "offset": 0,
 * "length": 150}}) inside one run folder. A reference is refused with a message, never followed, when
 * its path is absolute, has a {@code ..} segment, or leads out of the folder through a symbolic link;
 * an offset or length outside the file is refused before anything is allocated. The last file read
 * is cached (an event's arrays all live in one file).
 */
final class SidecarReader implements EventCodec.ArraySource {

  /** Sidecars larger than this are refused rather than read into memory. */
  static final long MAX_BYTES = 1L << 30;

  private final Path runDir;
  private Path realRunDir;
  private String lastName;
  private ByteBuffer last;

  SidecarReader(Path runDir) {
    this.runDir = runDir;
  }

  @Override
  public float[] get(String bin, long offset, int length) throws IOException {
    float[] v = new float[length];
    slice(bin, offset, length, "floats").asFloatBuffer().get(v);
    return v;
  }

  @Override
  public int[] getInts(String bin, long offset, int length) throws IOException {
    int[] v = new int[length];
    slice(bin, offset, length, "ints").asIntBuffer().get(v);
    return v;
  }

  /** The little-endian bytes of {@code length} 4-byte values at {@code offset}, bounds checked. */
  private ByteBuffer slice(String bin, long offset, int length, String what) throws IOException {
    ByteBuffer b = file(bin);
    long values = b.capacity() / 4;
    if (offset < 0 || length < 0 || offset > values || length > values - offset) {
      throw new IOException("sidecar " + bin + " holds " + values + " " + what + "; the event asks for " + length
          + " at offset " + offset);
    }
    return b.duplicate().position((int) (offset * 4)).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private ByteBuffer file(String bin) throws IOException {
    if (bin.equals(lastName)) {
      return last;
    }
    Path f = safePath(bin);
    long size = Files.size(f);
    if (size > MAX_BYTES) {
      throw new IOException("sidecar " + bin + " is " + size + " bytes, larger than any event writes");
    }
    last = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    lastName = bin;
    return last;
  }

  /** The file a reference names, checked to stay inside the run folder. */
  Path safePath(String bin) throws IOException {
    if (bin.isEmpty() || bin.startsWith("/") || bin.startsWith("\\") || bin.indexOf(':') >= 0 || bin.indexOf('\0') >= 0) {
      throw new IOException("sidecar path outside the run folder: " + bin);
    }
    for (String segment : bin.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw new IOException("sidecar path outside the run folder: " + bin);
      }
    }
    Path f = runDir.resolve(bin).normalize();
    if (!Files.isRegularFile(f)) {
      throw new IOException("missing sidecar file " + bin);
    }
    if (realRunDir == null) {
      realRunDir = runDir.toRealPath();
    }
    Path real = f.toRealPath();
    if (!real.startsWith(realRunDir) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("sidecar " + bin + " is a link to " + real + ", outside the run folder; not read");
    }
    return real;
  }
}
