package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.app.training.EngineBackend;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.app.training.TrainingBackend;

/**
 * A real run folder followed while it is written (as another process would write it: through the
 * engine's RunWriter), then opened again when finished: both show the same run.
 */
class FollowRealRunTest {

  @TempDir Path runs;

  @Test
  void aRunFolderFollowedWhileWrittenEndsLikeTheFinishedRecording() throws Exception {
    TrainingConfig s = TrainingConfig.bookDefaults("lenet").setBatchSize(64).setEpochs(2).optMaxTrainExamples(640)
        .optMaxTestExamples(200).optSeed(7).optDevice(DeviceChoice.CPU).optFilterEvery(2).build();
    TrainingBackend.Control c = new EngineBackend(runs).start(s, e -> {});
    long deadline = System.currentTimeMillis() + 60_000;
    while (c.runFolder().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Path folder = c.runFolder().orElseThrow();

    RunsViewModel follower = new RunsViewModel(new EngineRunSource(), Runnable::run, false);
    follower.follow(folder);
    while (follower.followingProperty().get() && System.currentTimeMillis() < deadline) {
      follower.drainNow();
      Thread.sleep(100);
    }
    assertThat(follower.stateAtTime().status()).isEqualTo(Status.FINISHED);
    assertThat(follower.titleProperty().get()).startsWith("Replay of " + folder.getFileName());
    assertThat(c.await(30_000)).isTrue();

    LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    RunsViewModel reader = new RunsViewModel(new EngineRunSource(), fx::add, false);
    reader.open(folder);
    fx.poll(30, TimeUnit.SECONDS).run();
    assertThat(reader.stateAtTime().batchCount()).isEqualTo(follower.stateAtTime().batchCount());
    assertThat(reader.stateAtTime().epochs()).hasSize(2);
    assertThat(reader.stateAtTime().filterHistory()).hasSize(follower.stateAtTime().filterHistory().size());
    assertThat(Files.exists(folder.resolve("events.jsonl"))).isTrue();
  }
}
