package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameBudgetTest {

  private final long[] cpu = {0};
  private final long[] wall = {0};

  /** Frames that each cost {@code costMs} of UI CPU, {@code everyMs} apart; returns the last answer. */
  private long frames(FrameBudget budget, int n, double costMs, long everyMs) {
    long next = 0;
    for (int i = 0; i < n; i++) {
      next = budget.nextFrameNanos();
      cpu[0] += (long) (costMs * 1e6);
      wall[0] += everyMs * 1_000_000L;
    }
    return budget.nextFrameNanos();
  }

  @Test
  void cheapFramesComeTenTimesASecond() {
    FrameBudget budget = new FrameBudget(() -> cpu[0], () -> wall[0], 4);
    assertThat(frames(budget, 20, 2, 100)).isEqualTo(FrameBudget.MIN_NANOS);
  }

  @Test
  void costlyFramesAreSpacedSoTheUiKeepsToItsShareOfTheCores() {
    // 20 ms of CPU a frame on 2 cores: 2 % of 2 cores is 40 ms a second, so 2 frames a second
    FrameBudget budget = new FrameBudget(() -> cpu[0], () -> wall[0], 2);
    long next = frames(budget, 30, 20, 100);
    assertThat(next / 1e6).isCloseTo(20 / (FrameBudget.SHARE * 2), org.assertj.core.data.Offset.offset(1.0));
    // the same frames on 8 cores may come four times as often
    FrameBudget eight = new FrameBudget(() -> cpu[0], () -> wall[0], 8);
    assertThat(frames(eight, 30, 20, 100)).isCloseTo(next / 4, org.assertj.core.data.Offset.offset(1_000_000L));
  }

  @Test
  void evenVeryCostlyFramesComeOnceASecond() {
    FrameBudget budget = new FrameBudget(() -> cpu[0], () -> wall[0], 2);
    assertThat(frames(budget, 10, 300, 1000)).isEqualTo(FrameBudget.MAX_NANOS);
  }

  @Test
  void framesGetCheaperAgainAndTheRateFollows() {
    FrameBudget budget = new FrameBudget(() -> cpu[0], () -> wall[0], 2);
    assertThat(frames(budget, 20, 40, 1000)).isEqualTo(FrameBudget.MAX_NANOS);
    assertThat(frames(budget, 20, 1, 100)).isEqualTo(FrameBudget.MIN_NANOS);
  }

  @Test
  void cpuSpentWhileNoFramesCameIsNotAFramesCost() {
    FrameBudget budget = new FrameBudget(() -> cpu[0], () -> wall[0], 2);
    frames(budget, 10, 2, 100);
    // between two runs the window is idle for a minute, and the teacher clicks about (3 s of CPU)
    cpu[0] += 3_000_000_000L;
    wall[0] += 60_000_000_000L;
    assertThat(budget.nextFrameNanos()).isEqualTo(FrameBudget.MIN_NANOS);
    assertThat(frames(budget, 3, 2, 100)).isEqualTo(FrameBudget.MIN_NANOS);
  }
}
