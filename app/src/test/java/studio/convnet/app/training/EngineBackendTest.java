package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.app.AppContext;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.train.DeviceChoice;
import studio.convnet.engine.train.TrainingConfig;

/** The real backend on tiny real runs (LeNet, a few hundred FashionMNIST images). No FX. */
class EngineBackendTest {

  @TempDir Path runs;

  static TrainingConfig tiny(int train, int epochs) {
    TrainingConfig.Builder b = TrainingConfig.bookDefaults("lenet").setBatchSize(64).setEpochs(epochs)
        .optMaxTestExamples(200).optDevice(DeviceChoice.CPU).optFilterEvery(2);
    return (train > 0 ? b.optMaxTrainExamples(train) : b).build(); // 0: all
  }

  @Test
  void closingTheAppMidEpochEndsTheRunAndLeavesAValidRunFolder() throws Exception {
    AppContext context = new AppContext();
    CountDownLatch firstBatch = new CountDownLatch(1);
    TrainingBackend.Control c = new EngineBackend(runs).start(tiny(30_000, 5), e -> {
      if (e instanceof RunEvent.BatchMetrics) {
        firstBatch.countDown();
      }
    });
    context.closeOnExit(c);
    assertThat(firstBatch.await(60, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    context.shutdown(); // what closing the window does: stop, then join with a timeout
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).as("stop takes effect within a batch or two").isLessThan(15);
    Path folder = c.runFolder().orElseThrow();
    List<RunEvent> events = RunReader.readAll(folder);
    RunEvent last = events.get(events.size() - 1);
    assertThat(last).isInstanceOf(RunEvent.RunFinished.class);
    assertThat(((RunEvent.RunFinished) last).completed()).isFalse();
    assertThat(Files.exists(folder.resolve("config.json"))).isTrue();
  }

  @Test
  void theEstimateTimesRealBatches() throws Exception {
    CompletableFuture<TrainingBackend.Measurement> m = new CompletableFuture<>();
    new EngineBackend(runs).measure(tiny(0, 1), m::complete);
    TrainingBackend.Measurement r = m.get(120, TimeUnit.SECONDS);
    assertThat(r.error()).isNull();
    assertThat(r.imagesPerSecond()).isPositive();
    assertThat(r.device()).contains("CPU");
    try (var s = Files.list(runs)) {
      assertThat(s.count()).as("a timing run leaves no run folder").isZero();
    }
  }

  @Test
  void runFoldersGoWhereTheUserCanWrite() {
    assertThat(EngineBackend.runsFolder("/data/runs", "/opt/x/bin/X", "/home/t")).isEqualTo(java.nio.file.Path.of("/data/runs"));
    assertThat(EngineBackend.runsFolder(null, "/opt/x/bin/X", "/home/t"))
        .isEqualTo(java.nio.file.Path.of("/home/t/ConvNetStudio/runs"));
    assertThat(EngineBackend.runsFolder(null, null, "/home/t")).isEqualTo(java.nio.file.Path.of("runs"));
  }
}
