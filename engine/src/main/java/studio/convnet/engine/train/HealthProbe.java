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
 * one without. The previous weights are kept as copies beside the model (one model's size); after a
 * resume they start from the restored weights, which are the weights of the checkpoint's own record.
 */
final class HealthProbe implements AutoCloseable {

  /** Bins of each histogram. */
  static final int BINS = 30;
  /** Floats copied out of a tensor at a time. */
  private static final int CHUNK = 1 << 22;
  /** Values the percentiles of a large tensor are computed from (an evenly strided subset). */
  static final int SAMPLE = 1 << 18;

  /** A weighted layer: its path, DJL block, and the path of the ReLU right after it (null: none counted). */
  record Layer(String path, String type, int units, Block block, String relu) {}

  private final List<LayerSpec> units;
  private final Block net;
  private final List<Layer> layers;
  private final int[] probes;
  private final BatchMaker maker;
  private final NDManager kept;
  private final Map<String, NDArray> previous = new HashMap<>();
  private final Map<String, Distribution> gradients = new HashMap<>();
  private long tapNanos;

  HealthProbe(NetworkSpec spec, Block net, NDManager parent, int[] probeIndices, BatchMaker maker) {
    this.units = spec.units();
    this.net = net;
    this.layers = weighted(spec.units(), net);
    this.probes = probeIndices.clone();
    this.maker = maker;
    this.kept = parent.newSubManager();
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
        gradients.put(l.path(), distribution(weight(l).getGradient()));
      }
    }
    tapNanos += System.nanoTime() - t;
  }

  /** Copies the weights as they are now as the base of the next record's change (after a resume). */
  void remember() {
    for (Layer l : layers) {
      NDArray w = weight(l);
      NDArray copy = w.duplicate();
      NDScope.unregister(copy); // kept past any scope, until the next record replaces it
      copy.attach(kept);
      NDArray old = previous.put(l.path(), copy);
      if (old != null) old.close();
    }
  }

  /** The record for the weights as they are now; the gradients are those of the last {@link #tap}. */
  LayerHealth record(NDManager manager, double elapsed, int epoch, int batch, int batchesPerEpoch, long step) {
    long t = System.nanoTime();
    Map<String, Integer> dead = deadUnits(manager);
    List<LayerStats> stats = new ArrayList<>(layers.size());
    for (Layer l : layers) {
      NDArray w = weight(l);
      Distribution weights;
      double change = Double.NaN;
      float[] unitChange = new float[0];
      try (NDScope scope = new NDScope()) {
        weights = distribution(w);
        NDArray before = previous.get(l.path());
        if (before != null) {
          NDArray d = w.sub(before);
          change = ratio(d.square().sum().getFloat(), before.square().sum().getFloat());
          if (w.getShape().dimension() == 4) { // a convolution: per filter
            float[] num = d.reshape(l.units(), -1).square().sum(new int[] {1}).toFloatArray();
            float[] den = before.reshape(l.units(), -1).square().sum(new int[] {1}).toFloatArray();
            unitChange = new float[num.length];
            for (int u = 0; u < num.length; u++) unitChange[u] = (float) ratio(num[u], den[u]);
          }
        }
      }
      stats.add(new LayerStats(l.path(), l.type(), l.units(), weights, gradients.get(l.path()), change, unitChange,
          dead.getOrDefault(l.path(), -1)));
    }
    remember();
    gradients.clear();
    double seconds = (System.nanoTime() - t + tapNanos) / 1e9;
    tapNanos = 0;
    return new LayerHealth(elapsed, epoch, batch, batchesPerEpoch, step, probes.length, seconds, stats);
  }

  /** √(num / den): the relative change from squared norms (NaN when the old weights are all zero). */
  static double ratio(double squaredDiff, double squaredBefore) {
    return squaredBefore > 0 ? Math.sqrt(squaredDiff / squaredBefore) : Double.NaN;
  }

  @Override
  public void close() {
    kept.close();
    previous.clear();
  }

  private static NDArray weight(Layer l) {
    return l.block().getParameters().get("weight").getArray();
  }

  /**
   * Histogram and percentiles of a tensor. Small tensors are copied out whole; a large one (AlexNet's
   * dense layers hold up to 38 M weights) is counted in chunks once its range is known, and its
   * percentiles come from every k-th value (at most {@link #SAMPLE}). Call inside an NDScope.
   */
  static Distribution distribution(NDArray a) {
    long n = a.size();
    if (n <= CHUNK) {
      float[] v = a.toFloatArray();
      Histogram h = Histogram.of(v, BINS);
      return new Distribution(h.min(), h.max(), h.counts(),
          Percentiles.of(Percentiles.sample(v, SAMPLE), LayerHealth.BASIS_POINTS));
    }
    NDArray flat = a.flatten();
    double lo = flat.min().getFloat();
    double hi = flat.max().getFloat();
    long[] counts = new long[BINS];
    for (long from = 0; from < n; from += CHUNK) {
      Histogram.count(flat.get(new NDIndex("{}:{}", from, Math.min(n, from + CHUNK))).toFloatArray(), lo, hi, counts);
    }
    long stride = (n + SAMPLE - 1) / SAMPLE;
    float[] sample = flat.get(new NDIndex("::{}", stride)).toFloatArray();
    Histogram h = Histogram.between(lo, hi, counts);
    return new Distribution(h.min(), h.max(), h.counts(), Percentiles.of(sample, LayerHealth.BASIS_POINTS));
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
