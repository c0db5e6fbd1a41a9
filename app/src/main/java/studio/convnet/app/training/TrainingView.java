package studio.convnet.app.training;

import studio.convnet.app.common.Throttle;
import studio.convnet.engine.train.Presets;
import studio.convnet.app.common.ZoomWidth;
import studio.convnet.app.dashboard.DashboardPanes;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;

/**
 * The Training tab: settings and run controls on the left, the live dashboard (curves, filters,
 * activations, confusion matrix) on the right. Binds to {@link TrainingViewModel}; redraws the
 * dashboard once per event-pump frame (at most 10 a second, fewer where frames cost much CPU:
 * {@code common/FrameBudget}), and only when the run's state changed.
 */
public final class TrainingView {

  /**
   * Minimum nanoseconds between dashboard redraws. The event pump already posts frames at least
   * 100 ms apart ({@code FxEventPump.FRAME_NANOS}); a shorter interval here lets each frame's redraw
   * run in that frame's own callback instead of a second one (one pulse a frame, docs/dashboard.md).
   */
  static final long REDRAW_NANOS = 80_000_000L;

  private final TrainingViewModel vm;
  private DashboardPanes panes;
  private Throttle redraw;

  public TrainingView(TrainingViewModel vm) {
    this.vm = vm;
  }

  public Parent createView() {
    Label presetLabel = new Label("Preset");
    ComboBox<Presets.Preset> preset = new PresetBox(vm.presets()); // whole names, wrapped
    preset.setId("preset");
    preset.valueProperty().bindBidirectional(vm.presetProperty());
    PropertySheet sheet = SettingsSheet.create(vm);
    sheet.setPrefHeight(330);
    sheet.setMinHeight(200);

    Button start = button("startRun", "Start");
    Button pause = button("pauseRun", "Pause");
    Button resume = button("resumeRun", "Resume");
    Button stop = button("stopRun", "Stop");
    start.getStyleClass().add("accent");
    start.setOnAction(e -> vm.start());
    pause.setOnAction(e -> vm.pause());
    resume.setOnAction(e -> vm.resume());
    stop.setOnAction(e -> vm.stop());
    start.disableProperty().bind(vm.runningProperty());
    pause.disableProperty().bind(vm.runningProperty().not().or(vm.pausedProperty()));
    resume.disableProperty().bind(vm.pausedProperty().not());
    stop.disableProperty().bind(vm.runningProperty().not());
    sheet.disableProperty().bind(vm.runningProperty());
    preset.disableProperty().bind(vm.runningProperty());
    FlowPane buttons = new FlowPane(6, 6, start, pause, resume, stop); // wraps rather than cuts when zoomed

    Button estimate = button("estimateRun", "Estimate duration");
    estimate.setOnAction(e -> vm.estimate());
    estimate.disableProperty().bind(vm.measuringProperty().or(vm.runningProperty()));
    Label estimateText = label("estimateText");
    estimateText.textProperty().bind(vm.estimateTextProperty());

    Label device = label("deviceText");
    device.textProperty().bind(vm.deviceTextProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("runProgress");
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.setMinHeight(14);
    progress.progressProperty().bind(vm.progressProperty());
    Label speed = label("speedText");
    speed.textProperty().bind(vm.speedTextProperty());
    Label status = label("statusText");
    status.textProperty().bind(vm.statusTextProperty());
    status.setStyle("-fx-font-weight: bold");
    Label folder = label("runFolderText");
    folder.textProperty().bind(vm.runFolderTextProperty());
    CheckBox book = new CheckBox("Show the book's end-points (d2l)");
    book.setId("bookOverlay");
    book.setWrapText(true); // at 132 % it read "Show the book's end-points (…"
    book.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label noBook = label("bookOverlayNote");
    noBook.getStyleClass().add("text-muted");
    // where the book reports nothing for these settings the box is off and disabled, and says why
    Runnable bookSync = () -> {
      String why = vm.bookOverlayNoteProperty().get();
      book.selectedProperty().unbindBidirectional(vm.bookOverlayProperty());
      book.setDisable(!why.isEmpty());
      if (why.isEmpty()) {
        book.selectedProperty().bindBidirectional(vm.bookOverlayProperty());
      } else {
        book.setSelected(false);
      }
      noBook.setText(why.isEmpty() ? "" : "No book end-point: " + why + ".");
    };
    vm.bookOverlayNoteProperty().addListener((o, a, b) -> bookSync.run());
    bookSync.run();

    VBox left = new VBox(8, presetLabel, preset, sheet, buttons, estimate, estimateText,
        new Label(" "), status, device, progress, speed, folder, book, noBook);
    left.setPadding(new Insets(8));
    left.setId("trainingSettings");
    left.setFillWidth(true);
    ScrollPane leftScroll = new ScrollPane(left);
    leftScroll.setFitToWidth(true);
    leftScroll.setFitToHeight(false);
    // 340 px, or wider at the presenter's zoom: 24 times the font size (474 px at 152 %), room for the
    // settings' names and their editors, where a fixed width cut the names while their text grew
    leftScroll.minWidthProperty().bind(ZoomWidth.atLeast(340, 24, presetLabel));

    panes = new DashboardPanes(vm::refreshActivations, "train-");
    panes.activations().setLookRequester(vm::requestLook);
    panes.activations().setRefreshEnabled(false);
    panes.pad().setClassifier(new studio.convnet.app.dashboard.Classifier() {
      @Override
      public String source() {
        return "the live run, as it is now (between two batches)";
      }

      @Override
      public boolean live() {
        return true;
      }

      @Override
      public void classify(float[] pixels, int side, java.util.function.Consumer<
          studio.convnet.engine.events.RunEvent.ActivationSnapshot> done, java.util.function.Consumer<String> failed) {
        if (!vm.classify(new studio.convnet.engine.train.OwnImage(pixels, side, done))) {
          failed.accept("No run is training: press Start (or open a recording in Runs).");
        }
      }
    });
    vm.runningProperty().addListener((o, a, b) -> panes.activations().setRefreshEnabled(b));
    vm.bookOverlayProperty().addListener((o, a, b) -> {
      panes.curves().setBookOverlay(b);
      panes.refresh(vm.state());
    });
    SplitPane split = new SplitPane(leftScroll, panes.view());
    split.setDividerPositions(0.27);
    split.setId("trainingView");
    split.getStyleClass().add("dashboard-root");

    // redraw on change, at most every REDRAW_NANOS: no timer of our own (an AnimationTimer would
    // keep JavaFX pulsing 60 times a second even when nothing changes)
    redraw = new Throttle(REDRAW_NANOS, () -> panes.refresh(vm.state()));
    vm.stateVersionProperty().addListener((o, a, b) -> redraw.request());
    return split;
  }

  public DashboardPanes panes() {
    return panes;
  }

  private static Button button(String id, String text) {
    Button b = new Button(text);
    b.setId(id);
    return b;
  }

  private static Label label(String id) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.setAlignment(Pos.TOP_LEFT);
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }
}
