package studio.convnet.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.TestData;
import studio.convnet.engine.train.TrainingConfig;
import studio.convnet.engine.train.TrainingSession;

/** {@code runs looks}: recorded maps of a run, and maps made now from a recording's final weights. */
class RunsLooksTest {

  @TempDir Path tmp;

  @Test
  void theLeNetRecordingsWeightsLookAtAnyTestImageAndClass() {
    // test image 0 is an ankle boot (class 9)
    SummaryCommandTest.Result r = SummaryCommandTest.run("runs", "looks", "../assets/runs/lenet-quick-weights",
        "--image", "0", "--class", "9");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("test #0 (Ankle boot)").contains("saliency input, 28×28")
        .contains("class Ankle boot").contains("on the garment");
    assertThat(r.out().lines().filter(l -> l.startsWith("    ")).count()).as("the 28×28 map drawn as text, two pixels a character").isEqualTo(14);
    assertThat(SummaryCommandTest.run("runs", "looks", "../assets/runs/lenet-quick-weights", "--image", "0",
        "--class", "12").err()).contains("--class 12");
    assertThat(SummaryCommandTest.run("runs", "looks", "../assets/runs/lenet-quick-weights", "--image", "99999")
        .err()).contains("no test image 99999");
  }

  @Test
  void aRecordedRunListsItsMapsPerEpochAndProbe() throws Exception {
    TrainingConfig c = TestData.quick().setEpochs(1).optProbeIndices(0).build();
    RunWriter w = RunWriter.create(tmp, c.record(), c.spec());
    TrainingSession s = new TrainingSession(c).dataset(TestData.fashion()).addListener(w);
    s.start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();
    w.close();
    SummaryCommandTest.Result r = SummaryCommandTest.run("runs", "looks", w.folder().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("epoch 1 step 8  test #0 (Ankle boot)").contains("saliency input, 28×28")
        .contains("class Ankle boot");
  }
}
