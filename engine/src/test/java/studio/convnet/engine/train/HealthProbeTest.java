package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ToDjl;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunEvent.LayerStats;

/** The health record's numbers on a tiny network whose weights are set by hand. */
class HealthProbeTest {

  private static final NetworkSpec TINY = new NetworkSpec("t", "t", "test", 1, 28, 10, List.of(
      new LayerSpec.Conv("conv1", 2, 1, 1, 0), new LayerSpec.Activation("relu1", LayerSpec.Fn.RELU),
      new LayerSpec.Flatten("flatten"), new LayerSpec.Dense("fc", 10)));

  private static void set(Block net, int child, String param, float... values) {
    NDArray a = net.getChildren().get(child).getValue().getParameters().get(param).getArray();
    a.set(values);
  }

  @Test
  void changeDeadUnitsAndDistributionsOfHandMadeFilters() {
    EngineSupport.engine();
    JniUtils.setGradMode(false);
    ImageDataset data = TestData.fashion();
    BatchMaker maker = new BatchMaker(data.testImages(), data.testLabels(), 1, 28);
    try (Model model = Model.newInstance("tiny")) {
      Block net = ToDjl.build(TINY);
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
      // filter 0: -x - 0.1 < 0 on every image (pixels are ≥ 0): dead; filter 1: x + 0.1 > 0: alive
      set(net, 0, "weight", -1, 1);
      set(net, 0, "bias", -0.1f, 0.1f);
      try (HealthProbe probe = new HealthProbe(TINY, net, new int[] {0, 1, 2}, maker)) {
        assertThat(probe.layers()).extracting(HealthProbe.Layer::path).containsExactly("conv1", "fc");
        LayerHealth first = probe.record(model.getNDManager(), 1.5, 0, 0, 8, 0);
        assertThat(first.probeImages()).isEqualTo(3);
        assertThat(first.epochX()).isZero();
        LayerStats conv = first.layer("conv1").orElseThrow();
        assertThat(conv.units()).isEqualTo(2);
        assertThat(conv.dead()).isEqualTo(1);
        assertThat(first.layer("fc").orElseThrow().deadCounted()).as("no ReLU after the last layer").isFalse();
        assertThat(conv.change()).isNaN();
        assertThat(conv.gradients()).isNull();
        // weights {-1, 1}: one in the first of 30 bins, one in the last; the median halfway
        assertThat(conv.weights().min()).isEqualTo(-1);
        assertThat(conv.weights().max()).isEqualTo(1);
        long[] counts = conv.weights().counts();
        assertThat(counts).hasSize(HealthProbe.BINS);
        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[HealthProbe.BINS - 1]).isEqualTo(1);
        assertThat(conv.weights().percentiles()).containsExactly(new float[] {-1f, -0.8664f, -0.6826f, -0.383f, 0f,
            0.383f, 0.6826f, 0.8664f, 1f}, within(1e-6f));

        // a "loss" of 3·Σw gives every weight of conv1 the gradient 3 and fc's none
        NDArray w = net.getChildren().get(0).getValue().getParameters().get("weight").getArray();
        try (GradientCollector gc = EngineSupport.engine().newGradientCollector()) {
          gc.backward(w.mul(3).sum());
        }
        probe.tap();
        // filter 0 keeps its weight, filter 1 doubles: per filter 0 and 1, the layer √(1/2)
        set(net, 0, "weight", -1, 2);
        LayerHealth second = probe.record(model.getNDManager(), 2.5, 1, 4, 8, 4);
        assertThat(second.epochX()).isEqualTo(0.5);
        LayerStats after = second.layer("conv1").orElseThrow();
        assertThat(after.unitChange()).containsExactly(0f, 1f);
        assertThat(after.change()).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(after.gradients().min()).isEqualTo(3);
        assertThat(after.gradients().median()).isEqualTo(3f);
        assertThat(after.dead()).isEqualTo(1);
        assertThat(second.layer("fc").orElseThrow().change()).as("fc untouched").isZero();
        assertThat(second.layer("fc").orElseThrow().unitChange()).as("per unit only for convolutions").isEmpty();

        // the next record measures from the second: all of it grows by a tenth
        set(net, 0, "weight", -1.1f, 2.2f);
        LayerStats third = probe.record(model.getNDManager(), 3, 1, 8, 8, 8).layer("conv1").orElseThrow();
        assertThat(third.change()).isCloseTo(0.1, within(1e-6));
        assertThat(third.gradients()).as("no batch trained since the last tap").isNull();
      }
    }
  }

  @Test
  void weightedLayersAreFoundByPathInsideBlocksAndReluIsCountedWhereTheProbePassSeesIt() {
    List<HealthProbe.Layer> alex = HealthProbe.weighted(Zoo.get("alexnet").units(), ToDjl.build(Zoo.get("alexnet")));
    assertThat(alex).extracting(HealthProbe.Layer::path)
        .containsExactly("conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3");
    assertThat(alex.get(0).relu()).isNotNull();
    assertThat(alex.get(7).relu()).isNull();
    assertThat(HealthProbe.weighted(Zoo.get("lenet").units(), ToDjl.build(Zoo.get("lenet"))))
        .as("sigmoid LeNet has no ReLU to die").allMatch(l -> l.relu() == null);
    NetworkSpec g = Zoo.get("googlenet");
    List<HealthProbe.Layer> goog = HealthProbe.weighted(g.units(), ToDjl.build(g));
    assertThat(goog).extracting(HealthProbe.Layer::path).contains("b3/inception3a/b2/conv2");
    assertThat(goog.stream().filter(l -> l.path().contains("inception")).allMatch(l -> l.relu() == null)).isTrue();
    NetworkSpec r = Zoo.get("resnet18");
    assertThat(HealthProbe.weighted(r.units(), ToDjl.build(r))).extracting(HealthProbe.Layer::path)
        .contains("b3/unit1/conv1", "b3/unit1/shortcut");
    NetworkSpec v = Zoo.get("vgg11");
    assertThat(HealthProbe.weighted(v.units(), ToDjl.build(v)).get(0).relu()).as("inside a VGG block")
        .isNotNull();
  }

  @Test
  void aLayerLargerThanAChunkIsReadThroughAnEvenlyStridedSample() {
    EngineSupport.engine();
    try (ai.djl.ndarray.NDManager m = EngineSupport.engine().newBaseManager();
        ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
      float[] small = HealthProbe.values(m.arange(0f, 1000f));
      assertThat(small).hasSize(1000);
      // 5 000 000 values: every 76th (5 000 000 / 65 536 = 76.3), at least SAMPLE of them
      float[] v = HealthProbe.values(m.arange(0f, 5_000_000f));
      assertThat(v).hasSize(65_790);
      assertThat(v.length).isGreaterThanOrEqualTo(HealthProbe.SAMPLE);
      assertThat(v[0]).isZero();
      assertThat(v[1]).isEqualTo(76f);
      assertThat(v[v.length - 1]).isEqualTo(76f * (v.length - 1));
      // relative change of the same sample, moved by a tenth
      float[] moved = v.clone();
      for (int i = 0; i < moved.length; i++) moved[i] *= 1.1f;
      assertThat(HealthProbe.change(moved, v, 0, v.length)).isCloseTo(0.1, within(1e-6));
    }
  }

  @Test
  void theFirstEpochIsRecordedAFewTimesEarlyOn() {
    assertThat(HealthProbe.firstEpochBatches(47)).containsExactly(3, 6, 12, 24);
    assertThat(HealthProbe.firstEpochBatches(2)).containsExactly(1);
    assertThat(HealthProbe.firstEpochBatches(1)).isEmpty();
    assertThat(HealthProbe.due(1, 12, 47)).isTrue();
    assertThat(HealthProbe.due(2, 12, 47)).isFalse();
    assertThat(HealthProbe.due(2, 47, 47)).isTrue();
  }
}
