package studio.convnet.engine.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.ConfusionMatrix;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.RunEvent.RunStarted;

/** A synthetic, deterministic event stream for tests only (the app never shows one). */
public final class FakeRun {

  private FakeRun() {}

  public static RunStarted started(String runId, int epochs, int batchesPerEpoch, int startEpoch) {
    return new RunStarted(0, runId, "lenet", "LeNet (d2l)", 28, config("lenet", epochs), "CPU (test)", batchesPerEpoch * 256,
        1000, batchesPerEpoch, ImageDataset.FASHION_MNIST_CLASSES, 61_706, 429_000, startEpoch);
  }

  /** The book's LeNet settings with this many epochs. */
  public static RunConfig config(String model, int epochs) {
    return new RunConfig(RunConfig.FORMAT, model, 28, 256, 0.9, "SGD", 0.9, 0, epochs, "XAVIER", 42, 0, 0, "auto",
        null, 50, 5, null, List.of(), "fp32");
  }

  public static float[] weights(int out, int k, long seed) {
    Random r = new Random(seed);
    float[] w = new float[out * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * 0.3);
    }
    return w;
  }

  /** A whole small run: epochs × batches metrics, filters every 2 batches, epoch-end extras. */
  public static List<RunEvent> run(String runId, int epochs, int batches) {
    List<RunEvent> es = new ArrayList<>();
    es.add(started(runId, epochs, batches, 0));
    double t = 0;
    long step = 0;
    float[] w = weights(6, 25, 1);
    for (int e = 1; e <= epochs; e++) {
      for (int b = 1; b <= batches; b++) {
        step++;
        t += 0.1;
        double loss = 2.3 * Math.exp(-step / 20.0) + 0.4;
        es.add(new BatchMetrics(t, e, b, batches, step, loss, 1 - loss / 2.7, 1000));
        if (b % 2 == 0) {
          for (int i = 0; i < w.length; i++) {
            w[i] *= 1.05f;
          }
          es.add(new FilterSnapshot(t, e, b, step, "conv1", new int[] {6, 1, 5, 5}, w.clone()));
        }
      }
      t += 0.05;
      es.add(new EpochMetrics(t, e, 0.5, 0.8, 0.7 + 0.01 * e, 1.0));
      int[][] counts = new int[10][10];
      int[] idx = new int[100], pred = new int[100];
      for (int i = 0; i < 100; i++) {
        idx[i] = i;
        pred[i] = i % 10;
        counts[i % 10][i % 10]++;
      }
      es.add(new ConfusionMatrix(t, e, counts, idx, pred));
      es.add(new ActivationSnapshot(t, e, step, 0, 9, 28, new float[28 * 28],
          List.of(new LayerActivation("conv1", "conv", new int[] {6, 28, 28}, new float[6 * 28 * 28]),
              new LayerActivation("fc3", "dense", new int[] {10}, new float[10])),
          new float[10]));
    }
    es.add(new RunFinished(t + 0.01, true, epochs, 0.7 + 0.01 * epochs));
    return es;
  }
}
