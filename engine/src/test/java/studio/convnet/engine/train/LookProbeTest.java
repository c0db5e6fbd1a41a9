package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.insight.ClassActivationMap;
import studio.convnet.engine.insight.Saliency;

class LookProbeTest {

  private static final LookProbe.Meta META = new LookProbe.Meta(1, 1, 1, 0, 0);

  /** A network that reads one input pixel, (5, 7), and maps it to ten scores. */
  private static Block onePixelNetwork(NDManager m) {
    SequentialBlock b = new SequentialBlock()
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, :, 5, 7").reshape(-1, 1))))
        .add(Linear.builder().setUnits(10).build());
    b.setInitializer(new NormalInitializer(1f), Parameter.Type.WEIGHT);
    b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
    return b;
  }

  @Test
  void theSaliencyOfANetworkThatReadsOnePixelIsThatPixelAlone() {
    EngineSupport.engine();
    JniUtils.setGradMode(false);
    try (Model model = Model.newInstance("one-pixel")) {
      Block net = onePixelNetwork(model.getNDManager());
      model.setBlock(net);
      float[] input = new float[144];
      new Random(3).ints(144, 0, 100).forEach(new java.util.function.IntConsumer() {
        int i;
        public void accept(int v) { input[i++] = v / 100f; }
      });
      NetworkSpec spec = spec(List.of(new LayerSpec.Flatten("f"), new LayerSpec.Dense("d", 10)));
      LookMaps s = new LookProbe(spec).saliency(net, model.getNDManager(), input, 1, 12, new int[] {3, 3, 8}, META);
      assertThat(s.classes()).containsExactly(3, 8);
      assertThat(s.mapShape()).containsExactly(12, 12);
      float[] w = net.getChildren().get(1).getValue().getParameters().get("weight").getArray().toFloatArray();
      for (int m = 0; m < 2; m++) {
        assertThat(Saliency.peak(s.maps(), m, 12, 12)).containsExactly(5, 7);
        float[] map = s.map(s.classes()[m]).orElseThrow();
        // d score_c / d x(5,7) is the class's weight; every other pixel has no effect at all
        assertThat(map[5 * 12 + 7]).isCloseTo(Math.abs(w[s.classes()[m]]), within(1e-6f));
        float rest = 0;
        for (int i = 0; i < 144; i++) if (i != 5 * 12 + 7) rest += map[i];
        assertThat(rest).isZero();
      }
      // looking left no gradient on the weights for the next training step
      for (Parameter p : net.getParameters().values()) {
        NDArray a = p.getArray();
        if (a.hasGradient()) {
          assertThat(a.getGradient().abs().sum().getFloat()).as(p.getName()).isZero();
        }
      }
    }
  }

  private static NetworkSpec spec(List<LayerSpec> layers) {
    return new NetworkSpec("t", "t", "test", 1, 12, 10, layers);
  }

  @Test
  void theClassMapsOfAGapNetworkAreTheWeightedLastFeatureMapsAndAverageToTheScores() {
    EngineSupport.engine();
    JniUtils.setGradMode(false);
    NetworkSpec spec = spec(List.of(
        new LayerSpec.Conv("conv1", 6, 3, 1, 1), new LayerSpec.Activation("relu1", LayerSpec.Fn.RELU),
        new LayerSpec.Conv("conv2", 8, 3, 2, 1), new LayerSpec.Activation("relu2", LayerSpec.Fn.RELU),
        new LayerSpec.GlobalAvgPool("gap"), new LayerSpec.Flatten("flatten"), new LayerSpec.Dense("fc", 10)));
    try (Model model = Model.newInstance("gap")) {
      Block net = ToDjl.build(spec);
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 12, 12));
      float[] input = new float[144];
      Random r = new Random(5);
      for (int i = 0; i < input.length; i++) input[i] = r.nextFloat();
      LookMaps cam = new LookProbe(spec).cam(net, model.getNDManager(), input, 1, 12, META).orElseThrow();
      assertThat(cam.layer()).isEqualTo("relu2");
      assertThat(cam.mapShape()).containsExactly(6, 6);
      assertThat(cam.classes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

      // the last feature maps and the logits, computed here on their own
      NDManager m = model.getNDManager();
      ParameterStore ps = new ParameterStore(m, false);
      NDList x = new NDList(m.create(input, new Shape(1, 1, 12, 12)));
      var children = net.getChildren();
      for (int i = 0; i < 4; i++) x = children.get(i).getValue().forward(ps, x, false);
      float[] features = x.singletonOrThrow().toFloatArray();
      float[] logits = net.forward(ps, new NDList(m.create(input, new Shape(1, 1, 12, 12))), false)
          .singletonOrThrow().toFloatArray();
      var fc = children.get(6).getValue().getParameters();
      float[] w = fc.get("weight").getArray().toFloatArray();
      float[] b = fc.get("bias").getArray().toFloatArray();
      float[] maps = cam.maps();
      for (int c = 0; c < 10; c++) {
        for (int p = 0; p < 36; p++) {
          double sum = 0;
          for (int k = 0; k < 8; k++) sum += w[c * 8 + k] * features[k * 36 + p];
          assertThat((double) maps[c * 36 + p]).isCloseTo(sum, within(1e-5));
        }
        assertThat(ClassActivationMap.mean(maps, c, 36) + b[c]).as("class %d", c).isCloseTo(logits[c], within(1e-4));
        assertThat(cam.scores()[c]).isCloseTo(logits[c], within(1e-5f));
      }
      assertThat(cam.predicted()).isEqualTo(LookProbe.argMax(logits));
    }
  }

  @Test
  void aNetworkWithoutGlobalPoolingHasNoClassMaps() {
    NetworkSpec spec = spec(List.of(new LayerSpec.Conv("c", 2, 3, 1, 1), new LayerSpec.Flatten("f"),
        new LayerSpec.Dense("d", 10)));
    assertThat(new LookProbe(spec).hasCam()).isFalse();
  }
}
