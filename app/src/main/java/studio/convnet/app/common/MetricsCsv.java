package studio.convnet.app.common;

import java.util.Locale;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunState;

/**
 * A run's metrics as one CSV table: a row per batch point (running means over the epoch so far,
 * as the curves draw them) and a row per epoch (train loss and accuracy, test accuracy), in order.
 */
public final class MetricsCsv {

  public static final String HEADER =
      "kind,epoch,batch,step,elapsed_s,loss,accuracy,test_accuracy,images_per_s,epoch_s";

  private MetricsCsv() {}

  public static String of(RunState state) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    int next = 0;
    var epochs = state.epochs();
    for (BatchMetrics m : state.batches()) {
      while (next < epochs.size() && epochs.get(next).epoch() < m.epoch()) {
        epoch(b, epochs.get(next++));
      }
      b.append(String.format(Locale.ROOT, "batch,%d,%d,%d,%.3f,%s,%s,,%s,%n", m.epoch(), m.batch(), m.step(),
          m.elapsed(), num(m.loss()), num(m.accuracy()), num(m.imagesPerSecond())));
    }
    while (next < epochs.size()) {
      epoch(b, epochs.get(next++));
    }
    return b.toString();
  }

  private static void epoch(StringBuilder b, EpochMetrics e) {
    b.append(String.format(Locale.ROOT, "epoch,%d,,,%.3f,%s,%s,%s,,%.3f%n", e.epoch(), e.elapsed(),
        num(e.trainLoss()), num(e.trainAccuracy()), num(e.testAccuracy()), e.seconds()));
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
