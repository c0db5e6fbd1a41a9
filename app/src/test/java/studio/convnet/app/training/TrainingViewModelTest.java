package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunState.Status;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.RunPaused;
import studio.convnet.engine.events.RunEvent.RunResumed;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.train.Presets;
import studio.convnet.engine.train.TrainingConfig;

class TrainingViewModelTest {

  /** A backend whose "training thread" is the test: it records commands and lets the test emit. */
  static final class ScriptedBackend implements TrainingBackend {
    RunEventListener listener;
    TrainingConfig settings;
    final List<String> commands = new ArrayList<>();
    double measuredIps = 5000;

    @Override
    public Control start(TrainingConfig s, RunEventListener l) {
      settings = s;
      listener = l;
      return new Control() {
        public void pause() { commands.add("pause"); }
        public void resume() { commands.add("resume"); }
        public void stop() { commands.add("stop"); }
        public void requestActivations() { commands.add("activations"); }
        public boolean await(long millis) { commands.add("await"); return true; }
        public Optional<Path> runFolder() { return Optional.of(Path.of("runs", "test-lenet")); }
      };
    }

    studio.convnet.engine.train.DurationEstimate measured;

    @Override
    public void measure(TrainingConfig s, Consumer<Measurement> done) {
      done.accept(measured != null ? new Measurement(measured, null) : new Measurement(measuredIps, "CPU (test)", null));
    }
  }

  final ScriptedBackend backend = new ScriptedBackend();

  @Test
  void theEstimateCountsStartWarmUpEvaluationAndProbesAndSaysHowSureItIs() {
    // 12 000 images at 3 000/s = 4 s, 2 000 test images at 10 000/s = 0.2 s, 0.3 s of probes: 4.5 s an epoch
    backend.measured = new studio.convnet.engine.train.DurationEstimate("CPU (test)", 3_000, 10_000, 0.4, 1.1, 0.3,
        0.17, 120, 9, 60_000, 10_000, 5.2, 2);
    vm.presetProperty().set(Presets.get("lenet-quick")); // 6 epochs of 12 000 images, 2 000 test images
    vm.estimate();
    assertThat(vm.estimateTextProperty().get())
        .contains("about 29 s for 6 epochs of 12,000 images") // 0.4 + 1.1 + 6 × 4.5
        .contains("±30 %").as("the floor on a busy machine").contains("120 batches timed after 9 to warm up")
        .contains("evaluation at 10000 images/s").contains("0.3 s of probes per epoch")
        .contains("Other programs were using the CPU (load 5.2 on 2 cores)");
  }
  final TrainingViewModel vm = new TrainingViewModel(backend, Runnable::run, false);

  @Test
  void presetsFillTheForm() {
    vm.presetProperty().set(Presets.get("alexnet-96-subset"));
    TrainingConfig s = vm.config();
    assertThat(s.model()).isEqualTo("alexnet");
    assertThat(s.inputSize()).isEqualTo(96);
    assertThat(s.maxTrainExamples()).isEqualTo(3000);
    vm.presetProperty().set(Presets.get("lenet-book"));
    assertThat(vm.config().learningRate()).isEqualTo(0.9);
    assertThat(vm.config().batchSize()).isEqualTo(256);
    assertThat(vm.config().epochs()).isEqualTo(10);
    assertThat(vm.config().maxTrainExamples()).as("0 in the form: all images").isZero();
  }

