package studio.convnet.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (MNIST, FashionMNIST, KMNIST), gzipped or not. Every problem becomes an {@link
 * IdxFormatException} naming the file and what is wrong with it: magic number, dimensions, counts,
 * truncation.
 */
public final class IdxReader {

  /** Images as unsigned bytes, row-major: {@code pixels[i * rows * cols + r * cols + c]}. */
  public record Images(String source, int count, int rows, int cols, byte[] pixels) {
    public int size() {
      return rows * cols;
    }
  }

  /** Labels, one unsigned byte each. */
  public record Labels(String source, int count, byte[] labels) {}

  private static final int UBYTE = 0x08;

  private IdxReader() {}

  public static Images readImages(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readImages(in, file.toString());
    }
  }

  public static Labels readLabels(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readLabels(in, file.toString());
    }
  }

  /** Opens a file, un-gzipping it when it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IdxFormatException(file + ": no such file");
    }
    return maybeGunzip(Files.newInputStream(file), file.toString());
  }

  /** {@link #maybeGunzip} for callers outside the package (tests feeding bytes). */
  public static InputStream maybeGunzipBytes(InputStream raw, String source) throws IOException {
    return maybeGunzip(raw, source);
  }

  static InputStream maybeGunzip(InputStream raw, String source) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      } catch (ZipException | EOFException e) {
        throw new IdxFormatException(source + ": corrupt or truncated gzip header (" + e.getMessage() + ")");
      }
    }
    return in;
  }

  public static Images readImages(InputStream in, String source) throws IOException {
    try {
      return images(in, source);
    } catch (IdxFormatException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt(source, e);
    }
  }

  public static Labels readLabels(InputStream in, String source) throws IOException {
    try {
      return labels(in, source);
    } catch (IdxFormatException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt(source, e);
    }
  }

  /** Any other read error (a damaged gzip stream, a bad trailer) as an IdxFormatException naming the file. */
  private static IdxFormatException corrupt(String source, IOException e) {
    return new IdxFormatException(source + ": corrupt or truncated data (" + e.getMessage() + ")");
  }

  private static Images images(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int dims = header(data, source, 3, "images");
    int count = dim(data, source, "number of images");
    int rows = dim(data, source, "rows");
    int cols = dim(data, source, "columns");
    // Each factor is below 2^31, so rows × cols fits a long, and so does count × (rows × cols) once
    // rows × cols is known to be small; the product of all three in one go can wrap to a negative.
    long image = (long) rows * cols;
    long bytes = image > Integer.MAX_VALUE ? Long.MAX_VALUE : count * image;
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IdxFormatException(
          source + ": " + count + " images of " + rows + "×" + cols + " is too large to load");
    }
    byte[] pixels = body(data, source, (int) bytes, count + " images of " + rows + "×" + cols);
    return new Images(source, count, rows, cols, pixels);
  }

  private static Labels labels(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    header(data, source, 1, "labels");
    int count = dim(data, source, "number of labels");
    byte[] labels = body(data, source, count, count + " labels");
    return new Labels(source, count, labels);
  }

  private static int header(DataInputStream in, String source, int expectedDims, String what)
      throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(source + ": file is empty or shorter than the 4-byte IDX header");
    } catch (ZipException e) {
      throw new IdxFormatException(source + ": corrupt gzip data (" + e.getMessage() + ")");
    }
    if ((magic >>> 16) != 0) {
      throw new IdxFormatException(
          String.format(
              "%s: not an IDX file (magic number 0x%08X; IDX files start with two zero bytes)",
              source, magic));
    }
    int type = (magic >>> 8) & 0xff;
    int dims = magic & 0xff;
    if (type != UBYTE) {
      throw new IdxFormatException(
          String.format(
              "%s: element type 0x%02X in the magic number is not supported (only 0x08, unsigned byte)",
              source, type));
    }
    if (dims != expectedDims) {
      throw new IdxFormatException(
          String.format(
              "%s: magic number 0x%08X says %d dimension(s), but %s files have %d",
              source, magic, dims, what, expectedDims));
    }
    return dims;
  }

  private static int dim(DataInputStream in, String source, String field) throws IOException {
    int v;
    try {
      v = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(source + ": header truncated before the " + field + " field");
    }
    if (v <= 0) {
      throw new IdxFormatException(source + ": header field '" + field + "' is " + v + ", must be > 0");
    }
    return v;
  }

  /**
   * Reads the {@code n} bytes the header promises. The buffer grows with the data actually read
   * (from 4 MB, doubling), so a header that lies about the size costs what the file holds, not what it
   * claims; a short file is reported with the bytes it really had.
   */
  private static byte[] body(DataInputStream in, String source, int n, String what) throws IOException {
    byte[] out = new byte[Math.min(n, 4 << 20)];
    int off = 0;
    try {
      while (off < n) {
        if (off == out.length) {
          out = java.util.Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
        }
        int r = in.read(out, off, Math.min(out.length - off, 1 << 16));
        if (r < 0) {
          break;
        }
        off += r;
      }
    } catch (EOFException | ZipException e) {
      throw new IdxFormatException(
          source + ": data truncated or corrupt after " + off + " of " + n + " bytes (" + what
              + " expected): " + e.getMessage());
    }
    if (off < n) {
      throw new IdxFormatException(
          source + ": truncated: the header promises " + what + " (" + n + " bytes) but the file"
              + " ends after " + off + " bytes");
    }
    return out;
  }

  /** A malformed IDX file; the message names the file and the problem. */
  public static final class IdxFormatException extends IOException {
    public IdxFormatException(String message) {
      super(message);
    }
  }
}
