package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.ConfusionMatrix;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.RunFailed;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.train.TestData.Recorder;

class TrainingSessionTest {

  private static Recorder run(TrainingSession s) throws InterruptedException {
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).addListener(r);
    s.start();
    assertThat(s.await(60, TimeUnit.SECONDS)).as("training thread ended").isTrue();
    return r;
  }

  @Test
  void aShortRealRunLowersTheLossAndEmitsEveryKindOfEvent() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(3).build();
    Recorder r = run(new TrainingSession(c));

    assertThat(r.events.get(0)).isInstanceOf(RunStarted.class);
    RunStarted start = (RunStarted) r.events.get(0);
    assertThat(start.trainSize()).isEqualTo(512);
    assertThat(start.testSize()).isEqualTo(200);
    assertThat(start.batchesPerEpoch()).isEqualTo(8);
    assertThat(start.device()).startsWith("CPU");
    assertThat(start.startEpoch()).isZero();
    assertThat(start.config()).isEqualTo(c.record());

    List<BatchMetrics> batches = r.of(BatchMetrics.class);
    assertThat(batches).hasSize(24);
    List<EpochMetrics> epochs = r.of(EpochMetrics.class);
    assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(epochs.get(2).trainLoss()).isLessThan(batches.get(0).loss() * 0.7);
    assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
    assertThat(epochs.get(2).testAccuracy()).isGreaterThan(0.3); // chance is 0.1

    List<FilterSnapshot> filters = r.of(FilterSnapshot.class);
    assertThat(filters).hasSize(3 + 3); // at batch 4 and at each epoch end
    assertThat(filters.get(0).shape()).containsExactly(6, 1, 5, 5);
    assertThat(filters.get(0).weights()).hasSize(150);
    assertThat(filters.get(0).layer()).isEqualTo("conv1");

    List<ConfusionMatrix> cms = r.of(ConfusionMatrix.class);
    assertThat(cms).hasSize(3);
    int total = 0;
    for (int[] row : cms.get(2).counts()) for (int v : row) total += v;
    assertThat(total).isEqualTo(200);
    assertThat(cms.get(2).testIndices()).hasSize(200);

    List<ActivationSnapshot> acts = r.of(ActivationSnapshot.class);
    assertThat(acts).hasSize(30); // 10 probes (one per class) x 3 epochs
    assertThat(acts.subList(0, 10)).extracting(ActivationSnapshot::label).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    ActivationSnapshot a = acts.get(0);
    assertThat(a.layers()).hasSize(Zoo.lenetModern().leaves().size());
    assertThat(a.layers().get(0).layer()).isEqualTo("conv1");
    assertThat(a.layers().get(0).shape()).containsExactly(6, 28, 28);
    assertThat(a.layers().get(0).values()).hasSize(6 * 28 * 28);
    assertThat(a.image()).hasSize(28 * 28);
    double sum = 0;
    for (float p : a.probabilities()) sum += p;
    assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));

    RunEvent last = r.events.get(r.events.size() - 1);
    assertThat(last).isInstanceOf(RunFinished.class);
    assertThat(((RunFinished) last).completed()).isTrue();
    assertThat(((RunFinished) last).epochsDone()).isEqualTo(3);
  }

  @Test
  void stopTakesEffectWithinOneBatch() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(5).build());
    AtomicInteger stoppedAt = new AtomicInteger(-1);
    s.addListener(e -> {
      if (e instanceof BatchMetrics b && b.epoch() == 1 && b.batch() == 3) {
        s.stop();
        stoppedAt.set(b.batch());
      }
    });
    Recorder r = run(s);
    List<BatchMetrics> batches = r.of(BatchMetrics.class);
    assertThat(batches.get(batches.size() - 1).batch()).isEqualTo(3);
    RunFinished end = (RunFinished) r.events.get(r.events.size() - 1);
    assertThat(end.completed()).isFalse();
    assertThat(end.epochsDone()).isZero();
    assertThat(s.state()).isEqualTo(TrainingSession.State.FINISHED);
  }

  @Test
  void endEpochSkipsTheRestOfTheEpochButEvaluatesAndProbesIt() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(2).build());
    s.addListener(e -> {
      if (e instanceof BatchMetrics b && b.epoch() == 1 && b.batch() == 3) {
        s.endEpoch();
      }
    });
    Recorder r = run(s);
    List<BatchMetrics> first = r.of(BatchMetrics.class).stream().filter(b -> b.epoch() == 1).toList();
    assertThat(first.get(first.size() - 1).batch()).isEqualTo(3);
    assertThat(r.of(BatchMetrics.class).stream().filter(b -> b.epoch() == 2)).hasSize(8); // 512 / 64, whole
    assertThat(r.of(EpochMetrics.class)).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    assertThat(r.of(ConfusionMatrix.class)).hasSize(2);
    assertThat(r.of(ActivationSnapshot.class).stream().filter(a -> a.epoch() == 1)).isNotEmpty();
    assertThat(((RunFinished) r.events.get(r.events.size() - 1)).completed()).isTrue();
  }

  @Test
  void pauseHoldsBetweenBatchesServesActivationRequestsAndResumes() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(1).build());
    CountDownLatch paused = new CountDownLatch(1);
    s.addListener(e -> {
      if (e instanceof BatchMetrics b && b.batch() == 2) s.pause();
      if (e instanceof RunEvent.RunPaused) paused.countDown();
    });
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).addListener(r).start();
    assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(s.state()).isEqualTo(TrainingSession.State.PAUSED);
    int before = r.of(BatchMetrics.class).size();
    Thread.sleep(400);
    assertThat(r.of(BatchMetrics.class)).hasSize(before); // no batch while paused
    s.requestActivations();
    long deadline = System.currentTimeMillis() + 20_000;
    while (r.of(ActivationSnapshot.class).size() < 10 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(r.of(ActivationSnapshot.class)).hasSize(10);
    assertThat(r.of(BatchMetrics.class)).hasSize(before);
    s.resume();
    assertThat(s.await(60, TimeUnit.SECONDS)).isTrue();
    List<String> kinds = r.events.stream().map(e -> e.getClass().getSimpleName()).toList();
    assertThat(kinds).containsSubsequence("RunPaused", "ActivationSnapshot", "RunResumed", "EpochMetrics", "RunFinished");
    assertThat(((RunFinished) r.events.get(r.events.size() - 1)).completed()).isTrue();
    RunEvent.RunPaused p = r.of(RunEvent.RunPaused.class).get(0);
    assertThat(p.batch()).isEqualTo(3); // paused before batch 3
  }

  @Test
  void aDivergingLossFailsTheRunNamingTheBatchAndSuggestingALowerRate() throws Exception {
    TrainingConfig c = TestData.quick().setLearningRate(1e6).optOptimizer(TrainingConfig.OptimizerKind.SGD)
        .setEpochs(3).build();
    TrainingSession s = new TrainingSession(c);
    Recorder r = run(s);
    RunEvent last = r.events.get(r.events.size() - 1);
    assertThat(last).isInstanceOf(RunFailed.class);
    RunFailed f = (RunFailed) last;
    assertThat(f.message()).contains("epoch " + f.epoch()).contains("batch " + f.batch())
        .contains("lower learning rate");
    assertThat(f.batch()).isGreaterThanOrEqualTo(1);
    assertThat(s.state()).isEqualTo(TrainingSession.State.FAILED);
  }

  @Test
  void theAugmentationHookSeesEveryTrainingExampleAndNoTestExample() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> seen = new AtomicReference<>();
    TrainingConfig c = TestData.quick().setEpochs(1).optMaxTrainExamples(100).optMaxTestExamples(50)
        .optInputSize(32).optAugment(List.of("invert"))
        .optAugmentation((chw, channels, size, rng) -> {
          calls.incrementAndGet();
          seen.set(channels + "x" + size + "x" + size + ":" + chw.length);
          for (int i = 0; i < chw.length; i++) {
            if (chw[i] < 0 || chw[i] > 1) throw new AssertionError("pixel outside [0,1]");
            chw[i] = 1 - chw[i];
          }
          return chw;
        }).build();
    Recorder r = run(new TrainingSession(c));
    assertThat(r.events.get(r.events.size() - 1)).isInstanceOf(RunFinished.class);
    assertThat(calls.get()).isEqualTo(100);
    assertThat(seen.get()).isEqualTo("1x28x28:784"); // before the resize to 32
    assertThat(r.of(ActivationSnapshot.class).get(0).image()).hasSize(32 * 32);
    assertThat(((RunStarted) r.events.get(0)).config().augment()).containsExactly("invert");
  }

  @Test
  void theSameSeedGivesTheSameRun() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(1).optMaxTrainExamples(192).optMaxTestExamples(50).build();
    List<Double> a = run(new TrainingSession(c)).of(BatchMetrics.class).stream().map(BatchMetrics::loss).toList();
    List<Double> b = run(new TrainingSession(c)).of(BatchMetrics.class).stream().map(BatchMetrics::loss).toList();
    assertThat(a).hasSize(3).isEqualTo(b);
    List<Double> other = run(new TrainingSession(c.toBuilder().optSeed(8).build()))
        .of(BatchMetrics.class).stream().map(BatchMetrics::loss).toList();
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void aGpuAskedForOnAMachineWithoutOneFailsTheRunClearly() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().optDevice(DeviceChoice.GPU).build());
    Recorder r = run(s);
    // no GPU on the test machines: the run fails with the device message instead of hanging
    RunEvent last = r.events.get(r.events.size() - 1);
    if (last instanceof RunFailed f) {
      assertThat(f.message()).contains("no CUDA GPU");
    } else {
      assertThat(last).isInstanceOf(RunFinished.class); // a machine with a GPU
    }
  }
}
