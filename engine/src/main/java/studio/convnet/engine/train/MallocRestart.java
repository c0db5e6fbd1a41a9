package studio.convnet.engine.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Restarts the process once, in place, with glibc's malloc tunables set, so that PyTorch's large
 * per-step buffers are reused instead of being mapped and page-faulted in again every step.
 *
 * <p>Why: PyTorch allocates each activation, gradient and oneDNN layout copy with {@code
 * posix_memalign} on the training thread. glibc serves a thread from its own arena, whose heaps are
 * at most 64 MB and are unmapped when they fall empty; blocks of 32 MB and more are always fresh
 * {@code mmap}s. A ResNet-18 step at 96 px (a 75 MB first activation) page-faulted ~250 000 times,
 * and the oneDNN reorders that write into new buffers took a quarter of the step. With one arena
 * (the main heap, which {@link NativeTuning}'s trim threshold keeps) and no mmap, faults fell to
 * ~15 000 per step; measured alternately on the build machine: ResNet-18 2.4×, AlexNet-96 1.26×,
 * LeNet 1.27× the images/s (engine README). The tunables are read only when a process starts, so
 * the JVM is replaced by itself with {@code execv}: same PID (a kill still reaches it), same
 * arguments (read from {@code /proc/self/cmdline}), same open files, before anything is printed.
 *
 * <p>The restart also limits the JIT to its quick compiler, C1 ({@value #QUICK_JIT}), when the command
 * line leaves the JIT alone. On 2 cores HotSpot's optimising compiler, C2, took one core for the first
 * seconds of every process (7–8 s of CPU in a 20 s LeNet run in the app), the core PyTorch's second
 * thread trains on; what it optimises is a small part of the time, most of which is native.
 * Measured alternately (docs in the engine README, "The JIT"): LeNet {@code bench} 1.19×, {@code
 * train --preset lenet-quick} 9.9 and 8.8 s against 12.0 and 11.6 s, lenet-book 48.1 against 51.6 s
 * (the same accuracy to the last digit), the app's lenet-quick epochs 13.4 s against 17–22 s,
 * AlexNet-96 1.00×.
 *
 * <p>Under a jpackage launcher {@code /proc/self/exe} is the launcher itself, which reads its {@code
 * .cfg} again (that has the JIT option); the mark it leaves in the environment for the JVM is removed first.
 *
 * <p>Only from a {@code main} method (never in a test JVM), only on Linux with glibc, only when
 * {@code GLIBC_TUNABLES} is not already set; off with {@code -Dconvnet.nativeTuning=false} or
 * {@code CONVNET_NATIVE_TUNING=off}. If {@code execv} fails the process carries on untuned.
 */
public final class MallocRestart {

  /** One arena, no mmap, keep up to 512 MB of free heap. */
  public static final String TUNABLES =
      "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=536870912";
  /** Set in the restarted process: it is never restarted twice, and reports say why it is tuned. */
  public static final String MARK = "CONVNET_MALLOC_RESTARTED";

  /** The JIT option the restart adds to a {@code java} command line. */
  public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  private MallocRestart() {}

  interface CLib extends Library {
    int setenv(String name, String value, int overwrite);

    int unsetenv(String name);

    int execv(String path, String[] argv);

    String gnu_get_libc_version();
  }

  /** Replaces this process with itself under {@link #TUNABLES} when that applies; else returns. */
  public static void restartIfUseful() {
    if (!applies(System.getenv("GLIBC_TUNABLES"), System.getenv(MARK), System.getenv("CONVNET_NATIVE_TUNING"),
        System.getProperty("convnet.nativeTuning"), System.getProperty("os.name", ""))) {
      return;
    }
    try {
      List<String> argv = arguments(Files.readAllBytes(Path.of("/proc/self/cmdline")),
          Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name())));
      if (argv.isEmpty()) return;
      String exe = Path.of("/proc/self/exe").toRealPath().toString();
      argv = withQuickJit(argv, exe);
      CLib c = Native.load("c", CLib.class);
      c.gnu_get_libc_version(); // not glibc (musl): no such symbol, and its malloc ignores the tunables
      System.out.flush();
      System.err.flush();
      c.setenv(MARK, "1", 1);
      c.setenv("GLIBC_TUNABLES", TUNABLES, 1);
      // a jpackage launcher marks its environment (_JPACKAGE_LAUNCHER) for the JVM it starts; run
      // again with the mark it would skip its .cfg file and start a bare JVM with no main class
      System.getenv().keySet().stream().filter(k -> k.startsWith("_JPACKAGE")).forEach(c::unsetenv);
      c.execv(exe, argv.toArray(String[]::new)); // returns only if it failed
      c.unsetenv("GLIBC_TUNABLES");
      c.unsetenv(MARK);
    } catch (IOException | RuntimeException | LinkageError e) {
      // no /proc, no JNA, no glibc: run untuned (NativeTuning still applies its own settings)
    }
  }

  /** Whether to restart: Linux, not yet restarted, tunables not chosen by the user, not turned off. */
  static boolean applies(String tunables, String mark, String envSwitch, String property, String osName) {
    return tunables == null && mark == null && !"off".equalsIgnoreCase(envSwitch)
        && !"false".equalsIgnoreCase(property) && osName.toLowerCase(Locale.ROOT).contains("linux");
  }

  /**
   * The command line with {@link #QUICK_JIT} after the {@code java} launcher's name, unless the
   * executable is another launcher (jpackage's: its .cfg sets it) or the command line already
   * chooses how the JIT works.
   */
  static List<String> withQuickJit(List<String> argv, String exe) {
    if (argv.isEmpty() || !Path.of(exe).getFileName().toString().equals("java")) {
      return argv;
    }
    for (String a : argv) {
      if (a.startsWith("-XX:TieredStopAtLevel") || a.contains("TieredCompilation") || a.equals("-Xint")
          || a.equals("-Xcomp")) {
        return argv;
      }
    }
    List<String> out = new ArrayList<>(argv);
    out.add(1, QUICK_JIT);
    return out;
  }

  /** The NUL-separated arguments of {@code /proc/self/cmdline}. */
  static List<String> arguments(byte[] cmdline, Charset charset) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        out.add(new String(cmdline, start, i - start, charset));
        start = i + 1;
      }
    }
    if (start < cmdline.length) out.add(new String(cmdline, start, cmdline.length - start, charset));
    return out;
  }

  /** For reports: the tunables this process runs under and whether it restarted itself for them. */
  public static String describe() {
    String t = System.getenv("GLIBC_TUNABLES");
    if (t == null) return "";
    boolean quickJit = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains(QUICK_JIT);
    return "GLIBC_TUNABLES=" + t + (System.getenv(MARK) != null ? " (restarted with it)" : " (from the environment)")
        + (quickJit ? ", JIT " + QUICK_JIT : "");
  }
}
