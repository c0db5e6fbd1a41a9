package studio.convnet.engine.train;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps a long run's memory flat under the JVM's default heap settings (issue 11). With the default
 * maximum heap (a quarter of RAM) G1 grew the committed heap epoch after epoch — RSS 316 → 551 MB
 * over 15 LeNet epochs — and kept it, although the live data stays small. The CLI ({@code java
 * -jar}) cannot carry JVM flags, so the few that matter are set here, at start, through the
 * HotSpot management bean — they are "manageable" flags — and only where the user left the default:
 *
 * <ul>
 *   <li>{@code MinHeapFreeRatio} 10 / {@code MaxHeapFreeRatio} 30 (defaults 40 / 70): after a
 *       collection G1 keeps at most 30 % of the heap free instead of 70 %, and shrinks to that;
 *   <li>{@code G1PeriodicGCInterval} 10 s (default off): when no concurrent cycle ran for 10 s, G1
 *       starts one, which is when it returns unused committed memory to the OS (JEP 346).
 * </ul>
 *
 * Without {@code jdk.management} (a trimmed runtime) nothing happens.
 */
final class HeapTuning {

  private static volatile boolean applied;

  private HeapTuning() {}

  static void apply() {
    if (applied) {
      return;
    }
    applied = true;
    try {
      HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      setIfDefault(hs, "MinHeapFreeRatio", "10");
      setIfDefault(hs, "MaxHeapFreeRatio", "30");
      if (ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(b -> b.getName().startsWith("G1"))) {
        setIfDefault(hs, "G1PeriodicGCInterval", "10000");
      }
    } catch (RuntimeException | LinkageError e) {
      // no management support in this runtime: the JVM's own defaults stay
    }
  }

  private static void setIfDefault(HotSpotDiagnosticMXBean hs, String name, String value) {
    VMOption o = hs.getVMOption(name);
    if (o.getOrigin() == VMOption.Origin.DEFAULT && o.isWriteable()) {
      hs.setVMOption(name, value);
    }
  }
}
