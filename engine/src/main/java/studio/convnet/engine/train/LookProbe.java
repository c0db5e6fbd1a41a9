package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.insight.ClassActivationMap;
import studio.convnet.engine.insight.Saliency;

/**
 * Where the network looks, computed on the engine's thread: class activation maps (for networks that
 * end in global average pooling; {@link ClassActivationMap}) from one forward pass unit by unit, and
 * gradient saliency (|∂score/∂pixel|, {@link Saliency}) from one backward pass per class down to the
 * input. Both run in inference mode (batch norm on its running statistics, no dropout). The backward
 * pass also leaves gradients on the weights: they are zeroed afterwards, as the optimizer leaves them
 * after a step, so looking never changes what training does next.
 */
public final class LookProbe {

  private final List<LayerSpec> units;
  private final int classes;
  private final Optional<ClassActivationMap.Head> head;

  public LookProbe(NetworkSpec spec) {
    this.units = spec.units();
    this.classes = spec.numClasses();
    this.head = ClassActivationMap.head(units, classes);
  }

  /** Whether the network has class activation maps (it ends in global average pooling). */
  public boolean hasCam() {
    return head.isPresent();
  }

  /** What an event needs besides the maps: when, and which image. */
  public record Meta(double elapsed, int epoch, long step, int testIndex, int label) {}

  /**
   * The class maps of every class for one input (1 × C × S × S, already resized); empty when the
   * network has none. Autograd must be off.
   */
  public Optional<LookMaps> cam(Block block, NDManager manager, float[] input, int channels, int size, Meta meta) {
    if (head.isEmpty()) return Optional.empty();
    ClassActivationMap.Head h = head.get();
    try (NDManager m = manager.newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      NDList x = new NDList(m.create(input, new Shape(1, channels, size, size)));
      var children = block.getChildren();
      float[] features = null;
      long[] fs = null;
      for (int i = 0; i < children.size(); i++) {
        x = children.get(i).getValue().forward(ps, x, false);
        if (i == h.featureUnit()) {
          NDArray f = x.singletonOrThrow();
          fs = f.getShape().getShape();
          features = f.toFloatArray();
        }
      }
      float[] logits = x.singletonOrThrow().toFloatArray();
      int c = (int) fs[1], fh = (int) fs[2], fw = (int) fs[3];
      float[] weights = null;
      if (!h.identity()) {
        Parameter w = children.get(h.denseUnit()).getValue().getParameters().get("weight");
        weights = w.getArray().toFloatArray();
      }
      float[] maps = ClassActivationMap.maps(features, c, fh, fw, weights, classes);
      int[] all = new int[classes];
      for (int k = 0; k < classes; k++) all[k] = k;
      return Optional.of(new LookMaps(meta.elapsed(), meta.epoch(), meta.step(), LookMaps.CAM,
          units.get(h.featureUnit()).name(), meta.testIndex(), meta.label(), argMax(logits), size, input, all,
          new int[] {fh, fw}, maps, logits));
    }
  }

  /**
   * Gradient saliency of the listed classes' scores for one input (1 × C × S × S, already resized):
   * one forward and backward pass each. Call on the thread that trains, between batches (a DJL
   * gradient collector is one per process at a time).
   */
  public LookMaps saliency(Block block, NDManager manager, float[] input, int channels, int size, int[] wanted,
      Meta meta) {
    int[] cls = Arrays.stream(wanted).filter(c -> c >= 0 && c < classes).distinct().toArray();
    if (cls.length == 0) throw new IllegalArgumentException("no class among " + Arrays.toString(wanted));
    float[] maps = new float[cls.length * size * size];
    float[] scores = new float[cls.length];
    int predicted = -1;
    try (NDManager m = manager.newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      for (int i = 0; i < cls.length; i++) {
        NDArray x = m.create(input, new Shape(1, channels, size, size));
        x.setRequiresGradient(true);
        float[] logits;
        try (GradientCollector gc = EngineSupport.engine().newGradientCollector()) {
          NDArray out = block.forward(ps, new NDList(x), false).singletonOrThrow();
          logits = out.toFloatArray();
          gc.backward(out.get(0, cls[i]));
        } finally {
          zeroWeightGradients(block);
        }
        predicted = argMax(logits);
        scores[i] = logits[cls[i]];
        float[] map = Saliency.fromGradient(x.getGradient().toFloatArray(), channels, size, size);
        System.arraycopy(map, 0, maps, i * size * size, size * size);
      }
    }
    return new LookMaps(meta.elapsed(), meta.epoch(), meta.step(), LookMaps.SALIENCY, "input", meta.testIndex(),
        meta.label(), predicted, size, input, cls, new int[] {size, size}, maps, scores);
  }

  /** The gradients a backward pass left on the weights, zeroed (the optimizer expects zeros). */
  static void zeroWeightGradients(Block block) {
    for (Parameter p : block.getParameters().values()) {
      if (p.isInitialized() && p.requiresGradient()) {
        NDArray a = p.getArray();
        if (a.hasGradient()) {
          JniUtils.zeroGrad((PtNDArray) a);
        }
      }
    }
  }

  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  /**
   * At an epoch's end: for each probe test image its class maps (when the network has them) and the
   * saliency of its true class and of the class predicted (one map when they agree).
   */
  void probeImages(Block block, NDManager manager, BatchMaker maker, int[] probes, int channels, int size,
      DoubleSupplier elapsed, int epoch, long step, Consumer<? super LookMaps> out) {
    for (int probe : probes) {
      look(block, manager, maker, probe, -1, channels, size,
          new Meta(elapsed.getAsDouble(), epoch, step, probe, maker.label(probe))).forEach(out);
    }
  }

  /**
   * One test image: its class maps (when the network has them), then the saliency of class {@code
   * cls}, or when it is −1 of the true and the predicted class.
   */
  List<LookMaps> look(Block block, NDManager manager, BatchMaker maker, int testIndex, int cls, int channels,
      int size, Meta meta) {
    float[] input;
    try (NDManager bm = manager.newSubManager()) {
      input = maker.batch(bm, new int[] {testIndex}, 0, 1, null, null).get(0).toFloatArray();
    }
    List<LookMaps> out = new ArrayList<>(2);
    Optional<LookMaps> cam = cam(block, manager, input, channels, size, meta);
    cam.ifPresent(out::add);
    int[] wanted;
    if (cls >= 0) {
      wanted = new int[] {cls};
    } else {
      int predicted = cam.map(LookMaps::predicted).orElseGet(() -> predict(block, manager, input, channels, size));
      wanted = new int[] {meta.label(), predicted};
    }
    out.add(saliency(block, manager, input, channels, size, wanted, meta));
    return out;
  }

  private int predict(Block block, NDManager manager, float[] input, int channels, int size) {
    try (NDManager m = manager.newSubManager()) {
      NDArray out = block.forward(new ParameterStore(m, false),
          new NDList(m.create(input, new Shape(1, channels, size, size))), false).singletonOrThrow();
      return argMax(out.toFloatArray());
    }
  }
}
