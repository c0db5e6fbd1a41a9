package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.events.RunEvent.Distribution;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunEvent.LayerStats;
import studio.convnet.engine.insight.DeadUnits;
import studio.convnet.engine.insight.Histogram;
import studio.convnet.engine.insight.Percentiles;

/**
 * Filter health over time ({@link LayerHealth}): for every convolution and dense layer its weight
 * distribution, its weight gradient's distribution on the batch just trained ({@link #tap}, called
 * between the backward pass and the update, while the gradient is still the batch's), how far its
 * weights moved since the previous record, and how many of its units never fire on the probe images.
 *
 * <p>It only reads: the probe forward pass runs in inference mode (no dropout draw, no batch-norm
 * statistics update) and nothing here draws a random number, so a run with records trains exactly as
 * one without. The previous weights are kept as Java arrays (a strided sample of a layer larger than
 * {@link #CHUNK}); after a resume they start from the restored weights, which are the weights of the
 * checkpoint's own record.
 */
final class HealthProbe implements AutoCloseable {

  /** Bins of each histogram. */
  static final int BINS = 30;
  /** Tensors up to this size are read whole; larger ones through a strided sample. */
  static final int CHUNK = 1 << 22;
  /** Values the percentiles of a large tensor are computed from (an evenly strided subset). */
  static final int SAMPLE = 1 << 16;

  /** A weighted layer: its path, DJL block, and the path of the ReLU right after it (null: none counted). */
  record Layer(String path, String type, int units, Block block, String relu) {}

  private final List<LayerSpec> units;
  private final Block net;
  private final List<Layer> layers;
  private final int[] probes;
  private final BatchMaker maker;
  private final Map<String, float[]> previous = new HashMap<>();
  private final Map<String, Distribution> gradients = new HashMap<>();
  private long tapNanos;

  HealthProbe(NetworkSpec spec, Block net, int[] probeIndices, BatchMaker maker) {
    this.units = spec.units();
    this.net = net;
    this.layers = weighted(spec.units(), net);
    this.probes = probeIndices.clone();
    this.maker = maker;
  }

  List<Layer> layers() {
    return List.copyOf(layers);
  }

  /** The batches of the first epoch, besides its last, that get a record: 1/16, 1/8, 1/4 and 1/2 of the way. */
  static int[] firstEpochBatches(int batchesPerEpoch) {
    return Arrays.stream(new int[] {16, 8, 4, 2}).map(d -> Math.round((float) batchesPerEpoch / d))
        .filter(b -> b >= 1 && b < batchesPerEpoch).distinct().toArray();
  }

  /** Whether batch {@code batch} of {@code epoch} ends with a record. */
  static boolean due(int epoch, int batch, int batchesPerEpoch) {
    return batch == batchesPerEpoch
        || epoch == 1 && Arrays.stream(firstEpochBatches(batchesPerEpoch)).anyMatch(b -> b == batch);
  }

  /** Before the update: the distribution of each layer's weight gradient, kept for the next record. */
  void tap() {
    long t = System.nanoTime();
    gradients.clear();
    try (NDScope scope = new NDScope()) {
      for (Layer l : layers) {
        gradients.put(l.path(), distribution(values(weight(l).getGradient())));
      }
    }
    tapNanos += System.nanoTime() - t;
  }

  /** Takes the weights as they are now as the base of the next record's change (after a resume). */
  void remember() {
    try (NDScope scope = new NDScope()) {
      for (Layer l : layers) {
        previous.put(l.path(), values(weight(l)));
      }
    }
  }

  /** The record for the weights as they are now; the gradients are those of the last {@link #tap}. */
  LayerHealth record(NDManager manager, double elapsed, int epoch, int batch, int batchesPerEpoch, long step) {
    long t = System.nanoTime();
    Map<String, Integer> dead = deadUnits(manager);
    List<LayerStats> stats = new ArrayList<>(layers.size());
    try (NDScope scope = new NDScope()) {
      for (Layer l : layers) {
        NDArray w = weight(l);
        float[] now = values(w);
        float[] before = previous.put(l.path(), now);
        double change = before == null ? Double.NaN : change(now, before, 0, now.length);
        float[] unitChange = new float[0];
        if (before != null && now.length == w.size() && w.getShape().dimension() == 4) { // a convolution, whole
          int per = now.length / l.units();
          unitChange = new float[l.units()];
          for (int u = 0; u < unitChange.length; u++) unitChange[u] = (float) change(now, before, u * per, per);
        }
        stats.add(new LayerStats(l.path(), l.type(), l.units(), distribution(now), gradients.get(l.path()), change,
            unitChange, dead.getOrDefault(l.path(), -1)));
      }
    }
    gradients.clear();
    double seconds = (System.nanoTime() - t + tapNanos) / 1e9;
    tapNanos = 0;
    return new LayerHealth(elapsed, epoch, batch, batchesPerEpoch, step, probes.length, seconds, stats);
  }

  /** ‖now − before‖ / ‖before‖ over {@code length} values from {@code from} (NaN when before is all zero). */
  static double change(float[] now, float[] before, int from, int length) {
    double diff = 0, size = 0;
    for (int i = from; i < from + length; i++) {
      double d = (double) now[i] - before[i];
      diff += d * d;
      size += (double) before[i] * before[i];
    }
    return size > 0 ? Math.sqrt(diff / size) : Double.NaN;
  }

