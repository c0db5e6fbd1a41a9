package studio.convnet.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;

/** The real FashionMNIST, loaded once per test JVM, and a listener that records events. */
public final class TestData {
  private static ImageDataset fashion;

  private TestData() {}

  public static synchronized ImageDataset fashion() {
    if (fashion == null) {
      try {
        fashion = ImageDataset.fashionMnist();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fashion;
  }

  /** A small, quick config: lenet-modern with Adam on a slice. */
  public static TrainingConfig.Builder quick() {
    return TrainingConfig.builder().setModel("lenet-modern").setBatchSize(64).setLearningRate(0.01)
        .setEpochs(2).optOptimizer(TrainingConfig.OptimizerKind.ADAM).optMaxTrainExamples(512)
        .optMaxTestExamples(200).optMetricsEvery(1).optFilterEvery(4).optSeed(7).optDevice(DeviceChoice.CPU);
  }

  /** Records every event. */
  public static final class Recorder implements RunEventListener {
    public final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent e) {
      events.add(e);
    }

    public <T extends RunEvent> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
