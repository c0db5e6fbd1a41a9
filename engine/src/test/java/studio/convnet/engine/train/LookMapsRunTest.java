package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.train.TestData.Recorder;

/** Where the network looks, as a run produces it: after each epoch for the probes, and on request. */
class LookMapsRunTest {

  @Test
  void aRunLooksAtItsProbesEachEpochAndAtAnyImageAndClassOnRequest() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(1).optProbeIndices(0, 1).build());
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).addListener(r).addListener(e -> {
      if (e instanceof BatchMetrics b && b.step() == 2) {
        s.requestLook(7, 4);
      }
    });
    s.start();
    assertThat(s.await(120, TimeUnit.SECONDS)).isTrue();

    var looks = r.of(LookMaps.class);
    assertThat(looks).as("lenet-modern has no global average pooling: saliency only")
        .allMatch(l -> l.method().equals(LookMaps.SALIENCY));
    LookMaps asked = looks.stream().filter(l -> l.testIndex() == 7).findFirst().orElseThrow();
    assertThat(asked.classes()).containsExactly(4);
    assertThat(asked.epoch()).isEqualTo(1);
    assertThat(asked.label()).isEqualTo(TestData.fashion().testLabels().labels()[7] & 0xff);
    for (int probe : new int[] {0, 1}) {
      LookMaps l = looks.stream().filter(x -> x.testIndex() == probe).findFirst().orElseThrow();
      assertThat(l.classes()[0]).isEqualTo(l.label());
      assertThat(l.classes()).hasSize(l.predicted() == l.label() ? 1 : 2);
      assertThat(l.mapShape()).containsExactly(28, 28);
      assertThat(l.image()).hasSize(28 * 28);
      float max = 0;
      for (float v : l.maps()) max = Math.max(max, v);
      assertThat(max).as("a trained network's score depends on its input").isPositive();
    }
    RunState st = RunState.of(r.events);
    assertThat(st.look(7, LookMaps.SALIENCY, 4)).isPresent();
    assertThat(st.look(7, LookMaps.SALIENCY, 5)).isEmpty();
    assertThat(st.look(0, LookMaps.CAM, 0)).isEmpty();
  }
}
