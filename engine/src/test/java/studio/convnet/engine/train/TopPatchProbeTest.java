package studio.convnet.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.train.TestData.Recorder;

class TopPatchProbeTest {

  @Test
  void eachEpochListsTheStrongestTestImagesWithTheInputSquareTheirStrongestUnitSaw() throws Exception {
    TrainingSession s = new TrainingSession(TestData.quick().setEpochs(1).build());
    Recorder r = new Recorder();
    s.dataset(TestData.fashion()).addListener(r);
    s.start();
    assertThat(s.await(60, TimeUnit.SECONDS)).isTrue();

    List<TopPatches> tops = r.of(TopPatches.class);
    assertThat(tops).extracting(TopPatches::layer).containsExactly("conv1", "conv2");
    TopPatches conv1 = tops.get(0);
    assertThat(conv1.channelIds()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(conv1.patchShape()).containsExactly(1, 5, 5);
    assertThat(conv1.k()).isEqualTo(TopPatchProbe.K);
    assertThat(tops.get(1).patchShape()).containsExactly(1, 14, 14); // 5 + 1·1 + 4·2

    // the patch is what the filter saw: activation = filter · patch + bias, the same bias for every hit
    FilterSnapshot f = r.of(FilterSnapshot.class).get(r.of(FilterSnapshot.class).size() - 1);
    float[] w = f.weights();
    for (int c = 0; c < 6; c++) {
      double bias = Double.NaN;
      for (int h = 0; h < conv1.k(); h++) {
        assertThat(conv1.testIndex(c, h)).isBetween(0, 9999);
        if (h > 0) assertThat(conv1.activation(c, h)).isLessThanOrEqualTo(conv1.activation(c, h - 1));
        float[] p = conv1.patch(c, h);
        double dot = 0;
        for (int i = 0; i < 25; i++) dot += w[c * 25 + i] * p[i];
        double b = conv1.activation(c, h) - dot;
        if (Double.isNaN(bias)) bias = b;
        assertThat(b).as("channel %d hit %d", c, h).isCloseTo(bias, within(1e-4));
      }
    }
    // a hit is an image, each at most once per channel
    for (int c = 0; c < 6; c++) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int h = 0; h < conv1.k(); h++) assertThat(seen.add(conv1.testIndex(c, h))).isTrue();
    }
  }
}