  @Override
  public void close() {
    previous.clear();
  }

  private static NDArray weight(Layer l) {
    return l.block().getParameters().get("weight").getArray();
  }

  /**
   * A tensor's values as Java floats: all of them up to {@link #CHUNK}; of a larger one (AlexNet's and
   * VGG's dense layers hold 17–103 M weights) every k-th, at least {@link #SAMPLE} — copying and keeping
   * all of those cost seconds per record, a strided sample estimates the same spread and change. Call
   * inside an NDScope.
   */
  static float[] values(NDArray a) {
    long n = a.size();
    if (n <= CHUNK) {
      return a.toFloatArray();
    }
    long stride = n / SAMPLE;
    return a.flatten().get(new NDIndex("::{}", stride)).toFloatArray();
  }

  /** Histogram and percentiles (of at most {@link #SAMPLE} evenly strided values). */
  static Distribution distribution(float[] v) {
    Histogram h = Histogram.of(v, BINS);
    return new Distribution(h.min(), h.max(), h.counts(),
        Percentiles.of(Percentiles.sample(v, SAMPLE), LayerHealth.BASIS_POINTS));
  }

  /** Dead units of every layer with a counted ReLU, from one forward pass of the probe images. */
  private Map<String, Integer> deadUnits(NDManager manager) {
    Map<String, Integer> byLayer = new HashMap<>();
    Map<String, String> layerOfRelu = new HashMap<>();
    for (Layer l : layers) {
      if (l.relu() != null) layerOfRelu.put(l.relu(), l.path());
    }
    if (layerOfRelu.isEmpty() || probes.length == 0) {
      return byLayer;
    }
    try (NDManager bm = manager.newSubManager()) {
      NDList x = new NDList(maker.batch(bm, probes, 0, probes.length, null, null).get(0));
      forward(new ParameterStore(manager, false), units, net, x, "", layerOfRelu, byLayer);
    }
    return byLayer;
  }

  /** The forward pass through a sequence, into nested blocks that are sequences, counting at the ReLUs asked for. */
  private static NDList forward(ParameterStore ps, List<LayerSpec> layers, Block seq, NDList x, String prefix,
      Map<String, String> layerOfRelu, Map<String, Integer> out) {
    var children = seq.getChildren();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      Block b = children.get(i).getValue();
      String path = prefix + l.name();
      x = l instanceof LayerSpec.Sequence s ? forward(ps, s.layers(), b, x, path + "/", layerOfRelu, out)
          : b.forward(ps, x, false);
      String layer = layerOfRelu.get(path);
      if (layer != null) {
        NDArray a = x.singletonOrThrow();
        int images = (int) a.getShape().get(0);
        int channels = (int) a.getShape().get(1);
        float[] all = a.toFloatArray();
        int per = all.length / images;
        List<float[]> maps = new ArrayList<>(images);
        for (int k = 0; k < images; k++) maps.add(Arrays.copyOfRange(all, k * per, (k + 1) * per));
        out.put(layer, DeadUnits.count(DeadUnits.dead(maps, channels)));
      }
    }
    return x;
  }

  /**
   * Every convolution and dense layer of the network with its DJL block (the spec's tree and the
   * block's children run in parallel, as {@code ToDjl} builds them). A ReLU is counted for a layer
   * followed by one (batch norm in between allowed) in the top-level sequence or a nested sequence —
   * the parts whose every output the probe pass sees; inside an Inception or a residual unit it is not.
   */
  static List<Layer> weighted(List<LayerSpec> units, Block net) {
    List<Layer> out = new ArrayList<>();
    collect(units, blocks(net), "", true, out);
    return out;
  }

  private static List<Block> blocks(Block b) {
    return b.getChildren().values();
  }

  private static void collect(List<LayerSpec> layers, List<Block> blocks, String prefix, boolean countable,
      List<Layer> out) {
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      Block b = blocks.get(i);
      String path = prefix + l.name();
      if (l instanceof LayerSpec.Conv c) {
        out.add(new Layer(path, l.type(), c.channels(), b, countable ? reluAfter(layers, i, prefix) : null));
      } else if (l instanceof LayerSpec.Dense d) {
        out.add(new Layer(path, l.type(), d.units(), b, countable ? reluAfter(layers, i, prefix) : null));
      } else if (l instanceof LayerSpec.Sequence s) {
        collect(s.layers(), blocks(b), path + "/", countable, out);
      } else if (l instanceof LayerSpec.Concat c) {
        collect(c.paths(), blocks(b), path + "/", false, out);
      } else if (l instanceof LayerSpec.Residual r) {
        List<Block> sum = blocks(r.after() == null ? b : blocks(b).get(0)); // (main, shortcut)
        collect(r.main(), blocks(sum.get(0)), path + "/", false, out);
        collect(List.of(r.shortcut()), List.of(sum.get(1)), path + "/", false, out);
      }
    }
  }

  private static String reluAfter(List<LayerSpec> layers, int i, String prefix) {
    int j = i + 1;
    while (j < layers.size() && layers.get(j) instanceof LayerSpec.BatchNorm) j++;
    return j < layers.size() && layers.get(j) instanceof LayerSpec.Activation a && a.fn() == LayerSpec.Fn.RELU
        ? prefix + a.name() : null;
  }
}
