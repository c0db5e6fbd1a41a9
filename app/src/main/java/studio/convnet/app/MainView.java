package studio.convnet.app;

import static studio.convnet.app.presenter.PresenterKeys.plain;
import static studio.convnet.app.presenter.PresenterKeys.shortcut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import studio.convnet.app.common.ShownTabOnly;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import studio.convnet.app.architecture.ArchitectureView;
import studio.convnet.app.architecture.Exports;
import studio.convnet.app.architecture.Side;
import studio.convnet.app.common.MetricsCsv;
import studio.convnet.engine.events.RunState;
import studio.convnet.app.architecture.ArchitectureViewModel;
import studio.convnet.app.architecture.StructureBar;
import studio.convnet.app.architecture.StructureEditor;
import studio.convnet.app.exercises.ExercisesView;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.app.augmentation.AugmentationView;
import studio.convnet.app.augmentation.AugmentationViewModel;
import studio.convnet.app.augmentation.LabSetup;
import studio.convnet.app.home.HomeView;
import studio.convnet.app.presenter.ChapterLesson;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.app.presenter.Lesson;
import studio.convnet.app.presenter.LessonBar;
import studio.convnet.app.presenter.PresenterKeys;
import studio.convnet.app.presenter.PresenterKeys.Unless;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.engine.arch.Zoo;

/**
 * The main window's content: a presenter tool bar (lesson, theme, zoom, full screen) over one tab per
 * feature, the lesson bar under them. Keyboard: F11 full screen, Ctrl +/−/0 zoom, Ctrl+1…9 tabs,
 * PageDown/PageUp (and →/← outside editors) lesson steps, B or . blank screen, F5 or Ctrl+Space
 * start/pause training.
 */
public final class MainView {

  private final AppContext context;
  private final PresenterModel presenter;
  private final TabPane tabs = new TabPane();
  private final Lesson lesson = new Lesson(new Lesson.Host() {
    @Override
    public void select(String tabId) {
      MainView.this.select(tabId);
    }

    @Override
    public void run(String actionId) {
      context.runAction(actionId);
    }

    @Override
    public Runnable capture() {
      return captureForLesson();
    }
  });
  private BorderPane root;
  private AugmentationViewModel augmentation;
  private ArchitectureViewModel architecture;
  private TrainingTabs trainingTabs;

  public MainView(AppContext context, PresenterModel presenter) {
    this.context = context;
    this.presenter = presenter;
  }

