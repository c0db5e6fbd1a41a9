package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The explanation of issue 15, measured on the shipped book AlexNet (96 px, plain SGD, no weight
 * decay): the filters start as noise (about 9 of 121 frequencies visible, ~7 %), and what training
 * changes is nearly all visible to the upsampled data — the invisible rest stays the random start.
 */
class RunsFiltersTest {

  @Test
  void theBookAlexnetsFiltersChangeOnlyWhereTheDataCanSee() {
    SummaryCommandTest.Result r = SummaryCommandTest.run("runs", "filters", "../assets/runs/alexnet-96-book");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Arrays.asList(r.out().split("\n"));
    assertThat(lines.get(0)).contains("conv1, 96 filters of 1×11×11").contains("visible up to 0.146 cycles per pixel");
    double[] first = numbers(lines.get(2));
    double[] last = numbers(lines.get(lines.size() - 1));
    assertThat(first[0]).isEqualTo(50); // step
    assertThat(first[2]).isBetween(0.06, 0.10); // noise level at the start
    assertThat(last[0]).isEqualTo(4690);
    assertThat(last[2]).isBetween(0.40, 0.55); // still half noise after 10 epochs
    assertThat(last[4]).isGreaterThan(0.85); // the change itself is almost all visible
    assertThat(last[5]).isBetween(0.97, 1.05); // and the invisible part is the random start, nearly untouched
  }

  @Test
  void withMomentumAndWeightDecayTheFiltersFormInThreeHundredSteps() {
    // the same band of frequencies is visible at 80 px as at 96 px; weight decay shrinks the rest
    SummaryCommandTest.Result r = SummaryCommandTest.run("runs", "filters", "../assets/runs/alexnet-80-momentum-wd");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Arrays.asList(r.out().split("\n"));
    assertThat(lines.get(0)).contains("visible up to 0.175 cycles per pixel");
    double[] first = numbers(lines.get(2));
    double[] last = numbers(lines.get(lines.size() - 1));
    assertThat(first[2]).isBetween(0.06, 0.10); // noise at the start, as the book's
    assertThat(last[0]).isEqualTo(300);
    assertThat(last[2]).isGreaterThan(0.65); // mostly visible: the book's run has 0.47 after 4 690 steps
    assertThat(last[5]).isLessThan(0.6); // the invisible random start shrank by almost half
  }

  private static double[] numbers(String line) {
    return Arrays.stream(line.trim().split("\\s+")).filter(t -> t.matches("[0-9.]+")).mapToDouble(Double::parseDouble).toArray();
  }
}
