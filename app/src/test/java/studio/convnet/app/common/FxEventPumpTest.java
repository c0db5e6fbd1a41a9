package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.FakeRun;

class FxEventPumpTest {

  private final List<RunEvent> got = new ArrayList<>();
  private final FxEventPump pump = new FxEventPump(got::addAll);

  @Test
  void everyMetricArrivesInOrderButOnlyTheNewestFilterSnapshot() {
    for (RunEvent e : FakeRun.run("r", 1, 10)) {
      pump.onEvent(e);
    }
    pump.drain();
    List<Long> steps = got.stream().filter(e -> e instanceof BatchMetrics)
        .map(e -> ((BatchMetrics) e).step()).toList();
    assertThat(steps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    List<RunEvent> filters = got.stream().filter(e -> e instanceof FilterSnapshot).toList();
    assertThat(filters).hasSize(1);
    assertThat(((FilterSnapshot) filters.get(0)).step()).isEqualTo(10);
    assertThat(pump.coalesced()).isEqualTo(4);
    assertThat(got.get(got.size() - 1)).isInstanceOf(RunFinished.class);
  }

  @Test
  void drainingTwiceDeliversNothingNew() {
    pump.onEvent(new BatchMetrics(1, 1, 1, 10, 1, 2.3, 0.1, 100));
    assertThat(pump.drain()).isEqualTo(1);
    assertThat(pump.drain()).isZero();
    assertThat(got).hasSize(1);
  }

  @Test
  void activationsOfDifferentProbesAreAllKept() {
    for (int probe = 0; probe < 3; probe++) {
      pump.onEvent(new ActivationSnapshot(1, 1, 5, probe, 0, 28, new float[0], List.of(), new float[0]));
    }
    pump.onEvent(new ActivationSnapshot(2, 1, 6, 2, 0, 28, new float[0], List.of(), new float[0]));
    pump.drain();
    assertThat(got).extracting(e -> ((ActivationSnapshot) e).testIndex()).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void aProducerThreadNeverWaitsAndNothingIsLost() throws Exception {
    int n = 200_000;
    CountDownLatch done = new CountDownLatch(1);
    Thread producer = new Thread(() -> {
      for (int i = 1; i <= n; i++) {
        pump.onEvent(new BatchMetrics(i, 1, i, n, i, 1, 0.5, 1));
      }
      done.countDown();
    }, "convnet-training");
    long t0 = System.nanoTime();
    producer.start();
    while (done.getCount() > 0) {
      pump.drain();
    }
    pump.drain();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(got).hasSize(n);
    assertThat(ms).as("200k events through the pump").isLessThan(5_000);
  }

  @Test
  void startedItPostsOneDrainPerBurstAndNoneWhenIdle() {
    List<Runnable> posted = new ArrayList<>();
    pump.start(posted::add);
    for (int i = 1; i <= 3; i++) {
      pump.onEvent(new BatchMetrics(i, 1, i, 10, i, 2.3, 0.1, 100));
    }
    assertThat(posted).as("one wake-up for the burst").hasSize(1);
    posted.remove(0).run();
    assertThat(got).hasSize(3);
    assertThat(posted).as("nothing pending: no wake-up").isEmpty();
    pump.onEvent(new BatchMetrics(4, 1, 4, 10, 4, 2.3, 0.1, 100));
    assertThat(posted).hasSize(1);
    posted.remove(0).run();
    assertThat(got).hasSize(4);
  }

  @Test
  void drainsComeAtMostTenTimesASecondEvenWhenEventsComeFaster() {
    long[] now = {0};
    List<Runnable> posted = new ArrayList<>();
    List<long[]> delayed = new ArrayList<>(); // {delay}
    List<Runnable> timers = new ArrayList<>();
    pump.start(posted::add, (task, nanos) -> {
      delayed.add(new long[] {nanos});
      timers.add(task);
    }, () -> now[0]);
    pump.onEvent(new BatchMetrics(1, 1, 1, 10, 1, 2.3, 0.1, 100));
    assertThat(posted).as("the first frame at once").hasSize(1);
    posted.remove(0).run();
    now[0] += 5_000_000; // 5 ms later: a LeNet batch
    pump.onEvent(new BatchMetrics(2, 1, 2, 10, 2, 2.3, 0.1, 100));
    pump.onEvent(new BatchMetrics(3, 1, 3, 10, 3, 2.3, 0.1, 100));
    assertThat(posted).as("not before the frame is up").isEmpty();
    assertThat(delayed).hasSize(1);
    assertThat(delayed.get(0)[0]).isEqualTo(FxEventPump.FRAME_NANOS - 5_000_000);
    now[0] += FxEventPump.FRAME_NANOS;
    timers.remove(0).run(); // the timer hands the drain to the FX thread
    assertThat(posted).hasSize(1);
    posted.remove(0).run();
    assertThat(got).as("both batches in one frame").hasSize(3);
    now[0] += 2 * FxEventPump.FRAME_NANOS; // idle for a while: the next event is drawn at once
    pump.onEvent(new BatchMetrics(4, 1, 4, 10, 4, 2.3, 0.1, 100));
    assertThat(posted).hasSize(1);
    assertThat(delayed).hasSize(1);
  }

  @Test
  void costlyFramesWaitAsLongAsTheBudgetSays() {
    long[] now = {0};
    long[] uiCpu = {0};
    List<Runnable> posted = new ArrayList<>();
    List<Long> delays = new ArrayList<>();
    // each frame costs 20 ms of UI CPU on a 2-core machine: the budget wants them 500 ms apart
    FrameBudget budget = new FrameBudget(() -> uiCpu[0], () -> now[0], 2);
    pump.start(posted::add, (task, nanos) -> {
      delays.add(nanos);
      task.run();
    }, () -> now[0], budget);
    for (int frame = 0; frame < 30; frame++) {
      pump.onEvent(new BatchMetrics(frame, 1, frame, 100, frame, 2.3, 0.1, 100));
      assertThat(posted).hasSize(1);
      posted.remove(0).run();
      uiCpu[0] += 20_000_000;
      now[0] += 10_000_000; // the next batch 10 ms later
    }
    long expected = (long) (20e6 / (FrameBudget.SHARE * 2)) - 10_000_000;
    assertThat(delays.get(delays.size() - 1)).isCloseTo(expected, org.assertj.core.data.Offset.offset(2_000_000L));
    assertThat(delays.get(0)).as("at first a frame is thought cheap").isEqualTo(FxEventPump.FRAME_NANOS - 10_000_000);
  }
}
