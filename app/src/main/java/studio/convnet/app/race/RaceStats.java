package studio.convnet.app.race;

import java.util.Locale;
import java.util.OptionalDouble;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.events.RunState;

/**
 * One racer's line of the cost strip, from its event stream alone (so a recording and a live run
 * are measured alike): parameters and multiply-adds per image, median training images/s, final
 * test accuracy, and the training time until the test accuracy first reached a target.
 */
public record RaceStats(String label, long params, long macs, double imagesPerSecond,
    double finalAccuracy, OptionalDouble secondsToTarget, int epochsDone, String status) {

  public static RaceStats of(String label, RunState s, double target) {
    RunStarted st = s.started().orElse(null);
    double start = st == null ? 0 : st.elapsed();
    double[] ips = s.batches().stream().mapToDouble(BatchMetrics::imagesPerSecond).filter(v -> v > 0)
        .sorted().toArray();
    double median = ips.length == 0 ? Double.NaN : ips[ips.length / 2];
    double fin = s.epochs().isEmpty() ? Double.NaN : s.epochs().get(s.epochs().size() - 1).testAccuracy();
    OptionalDouble reach = s.epochs().stream().filter(e -> e.testAccuracy() >= target)
        .mapToDouble(e -> e.elapsed() - start).findFirst();
    return new RaceStats(label, st == null ? 0 : st.params(), st == null ? 0 : st.macs(), median, fin, reach,
        s.epochs().size(), s.status().toString());
  }

  /** The strip's cells, for a table or a test. */
  public String[] cells(double target) {
    return new String[] {
        label,
        String.format(Locale.ROOT, "%,d", params),
        String.format(Locale.ROOT, "%,.1f M", macs / 1e6),
        Double.isNaN(imagesPerSecond) ? "—" : String.format(Locale.ROOT, "%,.0f", imagesPerSecond),
        Double.isNaN(finalAccuracy) ? "—" : String.format(Locale.ROOT, "%.3f", finalAccuracy),
        secondsToTarget.isPresent() ? String.format(Locale.ROOT, "%.0f s", secondsToTarget.getAsDouble())
            : "not yet",
    };
  }
}
