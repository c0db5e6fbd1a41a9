package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.data.augment.AugmentationPipeline;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.train.TestData.Recorder;

/**
 * Issue 11: a run stopped after epoch 1 and resumed ends with the very same weights, optimizer state
 * and metrics as the uninterrupted run — compared bit for bit. (The kill -9 variant, with real
 * processes, is {@code KillResumeTest}.)
 */
public class ExactResumeTest {

  @TempDir Path tmp;

  static TrainingConfig config(String optimizer, boolean augment) {
    TrainingConfig.Builder b = TestData.quick().setEpochs(3).optMaxTrainExamples(384).optMaxTestExamples(100)
        .optOptimizer(TrainingConfig.OptimizerKind.valueOf(optimizer)).optMetricsEvery(2).optFilterEvery(3);
    if (!optimizer.equals("ADAM")) {
      b.setLearningRate(0.1);
    }
    if (augment) {
      AugmentationPipeline p = AugmentationPipeline.parse(List.of("hflip:p=0.5", "crop:scale=0.6-1"));
      b.optAugment(p.toSpecList()).optAugmentation(p);
    }
    return b.build();
  }

  static Path train(TrainingSession s, RunWriter w, Recorder r) throws Exception {
    s.dataset(TestData.fashion()).runFolder(w.folder()).addListener(w).addListener(r).start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();
    w.close();
    assertThat(w.error()).isNull();
    return w.folder();
  }

  /** Asserts two final checkpoints hold the same bits (parameters, optimizer state, counters). */
  public static void assertSameCheckpoint(Checkpoint a, Checkpoint b) {
    assertThat(b.epoch()).isEqualTo(a.epoch());
    assertThat(b.step()).isEqualTo(a.step());
    assertThat(b.meta()).isEqualTo(a.meta());
    List<Checkpoint.Tensor> ta = new ArrayList<>(a.tensors());
    ta.addAll(a.optimizer());
    List<Checkpoint.Tensor> tb = new ArrayList<>(b.tensors());
    tb.addAll(b.optimizer());
    assertThat(tb).hasSameSizeAs(ta);
    for (int i = 0; i < ta.size(); i++) {
      assertThat(tb.get(i).name()).isEqualTo(ta.get(i).name());
      float[] x = ta.get(i).values();
      float[] y = tb.get(i).values();
      for (int k = 0; k < x.length; k++) {
        if (Float.floatToRawIntBits(x[k]) != Float.floatToRawIntBits(y[k])) {
          throw new AssertionError(ta.get(i).name() + "[" + k + "]: " + x[k] + " uninterrupted, " + y[k] + " resumed");
        }
      }
    }
  }

  static List<double[]> metrics(Path run) throws Exception {
    return studio.convnet.engine.events.RunState.of(RunReader.readAll(run)).epochs().stream()
        .map(m -> new double[] {m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testAccuracy()}).toList();
  }

  @ParameterizedTest(name = "{0}, augmented: {1}")
  @CsvSource({"SGD, false", "SGD_MOMENTUM, false", "ADAM, false", "SGD_MOMENTUM, true", "ADAM, true"})
  void aRunStoppedAfterAnEpochAndResumedEndsBitIdentical(String optimizer, boolean augment) throws Exception {
    TrainingConfig c = config(optimizer, augment);
    Path whole = train(new TrainingSession(c), RunWriter.create(tmp.resolve("whole"), c.record(), c.spec()),
        new Recorder());

    RunWriter w = RunWriter.create(tmp.resolve("stopped"), c.record(), c.spec());
    TrainingSession first = new TrainingSession(c);
    first.addListener(e -> {
      if (e instanceof EpochMetrics m && m.epoch() == 1) first.stop();
    });
    train(first, w, new Recorder());
    assertThat(Files.list(w.folder().resolve(Checkpoint.FOLDER)).count()).isEqualTo(1);
    List<String> notices = new ArrayList<>();
    TrainingSession second = TrainingSession.resumeFrom(w.folder(), null, notices::add);
    assertThat(notices).isEmpty();
    assertThat(second.startEpoch()).isEqualTo(1);
    train(second, RunWriter.append(w.folder()), new Recorder());
    assertThat(second.warnings()).isEmpty();

    Checkpoint a = Checkpoint.read(whole.resolve("checkpoints/epoch-0003.ckpt"));
    Checkpoint b = Checkpoint.read(w.folder().resolve("checkpoints/epoch-0003.ckpt"));
    assertSameCheckpoint(a, b);
    if (!optimizer.equals("SGD")) {
      assertThat(a.optimizer()).isNotEmpty();
    }
    List<double[]> ma = metrics(whole);
    List<double[]> mb = metrics(w.folder());
    assertThat(mb).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(mb.get(i)).as("epoch %d metrics", i + 1).containsExactly(ma.get(i));
    }
    // filter health after the resume: the same records (change measured from the restored weights)
    List<LayerHealth> ha = health(whole);
    List<LayerHealth> hb = health(w.folder());
    assertThat(hb).extracting(LayerHealth::step).containsExactlyElementsOf(ha.stream().map(LayerHealth::step).toList());
    for (int i = 0; i < ha.size(); i++) {
      studio.convnet.engine.events.SameEvents.assertSame(hb.get(i).layers(), ha.get(i).layers());
    }
  }

  /** The health records of a run folder after its first epoch's end, as the fold keeps them. */
  static List<LayerHealth> health(Path run) throws Exception {
    return studio.convnet.engine.events.RunState.of(RunReader.readAll(run)).health().records().stream()
        .filter(h -> h.epoch() >= 2).toList();
  }

  @org.junit.jupiter.api.Test
  void aCheckpointThatCannotResumeExactlySaysSo() throws Exception {
    TrainingConfig c = config("SGD_MOMENTUM", false);
    Path run = Files.createDirectories(tmp.resolve("old"));
    List<Checkpoint.Tensor> w = List.of(new Checkpoint.Tensor("w", new long[] {2}, new float[] {1, 2}));
    Checkpoint old = Checkpoint.read(Checkpoint.write(run, 1, 8, 1.0, w, java.util.Map.of(), List.of()));
    assertThat(ResumeState.inexact(old, c, null)).startsWith("epoch-0001.ckpt predates exact resume")
        .contains("close to, not the same as");
    Checkpoint other = Checkpoint.read(Checkpoint.write(run, 2, 16, 2.0, w,
        java.util.Map.of("rng.scheme", ResumeState.SCHEME, "rng.seed", "12345"), List.of()));
    assertThat(ResumeState.inexact(other, c, null)).isEqualTo("epoch-0002.ckpt was written with seed 12345, the run"
        + " now has " + c.seed() + ": the rest of the run will differ");
  }
}

