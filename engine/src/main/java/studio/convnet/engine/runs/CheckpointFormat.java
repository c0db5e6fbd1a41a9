package studio.convnet.engine.runs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import studio.convnet.engine.runs.Checkpoint.Tensor;

/**
 * The bytes of a checkpoint file (big-endian):
 *
 * <pre>
 * magic "CNVCKPT2" · epoch int · step long · elapsed double
 * parameters:      count int, then per tensor: name (UTF), rank int, dims long…, float32 values
 * meta:            count int, then key (UTF), value (UTF)      (random-number scheme, seed, data order, counters)
 * optimizer state: count int, then tensors as above             (momentum buffers, Adam's moments)
 * trailer "CNVEND01" · CRC-32 (long) of every byte before the trailer
 * </pre>
 *
 * Format 1 ("CNVCKPT1") ends after the parameters. Reading checks the magic, trailer and CRC first,
 * then every count and size against the bytes that are really there before allocating anything, so a
 * damaged file is refused with an IOException that says why, never another exception.
 */
final class CheckpointFormat {

  static final byte[] MAGIC1 = "CNVCKPT1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAGIC2 = "CNVCKPT2".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER = "CNVEND01".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_RANK = 8;

  private CheckpointFormat() {}

  static byte[] encode(int epoch, long step, double elapsed, List<Tensor> params, Map<String, String> meta,
      List<Tensor> optimizer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC2);
      out.writeInt(epoch);
      out.writeLong(step);
      out.writeDouble(elapsed);
      writeTensors(out, params);
      out.writeInt(meta.size());
      for (Map.Entry<String, String> e : meta.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
      writeTensors(out, optimizer);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.write(TRAILER);
      out.writeLong(crc.getValue());
    }
    return bytes.toByteArray();
  }

  private static void writeTensors(DataOutputStream out, List<Tensor> tensors) throws IOException {
    out.writeInt(tensors.size());
    for (Tensor t : tensors) {
      out.writeUTF(t.name());
      out.writeInt(t.shape().length);
      for (long d : t.shape()) out.writeLong(d);
      ByteBuffer bb = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.BIG_ENDIAN);
      bb.asFloatBuffer().put(t.values());
      out.write(bb.array());
    }
  }

  /** The decoded content of a checkpoint file (the file's path is added by the caller). */
  record Content(int format, int epoch, long step, double elapsed, List<Tensor> params, Map<String, String> meta,
      List<Tensor> optimizer) {}

  static Content decode(byte[] all) throws IOException {
    int bodyLen = all.length - TRAILER.length - 8;
    boolean v1 = all.length >= 8 && Arrays.equals(all, 0, 8, MAGIC1, 0, 8);
    boolean v2 = all.length >= 8 && Arrays.equals(all, 0, 8, MAGIC2, 0, 8);
    if (bodyLen < MAGIC2.length || !(v1 || v2)) {
      throw new IOException("not a checkpoint, or truncated (" + all.length + " bytes)");
    }
    if (!Arrays.equals(all, bodyLen, bodyLen + TRAILER.length, TRAILER, 0, TRAILER.length)) {
      throw new IOException("truncated (no end marker; " + all.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, bodyLen);
    long stored = ByteBuffer.wrap(all, bodyLen + TRAILER.length, 8).getLong();
    if (crc.getValue() != stored) {
      throw new IOException("checksum mismatch (the file is damaged)");
    }
    ByteArrayInputStream raw = new ByteArrayInputStream(all, 0, bodyLen);
    try (DataInputStream in = new DataInputStream(raw)) {
      in.skipNBytes(MAGIC2.length);
      int epoch = in.readInt();
      long step = in.readLong();
      double elapsed = in.readDouble();
      if (epoch < 0 || step < 0) {
        throw new IOException("epoch " + epoch + ", step " + step + " cannot be");
      }
      List<Tensor> params = readTensors(in, raw);
      Map<String, String> meta = new LinkedHashMap<>();
      List<Tensor> optimizer = List.of();
      if (v2) {
        int n = count(in, raw, 4, "meta entries");
        for (int i = 0; i < n; i++) {
          meta.put(in.readUTF(), in.readUTF());
        }
        optimizer = readTensors(in, raw);
      }
      if (raw.available() > 0) {
        throw new IOException(raw.available() + " bytes left over after the last section");
      }
      return new Content(v2 ? 2 : 1, epoch, step, elapsed, params, meta, optimizer);
    } catch (EOFException e) {
      throw new IOException("a section runs past the end of the file");
    }
  }

  /** A count read from the file, checked against the bytes left (each entry needs at least {@code min}). */
  private static int count(DataInputStream in, ByteArrayInputStream raw, int min, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * min > raw.available()) {
      throw new IOException(n + " " + what + " do not fit in the " + raw.available() + " bytes left");
    }
    return n;
  }

  private static List<Tensor> readTensors(DataInputStream in, ByteArrayInputStream raw) throws IOException {
    int n = count(in, raw, 6, "tensors");
    List<Tensor> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int rank = in.readInt();
      if (rank < 0 || rank > MAX_RANK) {
        throw new IOException("tensor " + name + ": rank " + rank + " (at most " + MAX_RANK + ")");
      }
      long[] shape = new long[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = in.readLong();
        if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE || (size *= shape[d]) > raw.available() / 4) {
          throw new IOException("tensor " + name + ": shape " + Arrays.toString(Arrays.copyOf(shape, d + 1))
              + " does not fit in the " + raw.available() + " bytes left");
        }
      }
      byte[] bytes = in.readNBytes((int) size * 4);
      float[] v = new float[(int) size];
      ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v);
      out.add(new Tensor(name, shape, v));
    }
    return out;
  }
}