  public Parent createView() {
    tabs.setId("mainTabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    addTab("tab-home", "Start", new HomeView(context, this::select, () -> startLesson()).createView());
    architecture = new ArchitectureViewModel();
    StructureEditor editor = new StructureEditor(architecture);
    StructureBar structure = new StructureBar(architecture, editor, new VariantActions());
    addTab("tab-architecture", "Architecture", new ArchitectureView(architecture, structure, presenter.diagnosticsProperty()).createView());
    addTab("tab-exercises", "Exercises", new ExercisesView(e -> {
      architecture.bookProperty(Side.LEFT).set(Zoo.get(e.baseModel()));
      architecture.bookProperty(Side.RIGHT).set(Zoo.get(e.baseModel()));
      architecture.inputSizeProperty().set(e.variantConfig().inputSize());
      editor.show(Side.LEFT, Zoo.get(e.baseModel())); // even if it was edited
      editor.show(Side.RIGHT, e.variant());
      select("tab-architecture");
    }, e -> {
      trainingTabs.race.raceExercise(e, Optional.empty());
      select("tab-race");
    }).createView());
    context.registerAction("architecture.book-pair", () -> architecture.present(Zoo.lenet(), Zoo.alexnet()));
    context.registerAction("architecture.predict", () -> {
      architecture.present(Zoo.lenet(), Zoo.alexnet());
      architecture.prediction().hideShapesProperty().set(true);
    });
    context.registerSnapshot(architecture::snapshot);
    registerChapterActions();
    augmentation = AugmentationViewModel.withFashionMnist();
    context.registerAction("augmentation.lesson", () -> LabSetup.lesson(augmentation));
    context.registerSnapshot(() -> LabSetup.capture(augmentation));
    trainingTabs = TrainingTabs.create(context, augmentation);
    tabs.getTabs().addAll(trainingTabs.tabs);
    tabs.getTabs().add(AugmentationView.tab(augmentation));
    ShownTabOnly.apply(tabs);

    root = new BorderPane(tabs);
    root.setTop(toolBar());
    root.setBottom(LessonBar.create(lesson));
    root.setId("mainRoot");
    applyZoom();
    presenter.zoomProperty().addListener((o, a, b) -> applyZoom());
    // B or . blanks the screen, as in a slide show; any key or a click brings it back
    Region blank = new Region();
    blank.setId("blankScreen");
    blank.setStyle("-fx-background-color: black;");
    blank.visibleProperty().bind(presenter.blankProperty());
    blank.setOnMouseClicked(e -> presenter.blankProperty().set(false));
    return new StackPane(root, blank);
  }

  /** The explorer's variant buttons: train it in the Training tab, race it in the Race tab. */
  private final class VariantActions implements StructureBar.Actions {
    @Override
    public void train(NetworkSpec variant, String baseModel) {
      var training = trainingTabs.training;
      training.trainVariant(variant, baseModel);
      // the Race tab follows what the Training tab trains, against the original's recording
      var race = trainingTabs.race;
      race.clear();
      Assets.recordingOf(baseModel).ifPresent(race::addRecording);
      race.follow(variant.title(), training.state(), training.stateVersionProperty());
      select("tab-training");
    }

    @Override
    public void race(NetworkSpec variant, String baseModel, boolean recording) {
      trainingTabs.race.raceVariant(variant, baseModel, recording ? Assets.recordingOf(baseModel) : Optional.empty());
      select("tab-race");
    }

    @Override
    public boolean hasRecording(String baseModel) {
      return Assets.recordingOf(baseModel).isPresent();
    }
  }

  /** Adds a feature's tab; its id is what the lesson and the start page select. */
  public Tab addTab(String id, String title, Node content) {
    Tab tab = new Tab(title, content);
    tab.setId(id);
    tabs.getTabs().add(tab);
    return tab;
  }

  /** Selects a tab by id; returns false when this build has no such tab. */
  public boolean select(String tabId) {
    Optional<Tab> tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst();
    tab.ifPresent(t -> tabs.getSelectionModel().select(t));
    return tab.isPresent();
  }

  AugmentationViewModel augmentation() {
    return augmentation;
  }

  ArchitectureViewModel architecture() {
    return architecture;
  }

  TrainingTabs trainingTabs() {
    return trainingTabs;
  }

  public Lesson lesson() {
    return lesson;
  }

  /** Starts the ten-minute lesson from its first step. */
  public void startLesson() {
    startLesson(Lesson.D2L_MODERN_CNNS);
  }

  /** Starts any lesson: a list of steps over the tabs and actions this window offers. */
  /** The second lesson's set-up: a pair of networks, one block opened, one layer pointed at. */
  private void registerChapterActions() {
    context.registerAction(ChapterLesson.GAP, () -> point(Zoo.alexnet(), Zoo.get("nin"), Side.RIGHT, "gap"));
    context.registerAction(ChapterLesson.ONE_BY_ONE,
        () -> point(Zoo.get("nin"), Zoo.get("googlenet"), Side.LEFT, "nin1", "nin1/conv2"));
    context.registerAction(ChapterLesson.INCEPTION, () -> point(Zoo.get("googlenet"), Zoo.get("resnet18"),
        Side.LEFT, "b3", "b3/inception3a", "b3/inception3a"));
    context.registerAction(ChapterLesson.RESIDUAL, () -> point(Zoo.get("resnet18"), Zoo.get("googlenet"),
        Side.LEFT, "b3", "b3/unit1", "b3/unit1/shortcut"));
    context.registerAction("lesson.chapter", () -> startLesson(ChapterLesson.STEPS));
  }

  /** Shows two networks as the book has them, opens the blocks named, selects the last path. */
  private void point(NetworkSpec left, NetworkSpec right, Side side, String... paths) {
    architecture.present(left, right);
    for (int i = 0; i < paths.length - 1; i++) {
      architecture.folding().setCollapsed(side, paths[i], false);
    }
    architecture.select(side, paths[paths.length - 1]);
  }

  public void startLesson(List<Lesson.Step> steps) {
    lesson.start(steps);
  }

  private Runnable captureForLesson() {
    Tab shown = tabs.getSelectionModel().getSelectedItem();
    Runnable views = context.capture();
    return () -> {
      views.run();
      tabs.getSelectionModel().select(shown);
    };
  }

  /** Installs the presenter keys: one scene-level filter, so no focused control can swallow them. */
  public void installShortcuts(Scene scene) {
    PresenterKeys keys = new PresenterKeys(presenter)
        .on(plain(KeyCode.F11), presenter::toggleFullScreen)
        .on(shortcut(KeyCode.DIGIT0), presenter::resetZoom)
        .on(shortcut(KeyCode.NUMPAD0), presenter::resetZoom)
        .on(plain(KeyCode.F5), () -> context.runAction("training.toggle"))
        .on(shortcut(KeyCode.SPACE), () -> context.runAction("training.toggle"))
        // clickers send PageDown/PageUp, some arrows, and B or . to blank the screen
        .on(plain(KeyCode.PAGE_DOWN), this::nextStep)
        .on(plain(KeyCode.PAGE_UP), this::previousStep)
        .on(plain(KeyCode.RIGHT), Unless.EDITING, lesson::next)
        .on(plain(KeyCode.LEFT), Unless.EDITING, lesson::previous)
        .on(plain(KeyCode.B), Unless.TYPING, this::blank)
        .on(plain(KeyCode.PERIOD), Unless.TYPING, this::blank);
    for (KeyCode in : List.of(KeyCode.EQUALS, KeyCode.PLUS, KeyCode.ADD)) {
      keys.on(shortcut(in), presenter::zoomIn);
    }
    for (KeyCode out : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
      keys.on(shortcut(out), presenter::zoomOut);
    }
    List<KeyCode> digits = List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
        KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9);
    for (int i = 0; i < digits.size(); i++) {
      int index = i;
      keys.on(shortcut(digits.get(i)), Unless.NOTHING, () -> {
        boolean exists = index < tabs.getTabs().size();
        if (exists) {
          tabs.getSelectionModel().select(index);
        }
        return exists;
      });
    }
    keys.install(scene);
  }

