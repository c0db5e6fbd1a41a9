package studio.convnet.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import studio.convnet.app.dashboard.Looker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.runs.Checkpoint;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import studio.convnet.app.dashboard.Classifier;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.train.OwnImage;
import studio.convnet.engine.train.RecordedModel;

/**
 * A recording's final weights (its newest checkpoint) answering the drawing pad, and working out
 * where the network looks at test images the recording holds no maps for. The network (and the
 * test images) are loaded on first use, on its own thread, never on the FX thread.
 */
final class RecordedClassifier implements Classifier, Looker, AutoCloseable {

  private final Path folder;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "convnet-recorded-model");
    t.setDaemon(true);
    return t;
  });
  private RecordedModel model; // worker thread only
  private boolean missing;
  private ImageDataset data; // worker thread only

  /** True when the folder keeps a checkpoint (a cheap look at the file names, no read). */
  static boolean hasWeights(Path folder) {
    Path dir = folder.resolve(Checkpoint.FOLDER);
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".ckpt"));
    } catch (IOException e) {
      return false;
    }
  }

  RecordedClassifier(Path folder) {
    this.folder = folder;
  }

  @Override
  public String source() {
    return "the recording's final weights (" + folder.getFileName() + ")";
  }

  /** What a task does with the loaded network (worker thread). */
  private interface Use {
    void with(RecordedModel m) throws Exception;
  }

  /** Runs {@code use} on the worker with the network loaded; {@code what} names the use in messages. */
  private void onWorker(String what, Consumer<String> failed, Use use) {
    worker.execute(() -> {
      try {
        if (model == null && !missing) {
          model = RecordedModel.withLatestWeights(folder).orElse(null);
          missing = model == null;
        }
        if (model == null) {
          failed.accept("This recording keeps no weights (no checkpoints/ in its folder): nothing can " + what + ".");
        } else {
          use.with(model);
        }
      } catch (Exception | Error e) {
        failed.accept("Could not " + what + " with the recording's network: " + e.getMessage());
      }
    });
  }

  @Override
  public void classify(float[] pixels, int side, Consumer<ActivationSnapshot> done, Consumer<String> failed) {
    onWorker("classify", failed, m -> done.accept(m.classify(new OwnImage(pixels, side, a -> { }))));
  }

  @Override
  public void look(int testIndex, int cls, Consumer<List<LookMaps>> done, Consumer<String> failed) {
    onWorker("work out where it looks", failed, m -> {
      if (data == null) {
        var own = m.config().datasetFolder();
        data = own.isPresent() ? ImageDataset.fromFolder(own.get()) : ImageDataset.fashionMnistTestSet();
      }
      done.accept(m.look(data, testIndex, cls));
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
