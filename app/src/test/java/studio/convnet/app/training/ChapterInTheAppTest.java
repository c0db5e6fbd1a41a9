package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.train.Presets;

/**
 * Each chapter network trains from the Training tab's view-model through the real backend, as the
 * app does: its CPU preset chosen, shrunk to a few batches, run for real on FashionMNIST. The run
 * shows its first convolution's filters, every block's output for the probe and a finished epoch.
 */
class ChapterInTheAppTest {

  @TempDir Path runs;

  @ParameterizedTest
  @CsvSource({"vgg11-small,32,block1/conv1", "nin,96,nin1/conv1", "googlenet,32,b1/conv", "resnet18,32,b1/conv",
      "densenet,32,b1/conv"})
  void aChapterNetworkTrainsFromTheTrainingTab(String model, int size, String firstConv) throws Exception {
    // NiN and DenseNet used to end now and then in a NaN loss here ("diverged"): PyTorch 2.5.1's
    // oneDNN miscomputed convolutions whose summed-over channel count is not a multiple of 16 and
    // read never-written channel padding (NaN when freed memory held one). Fixed by
    // ToDjl.ChannelAlignedConv2d (evidence there and in engine/README.md); no retry any more.
    try (TrainingViewModel vm = new TrainingViewModel(new EngineBackend(runs), Runnable::run, false)) {
      vm.presetProperty().set(Presets.get(model + "-cpu"));
      assertThat(vm.modelProperty().get()).isEqualTo(model);
      vm.inputSizeProperty().set(size);
      vm.batchSizeProperty().set(32);
      vm.maxTrainProperty().set(64);
      vm.maxTestProperty().set(32);
      vm.epochsProperty().set(1);
      vm.optimizerProperty().set(studio.convnet.engine.train.TrainingConfig.OptimizerKind.SGD);
      vm.learningRateProperty().set(0.01);
      vm.filterEveryProperty().set(1);
      vm.probesProperty().set("0");
      vm.start();
      assertThat(vm.awaitEnd(180_000)).isTrue();
      vm.drainNow();

      RunState s = vm.state();
      String why = vm.statusTextProperty().get() + " / " + s.message();
      assertThat(s.status()).as(why).isEqualTo(RunState.Status.FINISHED);
      assertThat(s.epochs()).hasSize(1);
      assertThat(s.epochs().get(0).trainLoss()).isFinite();
      assertThat(s.latestFilter()).get().satisfies(f -> assertThat(f.layer()).isEqualTo(firstConv));
      var shown = s.activations().get(0).layers().stream().map(l -> l.layer()).toList();
      assertThat(shown).containsExactlyElementsOf(vm.config().spec().units().stream().map(u -> u.name()).toList());
    }
  }
}
