package studio.convnet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.events.FakeRun;

class MetricsCsvTest {

  @Test
  void batchRowsThenTheirEpochRowInOrder() {
    String csv = MetricsCsv.of(RunState.of(FakeRun.run("r", 2, 3)));
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(MetricsCsv.HEADER);
    assertThat(lines).hasSize(1 + 2 * 3 + 2);
    assertThat(lines.get(1)).startsWith("batch,1,1,1,0.100,");
    assertThat(lines.get(4)).startsWith("epoch,1,,,").contains(",0.5,0.8,0.71,,1.000");
    assertThat(lines.get(5)).startsWith("batch,2,1,4,");
    assertThat(lines.get(8)).startsWith("epoch,2,,,");
    for (String l : lines) {
      assertThat(l.split(",", -1)).hasSize(10);
    }
  }

  @Test
  void anEmptyRunIsJustTheHeader() {
    assertThat(MetricsCsv.of(new RunState())).isEqualTo(MetricsCsv.HEADER + "\n");
  }
}
