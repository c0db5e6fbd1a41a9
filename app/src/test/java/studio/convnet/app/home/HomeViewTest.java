package studio.convnet.app.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.convnet.app.Assets;

class HomeViewTest {

  @Test
  void theStartPageShowsEachRecordedRunsProvenanceFacts() throws Exception {
    String text = """
        # Recorded run: LeNet, 10 epochs

        This is a **recording**.

        - **What:** LeNet
        - **Result:** test accuracy 0.8162 after 10 epochs; last epoch train loss
          0.4563
        - **Machine:** 2 vCPU, no GPU
        - **Command:** `java -jar x`
        - **Wall time:** 42.8 s
        """;
    assertThat(HomeView.heading(text)).contains("LeNet, 10 epochs");
    assertThat(HomeView.facts(text)).isEqualTo(
        "Result: test accuracy 0.8162 after 10 epochs; last epoch train loss 0.4563\n"
            + "Machine: 2 vCPU, no GPU\nWall time: 42.8 s");
    assertThat(HomeView.facts("")).isEqualTo("recorded run (no PROVENANCE.md)");
    assertThat(HomeView.result(text)).isEqualTo("test accuracy 0.8162 after 10 epochs; last epoch train loss 0.4563");
  }

  @Test
  void everyShippedRecordingSaysHowWhereAndWhenItWasMade() throws Exception {
    assertThat(Assets.recordedRuns()).isNotEmpty();
    for (Path run : Assets.recordedRuns()) {
      String p = Files.readString(run.resolve("PROVENANCE.md"));
      assertThat(p).as(run.toString()).contains("**Machine:**", "**Date:**", "**Command:**", "**Wall time:**", "recording");
      assertThat(Files.isRegularFile(run.resolve("config.json"))).as(run.toString()).isTrue();
      assertThat(Files.readString(run.resolve("events.jsonl"))).as(run.toString()).contains("\"RunFinished\"");
    }
  }
}
