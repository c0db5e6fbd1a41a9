package studio.convnet.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.EventCodecTest;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.SameEvents;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.train.TestData;
import studio.convnet.engine.train.TestData.Recorder;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.TrainingSession;

class RunFolderTest {

  @TempDir Path tmp;

  private static Recorder train(TrainingSession s, RunWriter w) throws Exception {
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).runFolder(w.folder()).addListener(w).addListener(r).start();
    assertThat(s.await(60, TimeUnit.SECONDS)).isTrue();
    w.close();
    assertThat(w.error()).isNull();
    return r;
  }

  @Test
  void aRecordedRunReplaysAsEqualEvents() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(2).optMaxTrainExamples(256).build();
    RunWriter w = RunWriter.create(tmp, c.record(), c.spec());
    assertThat(w.folder().getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-\\d{6}-lenet-modern");
    Recorder live = train(new TrainingSession(c), w);

    List<RunEvent> replay = RunReader.readAll(w.folder());
    SameEvents.assertSameList(replay, live.events);
    assertThat(Files.list(w.folder().resolve("filters")).count()).isPositive();
    assertThat(Files.list(w.folder().resolve("activations")).count()).isEqualTo(20);
    assertThat(Files.list(w.folder().resolve("looks")).count()).as("a saliency map per probe and epoch").isEqualTo(20);
    assertThat(Files.list(w.folder().resolve("checkpoints")).map(p -> p.getFileName().toString()).sorted().toList())
        .containsExactly("epoch-0001.ckpt", "epoch-0002.ckpt");
    RunFolder.Recorded recorded = RunFolder.readConfig(w.folder());
    assertThat(recorded.config()).isEqualTo(c.record());
    assertThat(recorded.spec()).isSameAs(c.spec());

    // follow a folder that another thread is writing, including a line split mid-way
    Path growing = tmp.resolve("growing");
    Files.createDirectories(growing);
    copyTree(w.folder(), growing, "config.json", "filters", "activations", "confusion", "patches", "looks");
    byte[] all = Files.readAllBytes(w.folder().resolve(RunFolder.EVENTS));
    List<RunEvent> followed = new CopyOnWriteArrayList<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(growing.resolve(RunFolder.EVENTS), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        int chunk = Math.max(1, all.length / 37); // chunk boundaries fall inside lines
        for (int i = 0; i < all.length; i += chunk) {
          out.write(all, i, Math.min(chunk, all.length - i));
          out.flush();
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    var end = RunReader.follow(growing, followed::add, cancelled::get, 10);
    writer.join();
    assertThat(end).containsInstanceOf(RunFinished.class);
    SameEvents.assertSameList(followed, replay);
  }

  @Test
  void readAllLeavesOutAPartialLastLineAndFollowStopsWhenCancelled() throws Exception {
    Path dir = tmp.resolve("partial");
    Files.createDirectories(dir);
    List<RunEvent> samples = EventCodecTest.samples();
    String first = EventCodec.toJson(samples.get(1)) + "\n";
    String half = EventCodec.toJson(samples.get(2));
    Files.writeString(dir.resolve(RunFolder.EVENTS), first + half.substring(0, half.length() / 2));
    assertThat(RunReader.readAll(dir)).hasSize(1);

    List<RunEvent> got = new CopyOnWriteArrayList<>();
    try (RunReader.Following f = RunReader.followInBackground(dir, got::add)) {
      long deadline = System.currentTimeMillis() + 5000;
      while (got.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
      Files.writeString(dir.resolve(RunFolder.EVENTS), half.substring(half.length() / 2) + "\n",
          StandardOpenOption.APPEND);
      while (got.size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(10);
      assertThat(got).hasSize(2);
      SameEvents.assertSame(got.get(1), samples.get(2));
      f.close();
      f.join(2000);
      assertThat(f.isDone()).isTrue();
      assertThat(f.error()).isEmpty();
    }
  }

  @Test
  void aStoppedRunResumesFromItsCheckpointAtTheNextEpochAndSkipsAHalfWrittenOne() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(3).optMaxTrainExamples(256).optMaxTestExamples(100).build();
    RunWriter w = RunWriter.create(tmp, c.record(), c.spec());
    TrainingSession first = new TrainingSession(c);
    first.addListener(e -> {
      if (e instanceof EpochMetrics m && m.epoch() == 1) first.stop();
    });
    Recorder r1 = train(first, w);
    RunFinished stopped = (RunFinished) r1.events.get(r1.events.size() - 1);
    assertThat(stopped.completed()).isFalse();
    assertThat(stopped.epochsDone()).isEqualTo(1);
    double lossAfterEpoch1 = r1.of(EpochMetrics.class).get(0).trainLoss();
    double firstBatchLoss = r1.of(RunEvent.BatchMetrics.class).get(0).loss();

    // a crash while writing epoch 2's checkpoint: a .tmp left behind and a truncated file
    Path ckDir = w.folder().resolve(Checkpoint.FOLDER);
    byte[] good = Files.readAllBytes(ckDir.resolve("epoch-0001.ckpt"));
    Files.write(ckDir.resolve("epoch-0002.ckpt.tmp"), java.util.Arrays.copyOf(good, good.length / 3));
    Files.write(ckDir.resolve("epoch-0002.ckpt"), java.util.Arrays.copyOf(good, good.length - 100));

    List<String> notices = new ArrayList<>();
    TrainingSession second = TrainingSession.resumeFrom(w.folder(), null, notices::add);
    assertThat(notices).anySatisfy(n -> assertThat(n).contains("half-written checkpoint epoch-0002.ckpt.tmp"));
    assertThat(notices).anySatisfy(n -> assertThat(n).contains("damaged checkpoint epoch-0002.ckpt").contains("truncated"));
    assertThat(second.startEpoch()).isEqualTo(1);
    Recorder r2 = train(second, RunWriter.append(w.folder()));

    RunStarted restarted = (RunStarted) r2.events.get(0);
    assertThat(restarted.startEpoch()).isEqualTo(1);
    assertThat(restarted.runId()).isEqualTo(w.folder().getFileName().toString());
    assertThat(restarted.elapsed()).isGreaterThanOrEqualTo(r1.of(EpochMetrics.class).get(0).elapsed());
    assertThat(r2.of(EpochMetrics.class)).extracting(EpochMetrics::epoch).containsExactly(2, 3);
    // the parameters came back: the resumed run starts where epoch 1 ended, not from scratch
    double resumedFirstLoss = r2.of(RunEvent.BatchMetrics.class).get(0).loss();
    assertThat(resumedFirstLoss).isLessThan(firstBatchLoss).isLessThan(lossAfterEpoch1 * 1.5);
    RunFinished done = (RunFinished) r2.events.get(r2.events.size() - 1);
    assertThat(done.completed()).isTrue();
    assertThat(done.epochsDone()).isEqualTo(3);

    // the folder holds both sessions' events in order
    List<RunEvent> all = RunReader.readAll(w.folder());
    assertThat(all).hasSize(r1.events.size() + r2.events.size());
    assertThat(all.stream().filter(RunStarted.class::isInstance).count()).isEqualTo(2);
  }

  @Test
  void checkpointReadRejectsGarbageWithAReason() throws Exception {
    Path f = tmp.resolve("x.ckpt");
    Files.write(f, "hello".getBytes(StandardCharsets.US_ASCII));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoint.read(f)).hasMessageContaining("not a checkpoint");
    assertThat(Checkpoint.latest(tmp.resolve("nothing"), n -> { })).isEmpty();
  }

  @Test
  void everyZooNetworkRoundTripsThroughTheConfigJsonSpec() {
    for (var spec : studio.convnet.engine.arch.Zoo.all()) {
      assertThat(RunFolder.specFromJson(RunFolder.specToJson(spec))).isEqualTo(spec);
    }
  }

  private static void copyTree(Path from, Path to, String... names) throws Exception {
    for (String n : names) {
      Path src = from.resolve(n);
      if (Files.isDirectory(src)) {
        Files.createDirectories(to.resolve(n));
        try (var s = Files.list(src)) {
          for (Path p : s.toList()) Files.copy(p, to.resolve(n).resolve(p.getFileName()));
        }
      } else {
        Files.copy(src, to.resolve(n));
      }
    }
  }
}