  @Test
  void aFakeRunDrivesStatusProgressAndButtons() {
    vm.start();
    assertThat(vm.runningProperty().get()).isTrue();
    assertThat(vm.runFolderTextProperty().get()).contains("test-lenet");
    List<RunEvent> events = FakeRun.run("run-1", 2, 10);
    for (int i = 0; i < 12; i++) {
      backend.listener.onEvent(events.get(i));
    }
    assertThat(vm.state().batchCount()).as("nothing before the FX thread drains").isZero();
    vm.drainNow();
    assertThat(vm.state().batchCount()).isGreaterThan(5);
    assertThat(vm.progressProperty().get()).isBetween(0.2, 0.6);
    assertThat(vm.deviceTextProperty().get()).contains("CPU (test)");
    assertThat(vm.speedTextProperty().get()).contains("1000 images/s").contains("epoch 1/2").contains("ETA");
    assertThat(vm.statusTextProperty().get()).contains("run-1").contains("live");

    vm.pause();
    backend.listener.onEvent(new RunPaused(2, 1, 9));
    vm.drainNow();
    assertThat(vm.pausedProperty().get()).isTrue();
    vm.resume();
    backend.listener.onEvent(new RunResumed(3, 1, 9));
    vm.drainNow();
    assertThat(vm.pausedProperty().get()).isFalse();

    for (int i = 12; i < events.size(); i++) {
      backend.listener.onEvent(events.get(i));
    }
    vm.drainNow();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.state().status()).isEqualTo(Status.FINISHED);
    assertThat(vm.progressProperty().get()).isEqualTo(1.0);
    assertThat(backend.commands).containsExactly("pause", "resume");
  }

  @Test
  void stopAsksTheRunToStopAndCloseWaitsForIt() throws Exception {
    vm.start();
    vm.stop();
    vm.close();
    assertThat(backend.commands).containsExactly("stop", "stop", "await");
  }

  @Test
  void anImpossibleInputSizeIsRefusedBeforeStarting() {
    vm.presetProperty().set(Presets.get("alexnet-96-subset"));
    vm.inputSizeProperty().set(28); // AlexNet's pools do not fit 28×28
    vm.start();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(backend.listener).isNull();
    assertThat(vm.statusTextProperty().get()).startsWith("InputSize 28 does not fit alexnet").doesNotContain("\n");
  }

  @Test
  void aLongEstimateSuggestsSmallerInputsAndASubset() {
    backend.measuredIps = 17;
    vm.presetProperty().set(Presets.get("alexnet-224-book"));
    vm.estimate();
    String t = vm.estimateTextProperty().get();
    assertThat(t).contains("17 training images/s").contains(" h ").contains("at 96 px").contains("3 000-image subset");
  }

  @Test
  void aShortEstimateHasNoSuggestions() {
    backend.measuredIps = 10_000;
    vm.presetProperty().set(Presets.get("lenet-quick"));
    vm.estimate();
    assertThat(vm.estimateTextProperty().get()).contains("10000 training images/s").doesNotContain("long");
  }

  @Test
  void everyPresetRoundTripsThroughTheForm() {
    for (Presets.Preset p : vm.presets()) {
      vm.presetProperty().set(p);
      assertThat(vm.config().record()).as(p.id()).isEqualTo(p.config().record());
    }
  }

  @Test
  void aBadNumberIsRefusedWithTheEnginesMessage() {
    vm.batchSizeProperty().set(0);
    vm.start();
    assertThat(backend.listener).isNull();
    assertThat(vm.statusTextProperty().get()).isEqualTo("BatchSize must be ≥ 1, got 0.");
  }

  @Test
  void probeImagesAreParsedAndBadOnesRefusedBeforeStarting() {
    vm.probesProperty().set("0, 7 42");
    assertThat(vm.config().probeIndices()).hasValueSatisfying(p -> assertThat(p).containsExactly(0, 7, 42));
    vm.probesProperty().set("3, x");
    vm.start();
    assertThat(backend.listener).isNull();
    assertThat(vm.statusTextProperty().get()).isEqualTo("Probe images: 'x' is not a test image number.");
    vm.probesProperty().set("3, -1");
    vm.start();
    assertThat(backend.listener).isNull();
    assertThat(vm.statusTextProperty().get()).isEqualTo("ProbeIndices must be ≥ 0, got -1.");
  }
}
