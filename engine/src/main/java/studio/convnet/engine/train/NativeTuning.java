package studio.convnet.engine.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes CPU training speed steady on small VMs (measured on the 2-vCPU build machine; numbers in
 * the README). Applied once, before PyTorch's native libraries load; Linux/glibc only; turned off
 * with {@code -Dconvnet.nativeTuning=false}.
 *
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE} (unless already set): libtorch uses GNU OpenMP, whose idle
 *       workers spin-wait on the CPU after each parallel region. With 2 vCPUs, the JVM's own threads
 *       (GC, JIT, our writer) and other processes, a spinning worker steals the core the next
 *       region needs, and step times swing several-fold. libgomp reads the variable when it loads,
 *       so it is set in the C environment (setenv through JNA) before the engine starts.
 *   <li>{@code mallopt(M_MMAP_THRESHOLD, 32 MB)} and {@code M_TRIM_THRESHOLD 512 MB}: each batch
 *       allocates and frees the same activation and gradient buffers (hundreds of KB to MBs). By
 *       default glibc serves blocks that large with fresh mmap/munmap, so every batch page-faults
 *       its buffers in again; with the thresholds raised, freed blocks are reused from the heap.
 *   <li>glibc's malloc tunables (one arena, no mmap), which only work from process start: see
 *       {@link MallocRestart}, called first thing by the CLI's and the app's {@code main}.
 * </ul>
 */
public final class NativeTuning {

  private static final Logger LOG = LoggerFactory.getLogger(NativeTuning.class);
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;
  private static volatile List<String> applied;

  private NativeTuning() {}

  /** The C library calls we need. */
  public interface CLib extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);

    int mallopt(int param, int value);
  }

  /** Applies the tuning (idempotent); returns what was applied, for logs and the bench report. */
  public static synchronized List<String> apply() {
    if (applied != null) {
      return applied;
    }
    List<String> done = new ArrayList<>();
    applied = done;
    if ("false".equalsIgnoreCase(System.getProperty("convnet.nativeTuning"))
        || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return done;
    }
    try {
      CLib c = Native.load("c", CLib.class);
      if (c.getenv("OMP_WAIT_POLICY") == null) {
        c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        done.add("OMP_WAIT_POLICY=PASSIVE");
      } else {
        done.add("OMP_WAIT_POLICY=" + c.getenv("OMP_WAIT_POLICY") + " (from the environment)");
      }
      if (c.mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1) done.add("M_MMAP_THRESHOLD=32MB");
      if (c.mallopt(M_TRIM_THRESHOLD, 512 << 20) == 1) done.add("M_TRIM_THRESHOLD=512MB");
      String restart = MallocRestart.describe();
      if (!restart.isEmpty()) done.add(restart);
    } catch (Throwable t) { // no JNA, not glibc: run untuned
      LOG.debug("native tuning not applied: {}", t.toString());
    }
    return done;
  }

  /** What {@link #apply()} did (empty before it ran or when turned off). */
  public static List<String> applied() {
    return applied == null ? List.of() : applied;
  }
}
