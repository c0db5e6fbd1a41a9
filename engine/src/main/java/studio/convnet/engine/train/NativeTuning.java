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
 *   <li>{@code GOMP_SPINCOUNT=10000} (unless {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} is
 *       already set): libtorch uses GNU OpenMP. After each parallel region its idle workers spin,
 *       by default 300 000 times (about 10 ms here) before they sleep, and forever with {@code
 *       ACTIVE}. With 2 vCPUs, the JVM's own threads and other processes, a spinning worker steals
 *       the core the next region needs and step times swung several-fold; {@code PASSIVE} (no spin,
 *       used until 2026-12-02) cured that, but then every one of a LeNet step's ~40 small regions
 *       waits for a futex wake-up. A short bounded spin keeps the wake-ups cheap: LeNet-28 b256
 *       1.30× faster than {@code PASSIVE} and AlexNet-96 1.06× (alternating {@code bench} runs, load
 *       5–6 from other engineers' builds at nice 19). Against two busy programs at the same priority
 *       it was 0.75× of {@code PASSIVE}; 100 000 spins gained 1.43× but lost 0.52× there. libgomp
 *       reads the variable when it loads, so it is set in the C environment (setenv through JNA)
 *       before the engine starts.
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
  /** How many times an idle OpenMP worker spins before it sleeps (libgomp's default is 300 000). */
  static final String SPIN_COUNT = "10000";
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
      if (c.getenv("OMP_WAIT_POLICY") == null && c.getenv("GOMP_SPINCOUNT") == null) {
        c.setenv("GOMP_SPINCOUNT", SPIN_COUNT, 0);
        done.add("GOMP_SPINCOUNT=" + SPIN_COUNT);
      } else {
        done.add("OpenMP wait from the environment: OMP_WAIT_POLICY=" + c.getenv("OMP_WAIT_POLICY")
            + ", GOMP_SPINCOUNT=" + c.getenv("GOMP_SPINCOUNT"));
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
