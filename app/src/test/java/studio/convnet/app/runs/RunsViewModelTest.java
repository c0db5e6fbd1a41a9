package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;

class RunsViewModelTest {

  @TempDir Path dir;

  /** Folders hold scripted events; follow() hands the listener to the test. */
  static final class FakeSource implements RunSource {
    final Map<Path, List<RunEvent>> folders = new ConcurrentHashMap<>();
    RunEventListener followed;

    final Map<Path, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();

    public List<RunEvent> readAll(Path runDir) {
      var hold = holds.get(runDir);
      if (hold != null) {
        try {
          hold.await(10, TimeUnit.SECONDS); // a slow read (a big recording)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return folders.get(runDir);
    }

    public AutoCloseable follow(Path runDir, RunEventListener l) {
      followed = l;
      return () -> followed = null;
    }
  }

  final FakeSource source = new FakeSource();
  final LinkedBlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
  final RunsViewModel vm = new RunsViewModel(source, fxQueue::add, false);

  void runFxTask() throws InterruptedException {
    Runnable r = fxQueue.poll(5, TimeUnit.SECONDS);
    assertThat(r).as("a result posted to the FX thread").isNotNull();
    r.run();
  }

  @Test
  void aRecordedRunIsLabelledAsARecordingAndScrubbingGoesBackInTime() throws Exception {
    Path run = Files.createDirectories(dir.resolve("2026-11-25-lenet"));
    Files.writeString(run.resolve("events.jsonl"), "");
    source.folders.put(run, FakeRun.run("2026-11-25-lenet", 3, 10));
    vm.open(run);
    runFxTask();
    assertThat(vm.titleProperty().get()).startsWith("Replay of LeNet (d2l) at 28 px (run 2026-11-25-lenet), recorded 20")
        .contains("finished").doesNotContainIgnoringCase("live");
    assertThat(vm.stateAtTime().status()).isEqualTo(Status.FINISHED);
    assertThat(vm.stateAtTime().epochs()).hasSize(3);

    vm.timeProperty().set(1.5);
    assertThat(vm.stateAtTime().epochs()).hasSize(1);
    assertThat(vm.stateAtTime().batchCount()).isEqualTo(14);
    assertThat(vm.timeTextProperty().get()).contains("epoch 2, batch 4/10");
    vm.timeProperty().set(0);
    assertThat(vm.stateAtTime().batchCount()).isZero();
  }

  @Test
  void aFollowedRunGrowsAndTheScrubberStaysAtItsEnd() {
    Path run = dir.resolve("growing");
    vm.follow(run);
    List<RunEvent> all = FakeRun.run("growing", 2, 10);
    for (int i = 0; i < 8; i++) {
      source.followed.onEvent(all.get(i));
    }
    vm.drainNow();
    assertThat(vm.followingProperty().get()).isTrue();
    assertThat(vm.titleProperty().get()).contains("Replay of LeNet (d2l) at 28 px (run growing)").contains("following the recording");
    int before = vm.stateAtTime().batchCount();
    for (int i = 8; i < 20; i++) {
      source.followed.onEvent(all.get(i));
    }
    vm.drainNow();
    assertThat(vm.stateAtTime().batchCount()).isGreaterThan(before);
    assertThat(vm.timeProperty().get()).isEqualTo(vm.durationProperty().get());
    for (int i = 20; i < all.size(); i++) {
      source.followed.onEvent(all.get(i));
    }
    vm.drainNow();
    assertThat(vm.followingProperty().get()).isFalse();
    assertThat(vm.stateAtTime().status()).isEqualTo(Status.FINISHED);
  }

  @Test
  void aDamagedRunOpensWithWhatWasSkippedNamed() throws Exception {
    Path run = Files.createDirectories(dir.resolve("2026-11-25-damaged"));
    List<RunEvent> events = FakeRun.run("2026-11-25-damaged", 2, 4);
    java.util.List<String> lines = new java.util.ArrayList<>();
    events.forEach(e -> lines.add(studio.convnet.engine.events.EventCodec.toJson(e)));
    lines.set(3, "{\"type\":\"EpochMetrics\"}");
    lines.add(5, "{\"type\":\"FromTheFuture\",\"elapsed\":1}");
    Files.writeString(run.resolve("events.jsonl"), String.join("\n", lines) + "\n{\"type\":\"Run");
    RunsViewModel real = new RunsViewModel(new EngineRunSource(), fxQueue::add, false);
    real.open(run);
    runFxTask();
    assertThat(real.titleProperty().get()).startsWith("Replay of LeNet (d2l) at 28 px (run 2026-11-25-damaged)").contains("finished");
    assertThat(real.problemsProperty().get()).startsWith("Opened with 3 problems: ")
        .contains("events.jsonl line 4: EpochMetrics: required fields")
        .contains("line 6: unknown event type 'FromTheFuture'")
        .contains("incomplete");
    assertThat(real.stateAtTime().epochs()).hasSize(2);
  }

  @Test
  void twoRunsAreSummarisedSideBySide() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    source.folders.put(a, FakeRun.run("a", 2, 10));
    source.folders.put(b, FakeRun.run("b", 3, 10));
    vm.open(a);
    runFxTask();
    vm.openCompare(b);
    runFxTask();
    assertThat(vm.runs()).hasSize(2);
    assertThat(vm.compareTextProperty().get()).contains("LeNet (d2l) at 28 px (run a), no augmentation: 61,706 params")
        .contains("median 1000 images/s").contains("(run b), ").contains("3 epochs");
  }

