package studio.convnet.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.events.EventCodec;
import studio.convnet.engine.events.RunConfig;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.events.RunState;

/**
 * The recordings shipped in assets/runs were written in format 1 (the config as a map of strings).
 * They must keep replaying exactly: every line decodes, the ones without sidecars re-encode to the
 * very same text, and the fold gives the numbers the README quotes.
 */
class RecordedRunsTest {

  static final Path RUNS = Path.of("..", "assets", "runs");

  @ParameterizedTest
  @CsvSource({
      "lenet-book-10-epochs, lenet, 28, 10, 0.8162",
      "alexnet-96-book, alexnet, 96, 10, 0.8192",
      "alexnet-224-short, alexnet, 224, 2, 0.638",
      "resnet18-64-subset, resnet18, 64, 2, 0.8441"})
  void aFormatOneRecordingReplaysAsBefore(String name, String model, int input, int epochs, double accuracy)
      throws Exception {
    Path dir = RUNS.resolve(name);
    List<RunEvent> events = RunReader.readAll(dir);
    RunState s = RunState.of(events);

    RunStarted st = s.started().orElseThrow();
    RunConfig c = st.config();
    assertThat(c.format()).isEqualTo(1);
    assertThat(c.model()).isEqualTo(model);
    assertThat(c.inputSize()).isEqualTo(input);
    assertThat(c.epochs()).isEqualTo(epochs);
    assertThat(c.embeddedData()).isTrue();
    assertThat(s.totalEpochs()).isEqualTo(epochs);
    assertThat(s.epochs()).extracting(EpochMetrics::epoch).hasSize(epochs);
    assertThat(s.status()).isEqualTo(RunState.Status.FINISHED);
    assertThat(s.epochs().get(epochs - 1).testAccuracy()).isEqualTo(accuracy);
    assertThat(s.problems()).isEmpty();
    assertThat(s.latestFilter()).isPresent();
    assertThat(s.activations()).isNotEmpty();

    // config.json (format 1) says the same as the RunStarted line, and resumes into a valid config
    RunFolder.Recorded recorded = RunFolder.readConfig(dir);
    assertThat(recorded.config()).isEqualTo(c);
    assertThat(recorded.spec().id()).isEqualTo(model);
    assertThat(recorded.spec()).isEqualTo(studio.convnet.engine.arch.Zoo.get(model)); // the graph spec, read back whole

    int same = 0;
    for (String line : Files.readAllLines(dir.resolve(RunFolder.EVENTS))) {
      if (line.contains("\"$bin\"") || line.startsWith("{\"type\":\"RunStarted\"")) {
        continue;
      }
      assertThat(EventCodec.toJson(EventCodec.fromJson(line))).isEqualTo(line);
      same++;
    }
    assertThat(same).isGreaterThan(epochs * 2);
  }

  @ParameterizedTest
  @CsvSource({
      "alexnet-80-adam-wd, alexnet, 80, 3, 0.716",
      "alexnet-80-momentum-wd, alexnet, 80, 6, 0.654",
      "lenet-quick-weights, lenet, 28, 6, 0.731"})
  void aFormatTwoRecordingReplaysWhole(String name, String model, int input, int epochs, double accuracy)
      throws Exception {
    Path dir = RUNS.resolve(name);
    RunReader.Recording rec = RunReader.read(dir);
    assertThat(rec.problems()).isEmpty();
    RunState s = RunState.of(rec.events());
    RunConfig c = s.started().orElseThrow().config();
    assertThat(c.format()).isEqualTo(RunConfig.FORMAT);
    assertThat(c.model()).isEqualTo(model);
    assertThat(c.inputSize()).isEqualTo(input);
    assertThat(s.status()).isEqualTo(RunState.Status.FINISHED);
    assertThat(s.epochs()).hasSize(epochs);
    assertThat(s.epochs().get(epochs - 1).testAccuracy()).isCloseTo(accuracy, org.assertj.core.api.Assertions.within(5e-4));
    assertThat(s.problems()).isEmpty();
    assertThat(s.latestFilter()).isPresent();
    assertThat(s.activations()).isNotEmpty();
    assertThat(s.latestPatches("conv1")).isPresent();
    assertThat(RunFolder.readConfig(dir).config()).isEqualTo(c);
  }

  /**
   * The chapter's recordings (format 2): one per network, each finished on the full 10 000-image test
   * set at 0.80 or more, with the first convolution's filters and the probes' block outputs, and the
   * network read back from config.json is the zoo's own.
   */
  @ParameterizedTest
  @CsvSource({
      "vgg11-small-64-subset, vgg11-small, 64, 6, 0.8718",
      "nin-96-subset, nin, 96, 12, 0.8101",
      "googlenet-32-subset, googlenet, 32, 7, 0.8347"})
  void aChapterRecordingReplaysOnTheFullTestSet(String name, String model, int input, int epochs, double accuracy)
      throws Exception {
    Path dir = RUNS.resolve(name);
    List<RunEvent> events = RunReader.readAll(dir);
    RunState s = RunState.of(events);
    RunStarted st = s.started().orElseThrow();
    assertThat(st.config().format()).isEqualTo(2);
    assertThat(st.model()).isEqualTo(model);
    assertThat(st.inputSize()).isEqualTo(input);
    assertThat(st.testSize()).isEqualTo(10_000);
    assertThat(s.status()).isEqualTo(RunState.Status.FINISHED);
    assertThat(s.problems()).isEmpty();
    assertThat(s.epochs()).extracting(EpochMetrics::epoch).hasSize(epochs);
    assertThat(s.epochs().get(epochs - 1).testAccuracy()).isEqualTo(accuracy).isGreaterThanOrEqualTo(0.80);
    assertThat(s.latestFilter()).isPresent();
    assertThat(s.activations()).isNotEmpty();
    assertThat(RunFolder.readConfig(dir).spec()).isEqualTo(studio.convnet.engine.arch.Zoo.get(model));
  }

  @org.junit.jupiter.api.Test
  void aFormatTwoConfigRoundTripsThroughJson() {
    RunConfig c = new RunConfig(RunConfig.FORMAT, "alexnet", 96, 128, 0.01, "SGD_MOMENTUM", 0.9, 1e-4, 3, "XAVIER",
        7, 3000, 1000, "gpu", "/data/kmnist", 4, 5, new int[] {0, 7}, List.of("hflip:p=0.5"), "bf16");
    assertThat(EventCodec.configFromJson(EventCodec.configToJson(c))).isEqualTo(c);
    assertThat(EventCodec.configToJson(c).getAsJsonObject().get("format").getAsInt()).isEqualTo(2);
  }
}
