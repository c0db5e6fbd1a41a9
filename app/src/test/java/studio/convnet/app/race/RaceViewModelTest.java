package studio.convnet.app.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import studio.convnet.app.training.TrainingBackend;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.FakeRun;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEventListener;
import studio.convnet.engine.train.TrainingConfig;

class RaceViewModelTest {

  /** Records each started run; the test plays its events. */
  static final class Backend implements TrainingBackend {
    final List<TrainingConfig> configs = new ArrayList<>();
    final List<RunEventListener> listeners = new ArrayList<>();
    int stops;

    @Override
    public Control start(TrainingConfig c, RunEventListener l) {
      configs.add(c);
      listeners.add(l);
      return new Control() {
        public void pause() {}
        public void resume() {}
        public void stop() { stops++; }
        public void requestActivations() {}
        public boolean await(long millis) { return true; }
        public Optional<Path> runFolder() { return Optional.empty(); }
      };
    }

    @Override
    public void measure(TrainingConfig c, Consumer<Measurement> done) {}
  }

  final Backend backend = new Backend();
  final RaceViewModel vm = new RaceViewModel(backend, Runnable::run, Runnable::run, false);

  static final NetworkSpec RELU = Zoo.lenet().withIdentity("lenet-relu", "LeNet with ReLU", "")
      .withLayer("sigmoid1", l -> new LayerSpec.Activation("relu1", LayerSpec.Fn.RELU));

  private void play(int run, List<RunEvent> events) {
    events.forEach(backend.listeners.get(run)::onEvent);
    vm.drainNow();
  }

  @Test
  void aVariantRacesAFreshOriginalWithTheSameSettingsOneAfterTheOther() {
    vm.raceVariant(RELU, "lenet", Optional.empty());
    assertThat(backend.configs).hasSize(1); // one at a time
    TrainingConfig original = backend.configs.get(0);
    assertThat(original.spec()).isEqualTo(Zoo.lenet());
    assertThat(vm.racers()).hasSize(2);
    play(0, FakeRun.run("original", 2, 5));
    assertThat(backend.configs).hasSize(2);
    TrainingConfig variant = backend.configs.get(1);
    assertThat(variant.spec()).isEqualTo(RELU);
    assertThat(variant.seed()).isEqualTo(original.seed());
    assertThat(variant.inputSize()).isEqualTo(original.inputSize());
    assertThat(variant.maxTrainExamples()).isEqualTo(original.maxTrainExamples());
    assertThat(variant.epochs()).isEqualTo(original.epochs());
    assertThat(vm.runningProperty().get()).isTrue();
    play(1, FakeRun.run("variant", 2, 5));
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.statusProperty().get()).startsWith("Race over");
    assertThat(vm.racers()).allSatisfy(r -> assertThat(r.state().epochs()).hasSize(2));
  }

  @Test
  void theCostStripMeasuresEachRunFromItsEvents() {
    vm.addFresh("LeNet", TrainingConfig.bookDefaults("lenet").build());
    play(0, FakeRun.run("a", 3, 4));
    vm.targetProperty().set(0.0);
    RaceStats s = vm.stats().get(0);
    assertThat(s.params()).isEqualTo(61_706);
    assertThat(s.imagesPerSecond()).isEqualTo(1000);
    assertThat(s.epochsDone()).isEqualTo(3);
    assertThat(s.finalAccuracy()).isEqualTo(vm.racers().get(0).state().epochs().get(2).testAccuracy());
    assertThat(s.secondsToTarget()).isPresent();
    vm.targetProperty().set(1.01);
    assertThat(vm.stats().get(0).secondsToTarget()).isEmpty();
    assertThat(vm.stats().get(0).cells(1.01)[5]).isEqualTo("not yet");
  }

  @Test
  void aRecordingJoinsTheRaceAndTheOriginalCanBeOne() throws Exception {
    Path recorded = Path.of("../assets/runs/lenet-book-10-epochs");
    assertThat(Files.isDirectory(recorded)).isTrue();
    vm.raceVariant(RELU, "lenet", Optional.of(recorded));
    assertThat(backend.configs).hasSize(1); // only the variant trains
    assertThat(backend.configs.get(0).spec()).isEqualTo(RELU);
    RaceViewModel.Racer rec = vm.racers().get(0);
    assertThat(rec.fresh()).isFalse();
    assertThat(rec.state().epochs()).hasSize(10);
    assertThat(vm.label(rec)).isEqualTo("LeNet (d2l) at 28 px (recorded)");
    assertThat(vm.stats().get(0).finalAccuracy()).isBetween(0.8, 0.83);
  }

  @Test
  void stopDropsTheWaitingRunsAndClearEmptiesTheRace() {
    vm.raceVariant(RELU, "lenet", Optional.empty());
    vm.stop();
    assertThat(backend.stops).isEqualTo(1);
    play(0, FakeRun.run("original", 1, 2));
    assertThat(backend.configs).hasSize(1);
    vm.clear();
    assertThat(vm.racers()).isEmpty();
  }

  @Test
  void recordingsRaceOnTheWorkTheySpentWhateverMachineRecordedThem() {
    Path lenet = Path.of("../assets/runs/lenet-book-10-epochs");
    Path alex = Path.of("../assets/runs/alexnet-96-book");
    vm.raceRecordings(List.of(lenet, alex), RaceAxis.MULTIPLY_ADDS);
    assertThat(backend.configs).isEmpty(); // nothing trains: both are recordings
    assertThat(vm.statusProperty().get()).contains("Recorded runs");
    RaceViewModel.Racer l = vm.racers().get(0);
    RaceViewModel.Racer a = vm.racers().get(1);
    var last = (java.util.function.Function<RaceViewModel.Racer, Double>) r ->
        RaceAxis.MULTIPLY_ADDS.x(r.state().epochs().get(r.state().epochs().size() - 1), r.state());
    var st = a.state().started().orElseThrow();
    int epochs = a.state().epochs().size();
    assertThat(last.apply(a)).isCloseTo(epochs * st.trainSize() * (double) st.macs() * 3 / 1e12,
        org.assertj.core.data.Offset.offset(1e-9));
    // AlexNet at 96 px costs hundreds of times LeNet's multiply-adds per image
    assertThat(last.apply(a)).isGreaterThan(50 * last.apply(l));
    assertThat(RaceAxis.EPOCHS.x(a.state().epochs().get(0), a.state())).isEqualTo(1.0);
    vm.raceRecordings(List.of(lenet), RaceAxis.SECONDS); // a new race replaces the last
    assertThat(vm.racers()).hasSize(1);
    assertThat(vm.axisProperty().get()).isEqualTo(RaceAxis.SECONDS);
  }
}