  @Test
  void theRecordingDateComesFromTheRunIdNotTheFileTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    var started = new studio.convnet.engine.events.RunEvent.RunStarted(0.5, "2026-11-26-015739-lenet", "lenet",
        "LeNet", 28, FakeRun.config("lenet", 1), "cpu", 10, 10, 1, java.util.List.of(), 1, 1, 1);
    assertThat(RunsViewModel.recordedDate(java.util.List.of(started), dir)).isEqualTo("2026-11-26 01:57");
    java.nio.file.Files.writeString(dir.resolve("events.jsonl"), "{\"type\":\"RunStarted\"}\n");
    assertThat(RunsViewModel.recordedDate(java.util.List.of(), dir)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
  }

  @Test
  void aComparedRunSaysWhetherItWasAugmented() {
    var plain = new studio.convnet.engine.events.RunEvent.RunStarted(0, "r1", "lenet", "LeNet", 28,
        FakeRun.config("lenet", 1), "cpu", 10, 10, 1, java.util.List.of(), 1, 1, 1);
    var augmented = new studio.convnet.engine.events.RunEvent.RunStarted(0, "r2", "lenet", "LeNet", 28,
        studio.convnet.engine.events.RunConfig.fromLegacyMap(java.util.Map.of("model", "lenet", "inputSize", "28",
            "batchSize", "256", "learningRate", "0.9", "epochs", "1",
            "augment", "crop:scale=0.5-1,ratio=0.75-1.3333,p=1 hflip:p=0.5")), "cpu", 10, 10, 1,
        java.util.List.of(), 1, 1, 1);
    assertThat(RunsViewModel.augmentation(plain)).isEqualTo("no augmentation");
    assertThat(RunsViewModel.augmentation(augmented)).isEqualTo("augmented: crop, hflip");
  }

  @Test
  void aSlowReadThatEndsAfterANewerOpenDoesNotReplaceIt() throws Exception {
    Path slow = dir.resolve("2026-11-25-alexnet");
    Path fast = dir.resolve("2026-11-26-lenet");
    source.folders.put(slow, FakeRun.run("2026-11-25-alexnet", 2, 5));
    source.folders.put(fast, FakeRun.run("2026-11-26-lenet", 2, 5));
    var hold = new java.util.concurrent.CountDownLatch(1);
    source.holds.put(slow, hold);
    vm.open(slow); // lesson step 4
    vm.open(fast); // the teacher pages on before step 4's recording is read
    runFxTask();
    assertThat(vm.titleProperty().get()).contains("2026-11-26-lenet");
    hold.countDown();
    runFxTask(); // the slow read arrives last
    assertThat(vm.titleProperty().get()).contains("2026-11-26-lenet");
    assertThat(vm.stateAtTime().started().orElseThrow().runId()).isEqualTo("2026-11-26-lenet");
  }
}
