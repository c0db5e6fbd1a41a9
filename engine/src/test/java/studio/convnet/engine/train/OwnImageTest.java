package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.BatchMetrics;
import studio.convnet.engine.train.TestData.Recorder;

class OwnImageTest {

  @Test
  void aLiveRunClassifiesYourImageBetweenTwoBatchesWithEveryLayersOutput() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(20).build());
    Recorder r = new Recorder();
    CompletableFuture<ActivationSnapshot> answer = new CompletableFuture<>();
    s.dataset(TestData.fashion()).addListener(r).addListener(e -> {
      if (e instanceof BatchMetrics b && b.step() == 2) {
        float[] px = new float[28 * 28];
        for (int y = 4; y < 24; y++) for (int x = 10; x < 18; x++) px[y * 28 + x] = 1f; // a bar: trousers?
        s.classify(new OwnImage(px, 28, answer::complete));
      }
    });
    s.start();
    ActivationSnapshot a = answer.get(60, TimeUnit.SECONDS);
    s.stop();
    assertThat(s.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(a.testIndex()).isEqualTo(OwnImage.OWN);
    assertThat(a.image()).hasSize(28 * 28);
    assertThat(a.image()[5 * 28 + 12]).isEqualTo(1f);
    assertThat(a.layers()).hasSize(Zoo.lenetModern().units().size());
    double sum = 0;
    for (float p : a.probabilities()) sum += p;
    assertThat(sum).isCloseTo(1.0, within(1e-4));
    assertThat(r.of(ActivationSnapshot.class)).as("the own image is not recorded as a probe")
        .noneMatch(x -> x.testIndex() == OwnImage.OWN);
  }

  @Test
  void anImageMustBeSquare() {
    assertThatThrownBy(() -> new OwnImage(new float[10], 3, a -> { })).isInstanceOf(IllegalArgumentException.class);
  }
}
