package studio.convnet.engine.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.convnet.engine.events.EventCodec;

/**
 * Collects one event's large arrays into one binary sidecar file (little-endian float32 / int32,
 * back to back) while the event is encoded, then writes the file atomically before the event's line
 * is written, so a line never names a file that is not complete on disk.
 *
 * <p>Reusable for any event type: {@link RunWriter} starts one per event that may carry large arrays
 * ({@link #start}), the codec hands arrays to it ({@link #put}, {@link #putInts}); arrays shorter
 * than {@link #MIN_LENGTH} stay inline in the line.
 */
public final class SidecarBuffer implements EventCodec.ArraySink {

  /** Arrays at least this long go to the sidecar. */
  public static final int MIN_LENGTH = 64;

  private String name;
  private ByteBuffer buf = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);

  /** Starts collecting for the next event, whose arrays go to {@code name} (relative to the run folder). */
  public void start(String name) {
    this.name = name;
    buf.clear();
  }

  /** Stops collecting: the next event's arrays stay inline. */
  public void none() {
    this.name = null;
    buf.clear();
  }

  @Override
  public EventCodec.Ref put(float[] values) {
    if (name == null || values.length < MIN_LENGTH) {
      return null;
    }
    long offset = reserve(values.length);
    buf.asFloatBuffer().put(values);
    buf.position(buf.position() + values.length * 4);
    return new EventCodec.Ref(name, offset);
  }

  @Override
  public EventCodec.Ref putInts(int[] values) {
    if (name == null || values.length < MIN_LENGTH) {
      return null;
    }
    long offset = reserve(values.length);
    buf.asIntBuffer().put(values);
    buf.position(buf.position() + values.length * 4);
    return new EventCodec.Ref(name, offset);
  }

  private long reserve(int elements) {
    int bytes = Math.multiplyExact(elements, 4);
    if (buf.remaining() < bytes) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(Math.max(1 << 16, buf.capacity() * 2), buf.position() + bytes))
          .order(ByteOrder.LITTLE_ENDIAN);
      buf.flip();
      bigger.put(buf);
      buf = bigger;
    }
    return buf.position() / 4;
  }

  /** True when the current event put arrays in the sidecar. */
  public boolean hasData() {
    return name != null && buf.position() > 0;
  }

  /** The file the current event's arrays go to, relative to the run folder (null: none). */
  String name() {
    return name;
  }

  /** Bytes collected for the current event. */
  long size() {
    return buf.position();
  }

  /** Writes the collected arrays to {@code runDir/name} atomically (creating its folder). */
  public Path writeTo(Path runDir) throws IOException {
    Path target = runDir.resolve(name);
    Files.createDirectories(target.getParent());
    byte[] bytes = new byte[buf.position()];
    buf.duplicate().flip().get(bytes);
    RunFolder.writeAtomically(target, bytes);
    return target;
  }

  /** The capacity kept for the next event; shrinks back after an unusually large one. */
  void trim() {
    if (buf.capacity() > 16 << 20) {
      buf = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
