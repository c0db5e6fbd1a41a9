package studio.convnet.app.runs;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import studio.convnet.app.dashboard.Classifier;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.train.OwnImage;
import studio.convnet.engine.train.RecordedModel;

/**
 * A recording's final weights (its newest checkpoint) answering the drawing pad. The network is
 * built and loaded on first use, on its own thread, never on the FX thread.
 */
final class RecordedClassifier implements Classifier, AutoCloseable {

  private final Path folder;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "convnet-recorded-model");
    t.setDaemon(true);
    return t;
  });
  private RecordedModel model; // worker thread only
  private boolean missing;

  RecordedClassifier(Path folder) {
    this.folder = folder;
  }

  @Override
  public String source() {
    return "the recording's final weights (" + folder.getFileName() + ")";
  }

  @Override
  public void classify(float[] pixels, int side, Consumer<ActivationSnapshot> done, Consumer<String> failed) {
    worker.execute(() -> {
      try {
        if (model == null && !missing) {
          model = RecordedModel.withLatestWeights(folder).orElse(null);
          missing = model == null;
        }
        if (model == null) {
          failed.accept("This recording keeps no weights (no checkpoints/ in its folder): nothing can classify.");
        } else {
          done.accept(model.classify(new OwnImage(pixels, side, a -> { })));
        }
      } catch (Exception | Error e) {
        failed.accept("Could not run the recording's network: " + e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    worker.execute(() -> {
      if (model != null) model.close();
    });
    worker.shutdown();
  }
}
