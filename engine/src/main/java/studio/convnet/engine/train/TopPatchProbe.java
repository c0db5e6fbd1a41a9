package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.insight.ReceptiveField;
import studio.convnet.engine.insight.TopActivations;
import studio.convnet.engine.insight.TopActivations.Hit;

/**
 * After each epoch: the test images that excite each filter of the first convolution most (and a few
 * channels of the second), with the input square the strongest unit sees. One forward pass in
 * inference mode over a fixed set of test images, unit by unit up to the deepest layer asked for;
 * per channel only the maximum and its position leave the engine ({@link TopActivations} keeps the
 * top k). The inputs are kept as floats to cut the patches at the end, so the patches are exactly
 * what the network was fed.
 */
final class TopPatchProbe {

  /** Hits kept per channel. */
  static final int K = 9;
  /** Test images searched each epoch. */
  static final int IMAGES = 256;
  /** Channels of the deeper layer that are kept (its first ones): patches of a deep layer are large. */
  static final int DEEP_CHANNELS = 24;

  /**
   * A layer to probe: unit index in the network, its receptive field, how many channels to keep and
   * the first of them (a DenseNet concat's own channels come after the ones it passes through).
   */
  record Target(int unit, String layer, ReceptiveField field, int channels, int offset) {}

  private final List<Target> targets;
  private final int[] images;

  private TopPatchProbe(List<Target> targets, int[] images) {
    this.targets = targets;
    this.images = images;
  }

  /**
   * The first convolution unit (all its filters) and the next convolution or block — an Inception, a
   * residual unit, a dense block's concat — (its first {@value #DEEP_CHANNELS} channels), when their
   * receptive fields are known; empty when there is none.
   */
  static Optional<TopPatchProbe> forNetwork(NetworkSpec spec, int size, int[] testIdx) {
    List<LayerSpec> units = spec.units();
    ShapeInference.Summary shapes = ShapeInference.infer(spec, size);
    List<Target> t = new ArrayList<>();
    for (int i = 0; i < units.size() && t.size() < 2; i++) {
      LayerSpec u = units.get(i);
      boolean deeper = !t.isEmpty() && (u instanceof LayerSpec.Residual || u instanceof LayerSpec.Concat);
      if (!(u instanceof LayerSpec.Conv) && !deeper) continue;
      Optional<ReceptiveField> rf = ReceptiveField.of(units, i);
      Optional<int[]> out = shapes.outShape(u.name());
      if (rf.isEmpty() || out.isEmpty()) break;
      int channels = out.get()[0];
      int offset = 0;
      if (u instanceof LayerSpec.Concat c && c.paths().get(0) instanceof LayerSpec.Identity && i > 0) {
        offset = shapes.outShape(units.get(i - 1).name()).map(s -> s[0]).orElse(0);
      }
      int keep = t.isEmpty() ? channels : Math.min(DEEP_CHANNELS, channels - offset);
      t.add(new Target(i, u.name(), rf.get(), keep, offset));
    }
    if (t.isEmpty() || testIdx.length == 0) return Optional.empty();
    return Optional.of(new TopPatchProbe(t, Arrays.copyOf(testIdx, Math.min(IMAGES, testIdx.length))));
  }

  List<Target> targets() {
    return targets;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TopPatchProbe.class);

  /** Runs the probe and emits its events (none when stopped on the way); logs the time it took. */
  void runTimed(Block block, NDManager manager, BatchMaker maker, int inChannels, int size, double elapsed,
      int epoch, long step, BooleanSupplier stop, java.util.function.Consumer<? super TopPatches> emit) {
    long t = System.nanoTime();
    List<TopPatches> events = run(block, manager, maker, inChannels, size, elapsed, epoch, step, stop);
    if (events != null) {
      events.forEach(emit);
    }
    LOG.info("top patches for epoch {} took {} ms", epoch, (System.nanoTime() - t) / 1_000_000);
  }

  /** Runs the probe; null when {@code stop} turned true on the way. */
  List<TopPatches> run(Block block, NDManager manager, BatchMaker maker, int inChannels, int size,
      double elapsed, int epoch, long step, BooleanSupplier stop) {
    ParameterStore ps = new ParameterStore(manager, false);
    var children = block.getChildren();
    int last = targets.get(targets.size() - 1).unit();
    List<TopActivations> tops = new ArrayList<>();
    for (Target t : targets) tops.add(new TopActivations(t.channels(), K));
    float[][] inputs = new float[images.length][];
    int per = inChannels * size * size;
    int bs = 64;
    for (int from = 0; from < images.length; from += bs) {
      if (stop.getAsBoolean()) return null;
      int to = Math.min(images.length, from + bs);
      try (NDManager bm = manager.newSubManager()) {
        NDList x = new NDList(maker.batch(bm, images, from, to, null, null).get(0));
        float[] all = x.singletonOrThrow().toFloatArray();
        for (int i = from; i < to; i++) inputs[i] = Arrays.copyOfRange(all, (i - from) * per, (i - from + 1) * per);
        int next = 0;
        for (int u = 0; u <= last; u++) {
          x = children.get(u).getValue().forward(ps, x, false);
          if (targets.get(next).unit() == u) {
            offer(tops.get(next), targets.get(next), x.singletonOrThrow(), from);
            next++;
          }
        }
      }
    }
    List<TopPatches> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      out.add(event(targets.get(i), tops.get(i), inputs, inChannels, size, elapsed, epoch, step));
    }
    return out;
  }

  /** Per image and channel: the maximum over positions and where it is. */
  private static void offer(TopActivations top, Target t, NDArray maps, int firstImage) {
    long[] s = maps.getShape().getShape(); // (n, c, h, w)
    int n = (int) s[0], w = (int) s[3];
    int channels = t.channels();
    NDArray kept = maps.get(":, " + t.offset() + ":" + (t.offset() + channels)).reshape(n, channels, -1);
    float[] max = kept.max(new int[] {2}).toFloatArray();
    long[] at = kept.argMax(2).toType(DataType.INT64, false).toLongArray();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        int pos = (int) at[i * channels + c];
        top.offer(c, firstImage + i, max[i * channels + c], pos / w, pos % w);
      }
    }
  }

  private TopPatches event(Target t, TopActivations top, float[][] inputs, int inChannels, int size,
      double elapsed, int epoch, long step) {
    ReceptiveField rf = t.field();
    int side = rf.size();
    int patch = inChannels * side * side;
    int[] ids = new int[t.channels()];
    int[] testIndices = new int[t.channels() * K];
    float[] acts = new float[t.channels() * K];
    float[] patches = new float[t.channels() * K * patch];
    Arrays.fill(testIndices, -1);
    for (int c = 0; c < t.channels(); c++) {
      ids[c] = t.offset() + c;
      List<Hit> hits = top.top(c);
      for (int h = 0; h < hits.size(); h++) {
        Hit hit = hits.get(h);
        testIndices[c * K + h] = images[hit.image()];
        acts[c * K + h] = hit.value();
        float[] p = rf.cut(inputs[hit.image()], inChannels, size, hit.y(), hit.x());
        System.arraycopy(p, 0, patches, (c * K + h) * patch, patch);
      }
    }
    return new TopPatches(elapsed, epoch, step, t.layer(), K, ids, new int[] {inChannels, side, side},
        testIndices, acts, patches);
  }
}
