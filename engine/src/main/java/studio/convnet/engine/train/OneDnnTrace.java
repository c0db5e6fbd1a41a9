package studio.convnet.engine.train;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts what oneDNN executes during a block of code: its verbose mode ({@code ONEDNN_VERBOSE=1},
 * switched on and off around the block through {@code torch::verbose::_mkldnn_set_verbose}, the call
 * behind {@code torch.backends.mkldnn.verbose}) prints one line per primitive run with its kind and
 * its own time in ms. The lines go to the process's standard output, so file descriptor 1 is pointed
 * at a temporary file for the block (Linux, glibc). Used by {@code bench --onednn-trace} to show the
 * share of a step spent in layout conversions ({@code reorder}).
 */
public final class OneDnnTrace {

  /** The C calls needed to redirect standard output. */
  interface CLib extends Library {
    int dup(int fd);

    int dup2(int from, int to);

    int open(String path, int flags, int mode);

    int close(int fd);

    int fflush(Pointer stream);
  }

  /** Per primitive kind (convolution, reorder, …): how many ran and their summed time in ms. */
  public record Totals(Map<String, Integer> counts, Map<String, Double> ms) {
    public double totalMs() {
      return ms.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private OneDnnTrace() {}

  /** Runs {@code block} with oneDNN's verbose mode on and returns what it executed. */
  public static Totals trace(Runnable block) throws IOException {
    EngineSupport.engine();
    NativeLibrary torch = NativeLibrary.getInstance(Autocast.libtorchPath().orElse("torch_cpu"));
    Function verbose = torch.getFunction("_ZN5torch7verbose19_mkldnn_set_verboseEi");
    CLib c = Native.load("c", CLib.class);
    Path log = Files.createTempFile("onednn-verbose", ".csv");
    try {
      System.out.flush();
      c.fflush(null);
      int saved = c.dup(1);
      int fd = c.open(log.toString(), 01 | 0100 | 01000, 0644); // O_WRONLY | O_CREAT | O_TRUNC
      if (saved < 0 || fd < 0) {
        throw new IOException("cannot redirect standard output to " + log);
      }
      c.dup2(fd, 1);
      c.close(fd);
      try {
        verbose.invoke(Integer.class, new Object[] {1});
        block.run();
      } finally {
        verbose.invoke(Integer.class, new Object[] {0});
        c.fflush(null);
        c.dup2(saved, 1);
        c.close(saved);
      }
      try (Stream<String> lines = Files.lines(log)) {
        return parse(lines.toList());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Sums {@code onednn_verbose,...,exec,cpu,KIND,...,TIME_MS} lines by kind. */
  static Totals parse(List<String> lines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> ms = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("onednn_verbose") && !line.startsWith("dnnl_verbose")) continue;
      String[] f = line.split(",");
      int exec = List.of(f).indexOf("exec");
      if (exec < 0 || exec + 2 >= f.length) continue;
      double t;
      try {
        t = Double.parseDouble(f[f.length - 1].trim());
      } catch (NumberFormatException e) {
        continue;
      }
      String kind = f[exec + 2];
      counts.merge(kind, 1, Integer::sum);
      ms.merge(kind, t, Double::sum);
    }
    return new Totals(counts, ms);
  }
}