  private boolean blank() {
    presenter.toggleBlank();
    return true;
  }

  private void nextStep() {
    if (!lesson.activeProperty().get()) {
      startLesson();
    } else {
      lesson.next();
    }
  }

  private void previousStep() {
    lesson.previous();
  }

  private ToolBar toolBar() {
    ComboBox<PresenterModel.Theme> theme = new ComboBox<>();
    theme.setId("theme");
    theme.getItems().setAll(PresenterModel.Theme.values());
    theme.valueProperty().bindBidirectional(presenter.themeProperty());
    theme.setTooltip(new Tooltip("High-contrast themes read better on projectors"));
    Button minus = small("zoomOut", "A−", "Zoom out (Ctrl −)", presenter::zoomOut);
    Button plus = small("zoomIn", "A+", "Zoom in (Ctrl +)", presenter::zoomIn);
    Label zoom = new Label();
    zoom.setId("zoomLabel");
    zoom.textProperty().bind(presenter.zoomProperty().multiply(100).asString("%.0f %%"));
    Button full = small("fullScreen", "Full screen", "Full screen (F11)", presenter::toggleFullScreen);
    Button lessonButton = small("lessonStart", "Lesson ▶", "Step through the lesson (PageDown / PageUp)",
        () -> startLesson());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    return new ToolBar(lessonButton, exportMenu(), spacer, new Label("Theme"), theme, minus, zoom, plus, full);
  }

  /** Export: the visible view as PNG (any tab), the shown run's metrics as CSV (Training, Runs). */
  private MenuButton exportMenu() {
    MenuItem png = new MenuItem("This view as PNG…");
    png.setOnAction(e -> choose("PNG image", "*.png", currentTabId() + ".png").ifPresent(this::exportViewPng));
    MenuItem csv = new MenuItem("Metrics of the shown run as CSV…");
    csv.setOnAction(e -> choose("CSV table", "*.csv", "metrics.csv").ifPresent(this::exportMetricsCsv));
    CheckMenuItem timings = new CheckMenuItem("Show timings (diagnostics)");
    timings.setId("diagnostics");
    timings.selectedProperty().bindBidirectional(presenter.diagnosticsProperty());
    MenuButton menu = new MenuButton("Export", null, png, csv, new SeparatorMenuItem(), timings);
    menu.setId("exportMenu");
    menu.setOnShowing(e -> csv.setDisable(shownRun().isEmpty()));
    return menu;
  }

  private String currentTabId() {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    return t == null || t.getId() == null ? "view" : t.getId().replace("tab-", "");
  }

  private Optional<Path> choose(String what, String pattern, String name) {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
    chooser.setInitialFileName(name);
    return Optional.ofNullable(chooser.showSaveDialog(root.getScene().getWindow())).map(java.io.File::toPath);
  }

  /** Writes a snapshot of the selected tab's content (atomically); errors go to the lesson note line. */
  boolean exportViewPng(Path file) {
    try {
      Exports.writePng(file, tabs.getSelectionModel().getSelectedItem().getContent().snapshot(null, null));
      return true;
    } catch (IOException | RuntimeException ex) {
      showProblem("Could not write " + file + ": " + ex.getMessage());
      return false;
    }
  }

  /** The run the visible tab shows: the live run on Training, the replayed run (at the scrubber) on Runs. */
  Optional<RunState> shownRun() {
    String id = currentTabId();
    RunState s = id.equals("training") ? trainingTabs.training.state()
        : id.equals("runs") ? trainingTabs.runs.stateAtTime() : null;
    return Optional.ofNullable(s).filter(r -> r.started().isPresent());
  }

  boolean exportMetricsCsv(Path file) {
    Optional<RunState> run = shownRun();
    if (run.isEmpty()) {
      showProblem("Open the Training or Runs tab with a run to export its metrics.");
      return false;
    }
    try {
      Exports.writeText(file, MetricsCsv.of(run.get()));
      return true;
    } catch (IOException ex) {
      showProblem("Could not write " + file + ": " + ex.getMessage());
      return false;
    }
  }

  private void showProblem(String text) {
    new Alert(Alert.AlertType.WARNING, text).show(); // a message, never a stack trace
  }

  private static Button small(String id, String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  private void applyZoom() {
    root.setStyle("-fx-font-size: " + presenter.fontSize() + "px;");
  }
}
