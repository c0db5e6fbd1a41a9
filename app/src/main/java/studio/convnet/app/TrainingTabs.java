package studio.convnet.app;

import studio.convnet.app.race.RaceAxis;
import studio.convnet.app.race.RaceView;
import studio.convnet.app.race.RaceViewModel;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.Property;
import javafx.scene.control.Tab;
import studio.convnet.app.augmentation.AugmentationViewModel;
import studio.convnet.app.common.UiStallProbe;
import studio.convnet.app.runs.EngineRunSource;
import studio.convnet.app.runs.RunsView;
import studio.convnet.app.runs.RunsViewModel;
import studio.convnet.app.training.EngineBackend;
import studio.convnet.app.training.TrainingView;
import studio.convnet.app.training.TrainingViewModel;

/** The "Training" and "Runs" tabs, wired to the real engine; what they hold is closed on exit. */
final class TrainingTabs {

  /** The chapter's networks in the book's order: the second lesson races one recording of each. */
  static final List<String> CHAPTER = List.of("lenet", "alexnet", "vgg11-small", "nin", "googlenet", "resnet18",
      "densenet");

  final TrainingViewModel training;
  final RunsViewModel runs;
  final RaceViewModel race;
  final List<Tab> tabs;

  private TrainingTabs(TrainingViewModel training, RunsViewModel runs, RaceViewModel race, List<Tab> tabs) {
    this.training = training;
    this.runs = runs;
    this.race = race;
    this.tabs = tabs;
  }

  static TrainingTabs create(AppContext context, AugmentationViewModel augmentation) {
    TrainingViewModel training = new TrainingViewModel(EngineBackend.fromSystemProperties(), Platform::runLater, true);
    context.closeOnExit(training);
    Tab t = new Tab("Training", new TrainingView(training).createView());
    t.setId("tab-training");
    RunsViewModel runs = new RunsViewModel(new EngineRunSource(), Platform::runLater, true);
    context.closeOnExit(runs);
    RunsView runsView = new RunsView(runs);
    Tab r = new Tab("Runs", runsView.createView());
    r.setId("tab-runs");
    registerFilterRecipes(context, runs, runsView, r);
    // the augmentation lab's "Use for training" fills the training form's augmentation field
    augmentation.trainingSpecProperty().addListener((o, was, now) -> training.augmentProperty().set(now));
    registerActions(context, training, runs, r);
    autostart(training, t);
    String open = System.getProperty("convnet.openRun");
    if (open != null) {
      // for screenshots and lectures started from a script: open a recorded run in the Runs tab
      Platform.runLater(() -> {
        r.getTabPane().getSelectionModel().select(r);
        runs.open(java.nio.file.Path.of(open));
        String other = System.getProperty("convnet.compareRun");
        if (other != null) {
          runs.openCompare(java.nio.file.Path.of(other));
        }
      });
    }
    RaceViewModel race = new RaceViewModel(EngineBackend.fromSystemProperties(), Platform::runLater,
        task -> { Thread th = new Thread(task, "race-recording-reader"); th.setDaemon(true); th.start(); }, true);
    context.closeOnExit(race);
    Tab raceTab = new Tab("Race", new RaceView(race).createView());
    raceTab.setId("tab-race");
    // the second lesson's race: one recording per network of the chapter, on the multiply-adds axis
    context.registerAction("race.chapter", () -> {
      race.raceRecordings(CHAPTER.stream().flatMap(m -> Assets.recordingOf(m).stream()).toList(),
          RaceAxis.MULTIPLY_ADDS);
      raceTab.getTabPane().getSelectionModel().select(raceTab);
    });
    String raceRuns = System.getProperty("convnet.raceRuns");
    if (raceRuns != null) { // for screenshots: recorded runs side by side in the Race tab
      Platform.runLater(() -> {
        raceTab.getTabPane().getSelectionModel().select(raceTab);
        race.axisProperty().set(RaceAxis.valueOf(System.getProperty("convnet.raceAxis", "EPOCHS")));
        race.targetProperty().set(Double.parseDouble(System.getProperty("convnet.raceTarget", "0.7")));
        for (String dir : raceRuns.split(",")) {
          race.addRecording(java.nio.file.Path.of(dir.trim()));
        }
      });
    }
    return new TrainingTabs(training, runs, race, List.of(t, r, raceTab));
  }

  /**
   * The first lesson's last step: the AlexNet recorded with momentum and weight decay (filters that
   * form) replayed on its Filters tab; step 4 showed the book's recording.
   */
  private static void registerFilterRecipes(AppContext context, RunsViewModel runs, RunsView view, Tab runsTab) {
    context.registerAction("runs.alexnet-filters", () -> {
      List<java.nio.file.Path> recorded = Assets.recordedRuns();
      var formed = recorded.stream().filter(p -> p.getFileName().toString().equals("alexnet-80-momentum-wd")).findFirst();
      if (formed.isEmpty()) {
        return;
      }
      select(runsTab);
      runs.open(formed.get());
      runs.pageProperty().set(RunsViewModel.Page.REPLAY);
      view.panes().tabs().getSelectionModel().select(1); // Filters
    });
    context.registerSnapshot(() -> {
      int shown = view.panes().tabs().getSelectionModel().getSelectedIndex();
      return () -> view.panes().tabs().getSelectionModel().select(shown);
    });
  }

