package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;

/**
 * What a run shows of its network besides the metrics, in one place: the first convolution's
 * filters, and every unit's output for the probe test images. A unit is a top-level layer or a
 * whole branch/residual block; the spec's unit i is the built block's child i (ToDjl keeps the
 * order), so names come from the spec, not from DJL.
 */
final class Probes {

  private final List<LayerSpec> units;
  private final int firstConv;
  private final int[] indices;
  private final BatchMaker maker;
  private final int inputSize;

  Probes(NetworkSpec spec, int[] indices, BatchMaker maker, int inputSize) {
    this.units = spec.units(); // child i of the DJL block is unit i
    this.firstConv = firstConvUnit(units);
    this.indices = indices.clone();
    this.maker = maker;
    this.inputSize = inputSize;
  }

  /** The probe test images: the config's, checked against the test set, or one per class. */
  static int[] indices(TrainingConfig config, ImageDataset data) {
    Optional<int[]> explicit = config.probeIndices();
    int count = data.testImages().count();
    if (explicit.isPresent()) {
      for (int p : explicit.get()) {
        if (p >= count) {
          throw new TrainingLoop.RunFailure("probe index " + p + " is outside the test set (" + count + " images)");
        }
      }
      return explicit.get();
    }
    return defaults(data);
  }

  /** The first test image of each class, in class order. */
  static int[] defaults(ImageDataset data) {
    int classes = data.classNames().size();
    int[] first = new int[classes];
    Arrays.fill(first, -1);
    byte[] labels = data.testLabels().labels();
    int found = 0;
    for (int i = 0; i < labels.length && found < classes; i++) {
      int c = labels[i] & 0xff;
      if (first[c] < 0) {
        first[c] = i;
        found++;
      }
    }
    return Arrays.stream(first).filter(i -> i >= 0).toArray();
  }

  /** The first unit that is a convolution (a network's "learned filters"), or -1 if it sits inside a branch. */
  static int firstConvUnit(List<LayerSpec> units) {
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i) instanceof LayerSpec.Conv) {
        return i;
      }
    }
    return -1;
  }

  /** The probe test images. */
  int[] indices() {
    return indices.clone();
  }

  /** Whether the network has a top-level convolution whose filters can be shown. */
  boolean hasFilters() {
    return firstConv >= 0;
  }

  /** The first convolution's weights now (only when {@link #hasFilters()}). */
  FilterSnapshot filters(Block block, double elapsed, int epoch, int batch, long step) {
    Block conv = block.getChildren().get(firstConv).getValue();
    NDArray w = conv.getParameters().get("weight").getArray();
    long[] s = w.getShape().getShape();
    int[] shape = new int[s.length];
    for (int i = 0; i < s.length; i++) shape[i] = (int) s[i];
    return new FilterSnapshot(elapsed, epoch, batch, step, units.get(firstConv).name(), shape, w.toFloatArray());
  }

  /** The run's clock (seconds since it started), read when each snapshot is made. */
  interface Clock {
    double elapsed();
  }

  /**
   * One ActivationSnapshot per probe image, handed to {@code out} as each is ready: the forward pass
   * unit by unit in inference mode (a layer, or a whole Inception or residual unit, whose output is
   * its block's output); the caller has autograd off.
   */
  void activations(Trainer trainer, Block block, Clock clock, int epoch, long step,
      java.util.function.Consumer<ActivationSnapshot> out) {
    ParameterStore ps = new ParameterStore(trainer.getManager(), false);
    for (int probe : indices) {
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList x = new NDList(maker.batch(bm, new int[] {probe}, 0, 1, null, null).get(0));
        out.accept(snapshot(ps, block, units, x, clock.elapsed(), epoch, step, probe, maker.label(probe), inputSize));
      }
    }
  }

  /**
   * The forward pass of one input (1×C×S×S, already resized) unit by unit in inference mode, as an
   * ActivationSnapshot: every unit's output and the class probabilities.
   */
  static ActivationSnapshot snapshot(ParameterStore ps, Block block, List<LayerSpec> units, NDList x,
      double elapsed, int epoch, long step, int testIndex, int label, int inputSize) {
    var children = block.getChildren();
    float[] image = x.singletonOrThrow().toFloatArray();
    List<LayerActivation> layers = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      Pair<String, Block> child = children.get(i);
      x = child.getValue().forward(ps, x, false);
      NDArray a = x.singletonOrThrow();
      long[] s = a.getShape().getShape();
      int[] shape = new int[s.length - 1];
      for (int d = 1; d < s.length; d++) shape[d - 1] = (int) s[d];
      LayerSpec unit = units.get(i);
      layers.add(new LayerActivation(unit.name(), unit.type(), shape, a.toFloatArray()));
    }
    float[] probs = x.singletonOrThrow().softmax(1).toFloatArray();
    return new ActivationSnapshot(elapsed, epoch, step, testIndex, label, inputSize, image, layers, probs);
  }
}
