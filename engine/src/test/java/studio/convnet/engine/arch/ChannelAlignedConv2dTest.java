package studio.convnet.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.train.EngineSupport;

/**
 * The convolution our networks are built from (ToDjl's Conv) against the definition, computed in
 * plain Java doubles: the output, the input's gradient, the weight's and the bias's, for the shapes
 * that PyTorch 2.5.1's oneDNN got wrong on the build machine (input or output channels not a
 * multiple of 16, kernels above 1×1; see {@link ToDjl.ChannelAlignedConv2d}), the chapter's own cases
 * (DenseNet's 120 → 32 on a 1×1 map, NiN's 384 → 10) and shapes that need no padding. Without
 * the padding, 9 of these 14 shapes gave errors of 0.6–2.4 every time, and the 1×1 maps NaN in most
 * rounds (DenseNet's in 26 of 30 single tries with NaN left in freed memory, NiN's in 2 of 30).
 */
class ChannelAlignedConv2dTest {

  /** Each shape is checked this many times, each time after {@link #leaveNaNInFreedMemory}. */
  private static final int ROUNDS = 4;

  @ParameterizedTest(name = "{0}x{1}x{2}x{2} -> {3}, {4}x{4} stride {5} pad {6}")
  @CsvSource({
      "4,120,8,32,3,1,1", // forward wrong without the padding: errors up to 0.84
      "32,120,1,32,3,1,1", // DenseNet dense_blk4/conv1 at 32 px (the NaN of the chapter test)
      "4,384,1,10,3,1,1", // NiN's last block at 96 px
      "4,32,4,10,3,1,1", // input gradient wrong without the padding (10 output channels)
      "4,16,8,6,3,1,1",
      "4,24,4,40,5,1,2", // GoogLeNet's 5x5 path of inception4b/4c has 24 input channels
      "4,24,8,40,3,2,1",
      "4,48,8,16,3,2,1", // stride 2: input gradient wrong with 3 blocks of 16 input channels
      "4,33,5,16,5,2,2",
      "4,10,8,20,3,1,1",
      "4,6,8,16,5,1,2", // LeNet's conv2: nothing to pad
      "4,1,12,6,5,1,2", // a first layer: no input gradient, nothing to pad
      "4,120,8,10,1,1,0", // 1x1 kernels are left alone
      "4,128,4,32,3,1,1"})
  void givesTheConvolutionsOutputAndGradients(int n, int cin, int hw, int cout, int k, int s, int p) {
    EngineSupport.engine();
    Random rnd = new Random(7 + cin * 31L + cout);
    float[] xs = normal(rnd, n * cin * hw * hw, 1);
    float[] ws = normal(rnd, cout * cin * k * k, 0.2f);
    float[] bs = normal(rnd, cout, 1);
    int oh = (hw + 2 * p - k) / s + 1;
    float[] gs = normal(rnd, n * cout * oh * oh, 1); // the gradient arriving from above
    boolean needsInputGradient = cin > 1;

    Reference ref = new Reference(n, cin, hw, cout, k, s, p, xs, ws, bs, gs);
    for (int round = 1; round <= ROUNDS; round++) {
      try (NDManager m = NDManager.newBaseManager()) {
        Block conv = ToDjl.block(new LayerSpec.Conv("conv", cout, k, s, p));
        conv.initialize(m, DataType.FLOAT32, new Shape(n, cin, hw, hw));
        Parameter weight = conv.getParameters().get("weight");
        Parameter bias = conv.getParameters().get("bias");
        weight.getArray().set(ws);
        bias.getArray().set(bs);
        NDArray x = m.create(xs, new Shape(n, cin, hw, hw));
        x.setRequiresGradient(needsInputGradient);
        leaveNaNInFreedMemory(m);
        float[] y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = conv.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
          assertThat(out.getShape()).isEqualTo(new Shape(n, cout, oh, oh));
          y = out.toFloatArray();
          gc.backward(out.mul(m.create(gs, out.getShape())).sum());
        }
        assertClose(round, "output", y, ref.y);
        if (needsInputGradient) {
          assertClose(round, "input gradient", x.getGradient().toFloatArray(), ref.dx);
        }
        assertClose(round, "weight gradient", weight.getArray().getGradient().toFloatArray(), ref.dw);
        assertClose(round, "bias gradient", bias.getArray().getGradient().toFloatArray(), ref.db);
      }
    }
  }

  /**
   * Fills and frees buffers of 1 KB to 8 MB with NaN, so that memory the convolution gets next holds
   * NaN patterns, as it may after earlier work in a long-lived process (the chapter test's NaN).
   */
  private static void leaveNaNInFreedMemory(NDManager m) {
    for (long size = 256; size <= (1L << 21); size = size * 3 / 2) {
      try (NDArray nan = m.full(new Shape(size), Float.NaN)) {
        nan.getShape();
      }
    }
  }

  @Test
  void keepsDjlsParametersAndOutputShapes() {
    EngineSupport.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      Shape in = new Shape(2, 120, 1, 1);
      Block ours = ToDjl.block(new LayerSpec.Conv("conv1", 32, 3, 1, 1));
      Block djl = Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3))
          .optPadding(new Shape(1, 1)).build();
      ours.initialize(m, DataType.FLOAT32, in);
      djl.initialize(m, DataType.FLOAT32, in);
      assertThat(ours).isInstanceOf(Conv2d.class);
      assertThat(names(ours)).containsExactlyElementsOf(names(djl)).containsExactly(
          "weight (32, 120, 3, 3)", "bias (32)");
      assertThat(ours.getOutputShapes(new Shape[] {in})).containsExactly(djl.getOutputShapes(new Shape[] {in}));
    }
  }

  private static List<String> names(Block b) {
    List<String> out = new ArrayList<>();
    b.getParameters().forEach(pr -> out.add(pr.getKey() + " " + pr.getValue().getArray().getShape()));
    return out;
  }

  private static float[] normal(Random rnd, int size, float scale) {
    float[] a = new float[size];
    for (int i = 0; i < size; i++) {
      a[i] = (float) rnd.nextGaussian() * scale;
    }
    return a;
  }

  private static void assertClose(int round, String what, float[] got, double[] want) {
    assertThat(got).as(what).hasSize(want.length);
    double worst = 0;
    int at = -1;
    for (int i = 0; i < want.length; i++) {
      double err = Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i]));
      if (!(err <= worst)) { // NaN counts as worst
        worst = err;
        at = i;
      }
    }
    assertThat(worst).as("round %d, %s: largest error at %d (got %s, want %s)", round, what, at,
        at < 0 ? "" : got[at], at < 0 ? "" : want[at]).isLessThan(1e-4);
  }

  /** The convolution and its gradients by the definition, zero padding taken literally. */
  private static final class Reference {
    final double[] y;
    final double[] dx;
    final double[] dw;
    final double[] db;

    Reference(int n, int cin, int hw, int cout, int k, int s, int p,
        float[] x, float[] w, float[] b, float[] g) {
      int oh = (hw + 2 * p - k) / s + 1;
      y = new double[n * cout * oh * oh];
      dx = new double[x.length];
      dw = new double[w.length];
      db = new double[cout];
      for (int ni = 0; ni < n; ni++) {
        for (int o = 0; o < cout; o++) {
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < oh; j++) {
              int yi = ((ni * cout + o) * oh + i) * oh + j;
              double sum = b[o];
              for (int c = 0; c < cin; c++) {
                for (int di = 0; di < k; di++) {
                  for (int dj = 0; dj < k; dj++) {
                    int r = i * s + di - p;
                    int q = j * s + dj - p;
                    if (r < 0 || q < 0 || r >= hw || q >= hw) {
                      continue;
                    }
                    int xi = ((ni * cin + c) * hw + r) * hw + q;
                    int wi = ((o * cin + c) * k + di) * k + dj;
                    sum += (double) x[xi] * w[wi];
                    dx[xi] += (double) g[yi] * w[wi];
                    dw[wi] += (double) g[yi] * x[xi];
                  }
                }
              }
              y[yi] = sum;
              db[o] += g[yi];
            }
          }
        }
      }
    }
  }
}
