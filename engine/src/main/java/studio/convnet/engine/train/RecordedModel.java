package studio.convnet.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;

/**
 * A recorded run's network with the weights of one of its checkpoints, on the CPU, for looking at
 * what it learned after the fact (top patches of a run recorded without them). Close it.
 */
public final class RecordedModel implements AutoCloseable {

  private final TrainingConfig config;
  private final Model model;
  private final Block block;
  private Checkpoint loaded;

  private RecordedModel(TrainingConfig config) {
    this.config = config;
    EngineSupport.engine();
    JniUtils.setGradMode(false);
    block = ToDjl.build(config.spec());
    model = Model.newInstance(config.spec().id(), Device.cpu());
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32,
        new Shape(1, config.spec().inputChannels(), config.inputSize(), config.inputSize()));
  }

  /** The run folder's network (from its config.json), weights not yet loaded. */
  public static RecordedModel open(Path runDir) throws IOException {
    RunFolder.Recorded rec = RunFolder.readConfig(runDir);
    return new RecordedModel(TrainingConfig.fromRecord(rec.config(), rec.spec()).build());
  }

  public TrainingConfig config() {
    return config;
  }

  /** Loads a checkpoint's weights (it must be this network's). */
  public RecordedModel load(Checkpoint ck) {
    ck.restoreInto(block);
    loaded = ck;
    return this;
  }

  /**
   * The top patches the training loop would have recorded after the loaded checkpoint's epoch: the
   * same test images (the run's seeded test subset), the same probe.
   */
  public List<TopPatches> topPatches(ImageDataset data) {
    if (loaded == null) throw new IllegalStateException("load a checkpoint first");
    int[] testIdx = BatchMaker.subset(data.testImages().count(), config.maxTestExamples(), config.seed() + 1);
    int channels = config.spec().inputChannels();
    int size = config.inputSize();
    TopPatchProbe probe = TopPatchProbe.forNetwork(config.spec(), size, testIdx)
        .orElseThrow(() -> new IllegalStateException(config.spec().id() + " has no convolution to probe"));
    BatchMaker maker = new BatchMaker(data.testImages(), data.testLabels(), channels, size);
    return probe.run(block, model.getNDManager(), maker, channels, size, loaded.elapsed(), loaded.epoch(),
        loaded.step(), () -> false);
  }

  /**
   * Where the loaded weights look at test image {@code testIndex}: class maps (networks with global
   * average pooling) and the saliency of {@code cls} (−1: of the true and the predicted class), as the
   * training loop would have made them.
   */
  public List<studio.convnet.engine.events.RunEvent.LookMaps> look(ImageDataset data, int testIndex, int cls) {
    if (loaded == null) throw new IllegalStateException("load a checkpoint first");
    int count = data.testImages().count();
    if (testIndex < 0 || testIndex >= count) {
      throw new IllegalArgumentException("no test image " + testIndex + " (the test set has " + count + ")");
    }
    int channels = config.spec().inputChannels();
    BatchMaker maker = new BatchMaker(data.testImages(), data.testLabels(), channels, config.inputSize());
    return new LookProbe(config.spec()).look(block, model.getNDManager(), maker, testIndex, cls, channels,
        config.inputSize(), new LookProbe.Meta(loaded.elapsed(), loaded.epoch(), loaded.step(), testIndex,
            maker.label(testIndex)));
  }

  /** Your own image through the loaded weights (same resize and forward pass as during training). */
  public ActivationSnapshot classify(OwnImage image) {
    if (loaded == null) throw new IllegalStateException("load a checkpoint first");
    ActivationSnapshot a = image.forward(block, model.getNDManager(), config.spec().units(), config.inputSize(),
        loaded.elapsed(), loaded.epoch(), loaded.step());
    image.done().accept(a);
    return a;
  }

  /** The newest valid checkpoint of the run folder, loaded; empty when it has none. */
  public static java.util.Optional<RecordedModel> withLatestWeights(Path runDir) throws IOException {
    var ck = Checkpoint.latest(runDir, notice -> { });
    if (ck.isEmpty()) return java.util.Optional.empty();
    return java.util.Optional.of(open(runDir).load(ck.get()));
  }

  @Override
  public void close() {
    model.close();
  }
}
