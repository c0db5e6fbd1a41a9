package studio.convnet.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunFinished;

class RunStateTest {

  @Test
  void aWholeRunFoldsIntoCurvesFiltersConfusionAndStatus() {
    RunState s = RunState.of(FakeRun.run("r1", 3, 10));
    assertThat(s.batchCount()).isEqualTo(30);
    assertThat(s.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(s.confusionEpochs()).containsExactly(1, 2, 3);
    assertThat(s.filterHistory()).hasSize(15);
    assertThat(s.firstFilter().orElseThrow().step()).isEqualTo(2);
    assertThat(s.status()).isEqualTo(Status.FINISHED);
    assertThat(s.progress()).isEqualTo(1.0);
    assertThat(s.activations()).containsKey(0);
  }

  @Test
  void aLateBatchPointLandsInItsPlaceAndAsksForARebuild() {
    RunState s = new RunState();
    s.apply(FakeRun.started("r", 1, 10, 0));
    s.apply(new BatchMetrics(1, 1, 1, 10, 1, 2.3, 0.1, 100));
    s.apply(new BatchMetrics(3, 1, 3, 10, 3, 2.1, 0.2, 100));
    int layout = s.batchLayoutVersion();
    s.apply(new BatchMetrics(2, 1, 2, 10, 2, 2.2, 0.15, 100));
    assertThat(s.batches()).extracting(BatchMetrics::step).containsExactly(1L, 2L, 3L);
    assertThat(s.batchLayoutVersion()).isGreaterThan(layout);
    // a repeated step replaces, it does not duplicate
    s.apply(new BatchMetrics(3, 1, 3, 10, 3, 2.0, 0.2, 100));
    assertThat(s.batches()).hasSize(3);
    assertThat(s.lastBatch().orElseThrow().loss()).isEqualTo(2.0);
  }

  @Test
  void epochsArrivingOutOfOrderAreSortedByEpoch() {
    RunState s = new RunState();
    s.apply(FakeRun.started("r", 3, 10, 0));
    s.apply(new EpochMetrics(3, 2, 0.5, 0.8, 0.75, 1));
    s.apply(new EpochMetrics(2, 1, 0.9, 0.6, 0.65, 1));
    assertThat(s.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
  }

  @Test
  void replayAtATimeShowsOnlyWhatHadHappenedThen() {
    List<RunEvent> all = FakeRun.run("r", 3, 10);
    RunState mid = RunState.at(all, 1.5);
    assertThat(mid.batchCount()).isEqualTo(14);
    assertThat(mid.epochs()).hasSize(1);
    assertThat(mid.status()).isEqualTo(Status.RUNNING);
    assertThat(mid.terminal()).isEmpty();
    RunState end = RunState.at(all, 1e9);
    assertThat(end.status()).isEqualTo(Status.FINISHED);
  }

  @Test
  void aNewRunIdClearsTheOldRun() {
    RunState s = RunState.of(FakeRun.run("a", 1, 10));
    s.apply(FakeRun.started("b", 1, 10, 0));
    assertThat(s.batchCount()).isZero();
    assertThat(s.filterHistory()).isEmpty();
    assertThat(s.status()).isEqualTo(Status.RUNNING);
  }

  @Test
  void aResumedRunDropsWhatCameAfterItsCheckpoint() {
    RunState s = new RunState();
    for (RunEvent e : FakeRun.run("r", 3, 10)) {
      if (!(e instanceof RunFinished)) {
        s.apply(e);
      }
    }
    s.apply(FakeRun.started("r", 3, 10, 1)); // resumed after epoch 1's checkpoint
    assertThat(s.epochs()).extracting(EpochMetrics::epoch).containsExactly(1);
    assertThat(s.batches()).allMatch(b -> b.epoch() <= 1);
  }

  @Test
  void aStoppedRunSaysItIsResumable() {
    RunState s = new RunState();
    s.apply(FakeRun.started("r", 3, 10, 0));
    s.apply(new RunFinished(5, false, 1, 0.7));
    assertThat(s.status()).isEqualTo(Status.STOPPED);
    assertThat(s.message()).contains("resumable");
  }

  @Test
  void theFilterHistoryIsBoundedAndKeepsTheFirstSnapshot() {
    RunState s = RunState.of(FakeRun.run("r", 40, 10));
    assertThat(s.filterHistory().size()).isLessThanOrEqualTo(RunState.FILTER_HISTORY);
    assertThat(s.filterHistory().get(0).step()).isEqualTo(2);
    assertThat(s.latestFilter().orElseThrow().step()).isEqualTo(400);
  }

  @Test
  void problemsAreKeptForTheReaderAndTheFoldNoticesAMissingStart() {
    RunState s = RunState.of(FakeRun.run("r", 1, 4).subList(1, 6));
    assertThat(s.problems()).containsExactly("the first event is a BatchMetrics, not RunStarted");
    int v = s.statusVersion();
    s.problem("events.jsonl line 7: incomplete");
    assertThat(s.problems()).hasSize(2).last().isEqualTo("events.jsonl line 7: incomplete");
    assertThat(s.statusVersion()).isGreaterThan(v);
    assertThat(RunState.of(FakeRun.run("r", 1, 4)).problems()).isEmpty();
  }
}
