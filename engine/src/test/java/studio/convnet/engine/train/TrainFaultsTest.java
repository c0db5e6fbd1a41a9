package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.train.TestData.Recorder;

/** Issue 11, items 4 and 5: divergence is reported, a checkpoint that cannot be written is a warning. */
class TrainFaultsTest {

  @TempDir Path tmp;

  private static RunEvent run(TrainingSession s) throws Exception {
    s.dataset(TestData.fashion()).start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();
    return s.result().orElseThrow();
  }

  @Test
  void theGuardNamesTheBatchAndSuggestsARate() {
    DivergenceGuard g = new DivergenceGuard(10, 100);
    assertThat(g.check(2.3, 1, 1)).isEmpty();
    assertThat(g.check(Double.NaN, 1, 2)).get().asString()
        .startsWith("training diverged at epoch 1, batch 2: the loss became NaN (chance is ln 10 = 2.30)")
        .contains("learning rate 100").endsWith("e.g. 10.");
    assertThat(g.check(1.3e31, 2, 7)).get().asString().contains("epoch 2, batch 7").contains("1.30e+31");
    DivergenceGuard slow = new DivergenceGuard(10, 0.9);
    for (int b = 1; b < DivergenceGuard.PATIENCE; b++) {
      assertThat(slow.check(8, 1, b)).isEmpty();
    }
    assertThat(slow.check(8, 1, DivergenceGuard.PATIENCE)).get().asString()
        .contains("batch 10").contains("stayed above 3× chance").endsWith("e.g. 0.09.");
    assertThat(slow.check(2.2, 1, 11)).isEmpty();
    assertThat(DivergenceGuard.plain(1e30)).isEqualTo("1.00e+30");
  }

  @Test
  void aHugeLearningRateEndsTheRunAsDivergedNotFinished() throws Exception {
    TrainingConfig c = TrainingConfig.bookDefaults("lenet").setLearningRate(100).setEpochs(2)
        .optMaxTrainExamples(2048).optMaxTestExamples(100).optDevice(DeviceChoice.CPU).build();
    RunEvent end = run(new TrainingSession(c));
    assertThat(end).isInstanceOf(RunEvent.RunFailed.class);
    assertThat(((RunEvent.RunFailed) end).message()).startsWith("training diverged at epoch 1, batch ")
        .contains("learning rate 100").endsWith("e.g. 10.");
  }

  @Test
  void aCheckpointThatCannotBeWrittenIsAWarningAndTheRunFinishes() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(folder.resolve("checkpoints"), "a file where the folder should be");
    TrainingConfig c = TestData.quick().setEpochs(1).optMaxTrainExamples(128).optMaxTestExamples(50).build();
    TrainingSession s = new TrainingSession(c).runFolder(folder);
    Recorder r = new Recorder();
    s.addListener(r);
    RunEvent end = run(s);
    assertThat(end).isInstanceOfSatisfying(RunEvent.RunFinished.class, f -> assertThat(f.completed()).isTrue());
    assertThat(s.warnings()).singleElement().asString()
        .startsWith("could not write the checkpoint after epoch 1 (" + folder.resolve("checkpoints"))
        .endsWith("the run is complete and recorded, only its final weights are not saved");
  }

  @Test
  void aCheckpointThatCannotBeWrittenMidRunStopsTheRunWhileTheFolderIsWhole() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(folder.resolve("checkpoints"), "a file where the folder should be");
    TrainingConfig c = TestData.quick().setEpochs(3).optMaxTrainExamples(128).optMaxTestExamples(50).build();
    TrainingSession s = new TrainingSession(c).runFolder(folder);
    Recorder r = new Recorder();
    s.addListener(r);
    RunEvent end = run(s);
    assertThat(end).isInstanceOfSatisfying(RunEvent.RunFailed.class, f -> assertThat(f.message())
        .startsWith("could not write the checkpoint after epoch 1 (" + folder.resolve("checkpoints"))
        .contains("training stopped after epoch 1")
        .endsWith("there is no checkpoint yet, so a resume starts again at epoch 1 once there is space"));
    assertThat(r.events.stream().filter(e -> e instanceof RunEvent.EpochMetrics)).hasSize(1);
  }

  /** A listener whose disk "fills" once it has recorded batch 2 of epoch 2. */
  static final class FillingDisk implements studio.convnet.engine.events.RunEventListener {
    volatile boolean full;
    volatile int after;

    @Override
    public void onEvent(RunEvent e) {
      if (full) {
        after++;
      } else if (e instanceof RunEvent.BatchMetrics b && b.epoch() == 2 && b.batch() == 2) {
        full = true;
      }
    }

    @Override
    public java.util.Optional<String> failure() {
      return full ? java.util.Optional.of("disk full: could not write /x/events.jsonl: No space left on device")
          : java.util.Optional.empty();
    }
  }

  @Test
  void aListenerThatCannotRecordStopsTheRunAtTheNextBatchAndNoCheckpointFollows() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("full"));
    TrainingConfig c = TestData.quick().setEpochs(3).setBatchSize(32).optMaxTrainExamples(256)
        .optMaxTestExamples(50).optProbeIndices(new int[0]).build();
    TrainingSession s = new TrainingSession(c).runFolder(folder);
    FillingDisk disk = new FillingDisk();
    s.addListener(disk);
    RunEvent end = run(s);
    assertThat(end).isInstanceOfSatisfying(RunEvent.RunFailed.class, f -> {
      assertThat(f.message()).isEqualTo("disk full: could not write /x/events.jsonl: No space left on device;"
          + " training stopped at epoch 2, batch 3. What was recorded before stays readable; a resume continues"
          + " after epoch 1 once there is space");
      assertThat(f.epoch()).isEqualTo(2);
    });
    assertThat(disk.after).as("events after the failure: only the RunFailed").isEqualTo(1);
    try (var files = Files.list(folder.resolve("checkpoints"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("epoch-0001.ckpt");
    }
  }
}