  /** What the lesson, the start page and the keyboard call: start/pause, the LeNet demo, the recorded runs. */
  private static void registerActions(AppContext context, TrainingViewModel training, RunsViewModel runs, Tab runsTab) {
    context.registerAction("training.toggle", () -> {
      if (!training.runningProperty().get()) {
        training.start();
      } else if (training.pausedProperty().get()) {
        training.resume();
      } else {
        training.pause();
      }
    });
    context.registerAction("training.start", () -> {
      if (!training.runningProperty().get()) {
        training.start();
      }
    });
    context.registerAction("training.lenet-demo", () -> {
      if (!training.runningProperty().get()) {
        training.presets().stream().filter(p -> p.id().equals("lenet-quick")).findFirst()
            .ifPresent(p -> training.presetProperty().set(p));
      }
    });
    context.setRunOpener(folder -> {
      select(runsTab);
      runs.open(folder);
    });
    context.registerAction("runs.recorded-alexnet", () -> {
      // the book's 10-epoch AlexNet before any other, against the book's LeNet (by model id:
      // "googlenet-…" contains "lenet" too, and was picked once it was recorded)
      Assets.recordingOf("alexnet").ifPresent(alex -> {
        select(runsTab);
        Assets.recordingOf("lenet").ifPresentOrElse(lenet -> runs.showComparison(alex, lenet), () -> runs.open(alex));
      });
    });
    context.registerSnapshot(runs::snapshot);
    // the form as the teacher left it, the preset first (choosing one fills the fields); a run the
    // lesson started keeps its settings
    List<Property<?>> form = List.of(training.presetProperty(), training.modelProperty(),
        training.inputSizeProperty(), training.batchSizeProperty(), training.learningRateProperty(),
        training.optimizerProperty(), training.momentumProperty(), training.weightDecayProperty(),
        training.epochsProperty(), training.maxTrainProperty(), training.maxTestProperty(),
        training.seedProperty(), training.deviceProperty(), training.filterEveryProperty(),
        training.probesProperty(), training.augmentProperty(), training.bookOverlayProperty());
    context.registerSnapshot(() -> {
      List<Runnable> restore = form.stream().map(TrainingTabs::restorer).toList();
      return () -> {
        if (!training.runningProperty().get()) {
          restore.forEach(Runnable::run);
        }
      };
    });
  }

  private static <T> Runnable restorer(Property<T> p) {
    T value = p.getValue();
    return () -> p.setValue(value);
  }

  private static void select(Tab tab) {
    if (tab.getTabPane() != null) {
      tab.getTabPane().getSelectionModel().select(tab);
    }
  }

  /**
   * For measurements and screenshots under Xvfb: {@code -Dconvnet.autostart=N} picks preset N (0-based;
   * optional {@code -Dconvnet.autostart.train=K} limits the training images) and presses Start;
   * {@code -Dconvnet.measureUi=true} runs the {@link UiStallProbe} during the run and prints its report
   * and the run's median images/s; {@code -Dconvnet.exitAfterRun=true} quits when the run ends.
   */
  private static void autostart(TrainingViewModel training, Tab tab) {
    String preset = System.getProperty("convnet.autostart");
    if (preset == null) {
      return;
    }
    Platform.runLater(() -> {
      if (tab.getTabPane() != null) {
        tab.getTabPane().getSelectionModel().select(tab);
      }
      training.presetProperty().set(training.presets().get(Integer.parseInt(preset.trim())));
      Integer limit = Integer.getInteger("convnet.autostart.train");
      if (limit != null) {
        training.maxTrainProperty().set(limit);
      }
      Integer epochs = Integer.getInteger("convnet.autostart.epochs");
      if (epochs != null) {
        training.epochsProperty().set(epochs);
      }
      UiStallProbe probe = Boolean.getBoolean("convnet.measureUi") ? new UiStallProbe() : null;
      training.runningProperty().addListener((o, was, now) -> {
        if (was && !now) {
          if (probe != null) {
            double[] ips = training.state().batches().stream()
                .mapToDouble(b -> b.imagesPerSecond()).filter(v -> v > 0).sorted().toArray();
            System.out.println("UI-PROBE " + training.config());
            System.out.println("UI-PROBE " + probe.stop().replace("\n", "\nUI-PROBE "));
            System.out.printf(java.util.Locale.ROOT, "UI-PROBE training median %.1f images/s over %d batch points; %s%n",
                ips.length == 0 ? Double.NaN : ips[ips.length / 2], ips.length,
                training.state().epochs().isEmpty() ? "" : "epoch seconds " + training.state().epochs().stream()
                    .map(e -> String.format(java.util.Locale.ROOT, "%.1f", e.seconds())).toList());
          }
          if (Boolean.getBoolean("convnet.exitAfterRun")) {
            Platform.exit();
          }
        }
      });
      if (probe != null) {
        probe.start();
      }
      training.start();
    });
  }
}
