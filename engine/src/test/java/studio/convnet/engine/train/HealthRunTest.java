package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunEvent.LayerStats;
import studio.convnet.engine.events.SameEvents;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.TestData.Recorder;

class HealthRunTest {

  @TempDir Path tmp;

  @Test
  void aShortRunRecordsEveryWeightedLayersHealthAndItReadsBackTheSame() throws Exception {
    // lenet-modern: 256 images in batches of 64 = 4 batches; records at the start, after batches 1, 2 and at the end
    TrainingConfig c = TestData.quick().setEpochs(1).optMaxTrainExamples(256).optMaxTestExamples(100).build();
    RunWriter w = RunWriter.create(tmp, c.record(), c.spec());
    Recorder r = new Recorder();
    TrainingSession s = new TrainingSession(c).dataset(TestData.fashion()).runFolder(w.folder()).addListener(w)
        .addListener(r);
    s.start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();
    w.close();
    assertThat(w.error()).isNull();

    List<LayerHealth> live = r.of(LayerHealth.class);
    assertThat(live).extracting(LayerHealth::step).containsExactly(0L, 1L, 2L, 4L);
    assertThat(live).extracting(LayerHealth::epochX).containsExactly(0.0, 0.25, 0.5, 1.0);
    for (LayerHealth h : live) {
      assertThat(h.layers()).extracting(LayerStats::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
      assertThat(h.probeImages()).isEqualTo(10);
      LayerStats conv1 = h.layer("conv1").orElseThrow();
      assertThat(conv1.dead()).as("conv1 → bn1 → relu1: counted").isBetween(0, 6);
      assertThat(h.layer("fc3").orElseThrow().deadCounted()).isFalse();
      assertThat(conv1.weights().counts()).hasSize(HealthProbe.BINS);
      assertThat(java.util.Arrays.stream(conv1.weights().counts()).sum()).isEqualTo(6 * 25);
      if (h.step() == 0) {
        assertThat(conv1.change()).isNaN();
        assertThat(conv1.gradients()).isNull();
      } else {
        assertThat(conv1.change()).isPositive();
        assertThat(conv1.unitChange()).hasSize(6);
        assertThat(conv1.gradients().max()).isGreaterThan(conv1.gradients().min());
      }
    }

    List<RunEvent> read = RunReader.readAll(w.folder());
    List<RunEvent> recorded = read.stream().filter(e -> e instanceof LayerHealth).toList();
    SameEvents.assertSameList(recorded, List.copyOf(live));

    // the CLI's table of the same folder; a recording made before health records says so
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = studio.convnet.engine.cli.ConvNetCli.run(new String[] {"runs", "health", w.folder().toString()},
        new java.io.PrintWriter(out), new java.io.PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("4 health records, steps 0–4").contains("cost ").contains("\nconv1  (Conv2d, 6 units)")
        .contains("fc3  (Linear, 10 units)");
    long conv1Rows = out.toString().lines().dropWhile(l -> !l.startsWith("conv1")).skip(2).takeWhile(l -> !l.isBlank())
        .count();
    assertThat(conv1Rows).isEqualTo(4);
    java.io.StringWriter err2 = new java.io.StringWriter();
    int old = studio.convnet.engine.cli.ConvNetCli.run(new String[] {"runs", "health", "../assets/runs/lenet-book-10-epochs"},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err2));
    assertThat(old).isNotZero();
    assertThat(err2.toString()).contains("lenet-book-10-epochs").contains("filter health was not recorded in this run");
  }

  @Test
  void makingRecordsDoesNotChangeTraining() {
    // the same steps with and without a record after each one end with bit-identical weights
    TrainingConfig c = TestData.quick().optOptimizer(TrainingConfig.OptimizerKind.SGD_MOMENTUM).setLearningRate(0.1)
        .build();
    ImageDataset data = TestData.fashion();
    BatchMaker maker = new BatchMaker(data.trainImages(), data.trainLabels(), 1, 28);
    float[][] plain = train(c, maker, false);
    float[][] recorded = train(c, maker, true);
    assertThat(recorded).hasSameDimensionsAs(plain);
    for (int i = 0; i < plain.length; i++) {
      for (int k = 0; k < plain[i].length; k++) {
        assertThat(Float.floatToRawIntBits(recorded[i][k])).as("parameter %d [%d]", i, k)
            .isEqualTo(Float.floatToRawIntBits(plain[i][k]));
      }
    }
  }

  private static float[][] train(TrainingConfig c, BatchMaker maker, boolean health) {
    EngineSupport.engine().setRandomSeed(11);
    JniUtils.setGradMode(false);
    int[] order = BatchMaker.subset(512, 512, 3);
    try (Trainers.Setup setup = Trainers.open(c, ai.djl.Device.cpu());
        HealthProbe probe = new HealthProbe(c.spec(), setup.block(), new int[] {0, 1, 2, 3}, maker)) {
      if (health) probe.record(setup.trainer().getManager(), 0, 0, 0, 4, 0);
      for (int b = 0; b < 2; b++) {
        try (NDManager bm = setup.trainer().getManager().newSubManager()) {
          NDList xy = maker.batch(bm, order, b * 64, b * 64 + 64, null, null);
          Trainers.step(setup, xy, true, Precision.FP32, false, null, health ? probe::tap : null);
        }
        if (health) probe.record(setup.trainer().getManager(), 0, 1, b + 1, 4, b + 1);
      }
      return setup.block().getParameters().values().stream().map(Parameter::getArray)
          .map(a -> a.toFloatArray()).toArray(float[][]::new);
    }
  }
}
