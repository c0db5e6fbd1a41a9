package studio.convnet.app.architecture;

import java.io.File;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.StructureEdits.NewLayer;

/**
 * The explorer's structure controls: insert / remove / move / duplicate / change kind of the
 * selected layer or its block, undo and redo (Ctrl Z, Ctrl Y, also Ctrl Shift Z), open and save a
 * variant, export it as code, and "Train this variant". Only calls {@link StructureEditor}.
 */
public final class StructureBar {

  private final ArchitectureViewModel model;
  private final StructureEditor editor;
  private final Actions actions;
  private final Label status = new Label();

  /** What the variant buttons do elsewhere in the app; each gets the variant and its zoo model's id. */
  public interface Actions {
    /** "Train this variant": the Training tab with the variant and settings that fit. */
    void train(NetworkSpec variant, String baseModel);

    /** "Race against the original": a fresh run of the original (same settings, seed) or its recording. */
    void race(NetworkSpec variant, String baseModel, boolean recording);

    /** Whether the original has a recording to race against. */
    boolean hasRecording(String baseModel);
  }

  public StructureBar(ArchitectureViewModel model, StructureEditor editor, Actions actions) {
    this.model = model;
    this.editor = editor;
    this.actions = actions;
  }

  public Node createView() {
    MenuButton insert = new MenuButton("Insert");
    insert.setId("structInsert");
    for (NewLayer k : NewLayer.values()) {
      MenuItem item = new MenuItem(label(k));
      item.setId("insert-" + k.name());
      item.setOnAction(e -> editor.insertAfter(k));
      insert.getItems().add(item);
    }
    Button remove = button("structRemove", "Remove", editor::remove);
    Button up = button("structUp", "↑", () -> editor.move(-1));
    Button down = button("structDown", "↓", () -> editor.move(1));
    Button dup = button("structDuplicate", "Duplicate", editor::duplicate);
    Button kind = button("structKind", "Sigmoid↔ReLU / avg↔max", editor::swapKind);
    Button bn = button("structBatchNorm", "± batch norm", editor::toggleBatchNorm);
    Button drop = button("structDropout", "± dropout", editor::toggleDropout);
    MenuButton block = new MenuButton("Block");
    block.setId("structBlock");
    block.getItems().addAll(
        item("blockDuplicate", "Duplicate block", editor::duplicateBlock),
        item("blockUp", "Move block up", () -> editor.moveBlock(-1)),
        item("blockDown", "Move block down", () -> editor.moveBlock(1)),
        item("blockRemove", "Remove block", editor::removeBlock));
    block.setOnShowing(e -> block.setText(editor.selectedBlock().map(b -> "Block " + b).orElse("Block")));
    Button undo = button("structUndo", "Undo", editor::undo);
    undo.disableProperty().bind(editor.canUndoProperty().not());
    Button redo = button("structRedo", "Redo", editor::redo);
    redo.disableProperty().bind(editor.canRedoProperty().not());

    Button open = new Button("Open…");
    open.setId("variantOpen");
    open.setOnAction(e -> choose(open, false).ifPresent(f -> editor.open(side(), f)));
    Button save = new Button("Save variant…");
    save.setId("variantSave");
    save.setOnAction(e -> choose(save, true).ifPresent(f -> {
      if (editor.save(side(), f)) {
        status.setText("saved " + f.getFileName());
      }
    }));
    MenuButton code = new MenuButton("Code");
    code.setId("variantCode");
    code.getItems().addAll(
        item("copyPytorch", "Copy as PyTorch", () -> copy(editor.pytorchCode(side()), "PyTorch")),
        item("copyDjl", "Copy as DJL Java", () -> copy(editor.djlCode(side()), "DJL Java")),
        item("saveCode", "Save as code…", this::saveCode));
    Button train = new Button("Train this variant");
    train.setId("trainVariant");
    train.getStyleClass().add("accent");
    train.setOnAction(e -> actions.train(editor.variant(side()), base()));
    MenuButton race = new MenuButton("Race against the original");
    race.setId("raceVariant");
    MenuItem fresh = item("raceFresh", "…a fresh run (same settings and seed)", () -> race(false));
    MenuItem recorded = item("raceRecorded", "…its recording", () -> race(true));
    race.getItems().addAll(fresh, recorded);
    race.setOnShowing(e -> recorded.setDisable(!actions.hasRecording(base())));

    for (var n : new javafx.scene.control.Control[] {insert, block, open, save, code, train, race}) {
      n.getStyleClass().add("small");
    }
    status.setId("structStatus");
    status.getStyleClass().add("shape-error");
    status.setWrapText(true);
    editor.messageProperty().addListener((o, a, b) -> status.setText(b));
    FlowPane edits = new FlowPane(6, 4, new Label("Structure:"), insert, remove, up, down, dup, kind, bn, drop,
        block, undo, redo);
    FlowPane files = new FlowPane(6, 4, new Label("Variant:"), open, save, code, train, race);
    edits.setAlignment(Pos.CENTER_LEFT);
    files.setAlignment(Pos.CENTER_LEFT);
    return new VBox(4, edits, files, status);
  }

  /**
   * The keys on {@code root}, the context menu on the table and on the diagram (a right click
   * selects the layer under the pointer first; {@code hit} finds it).
   */
  public void attach(Node root, javafx.scene.control.Control table, Node diagram,
      java.util.function.BiFunction<Double, Double, java.util.Optional<Selection>> hit) {
    installKeys(root);
    table.setContextMenu(contextMenu());
    ContextMenu menu = contextMenu();
    diagram.setOnContextMenuRequested(e -> hit.apply(e.getX(), e.getY()).ifPresent(s -> {
      model.select(s.side(), s.layer());
      menu.show(diagram, e.getScreenX(), e.getScreenY());
    }));
  }

  /** Ctrl Z / Ctrl Y (and Ctrl Shift Z), Alt ↑/↓ on {@code target} while it shows. */
  public void installKeys(Node target) {
    KeyCombination undo = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    KeyCombination redo = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    KeyCombination redo2 = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    KeyCombination up = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    KeyCombination down = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    target.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
        return; // a spinner's text keeps its own undo
      }
      boolean done = redo2.match(e) ? editor.redo() : undo.match(e) ? editor.undo()
          : redo.match(e) ? editor.redo() : up.match(e) ? editor.move(-1)
          : down.match(e) ? editor.move(1) : false;
      if (done || redo2.match(e) || undo.match(e) || redo.match(e)) {
        e.consume();
      }
    });
  }

  /** A context menu with the layer and block edits, for the diagram and the table. */
  public ContextMenu contextMenu() {
    Menu insert = new Menu("Insert after");
    for (NewLayer k : NewLayer.values()) {
      insert.getItems().add(item("ctx-insert-" + k.name(), label(k), () -> editor.insertAfter(k)));
    }
    return new ContextMenu(insert,
        item("ctxRemove", "Remove layer", editor::remove),
        item("ctxUp", "Move up", () -> editor.move(-1)),
        item("ctxDown", "Move down", () -> editor.move(1)),
        item("ctxDuplicate", "Duplicate layer", editor::duplicate),
        item("ctxKind", "Sigmoid ↔ ReLU / average ↔ max", editor::swapKind),
        item("ctxBatchNorm", "Batch norm after: on/off", editor::toggleBatchNorm),
        item("ctxDropout", "Dropout after: on/off", editor::toggleDropout),
        new SeparatorMenuItem(),
        item("ctxBlockDuplicate", "Duplicate block", editor::duplicateBlock),
        item("ctxBlockRemove", "Remove block", editor::removeBlock),
        new SeparatorMenuItem(),
        item("ctxUndo", "Undo (Ctrl Z)", editor::undo),
        item("ctxRedo", "Redo (Ctrl Y)", editor::redo));
  }

  private String base() {
    return model.bookProperty(side()).get().id();
  }

  private boolean race(boolean recording) {
    actions.race(editor.variant(side()), base(), recording);
    return true;
  }

  private Side side() {
    Selection sel = model.selectionProperty().get();
    return sel == null ? model.tableSideProperty().get() : sel.side();
  }

  private static String label(NewLayer k) {
    return switch (k) {
      case CONV -> "Conv 16, 3×3, pad 1";
      case MAX_POOL -> "Max pool 2×2";
      case AVG_POOL -> "Avg pool 2×2";
      case RELU -> "ReLU";
      case SIGMOID -> "Sigmoid";
      case BATCH_NORM -> "Batch norm";
      case DROPOUT -> "Dropout 0.5";
      case DENSE -> "Dense 64";
      case FLATTEN -> "Flatten";
      case GLOBAL_AVG_POOL -> "Global average pool";
    };
  }

  private static Button button(String id, String text, BooleanSupplier action) {
    Button b = new Button(text);
    b.setId(id);
    b.getStyleClass().add("small");
    b.setMnemonicParsing(false);
    b.setOnAction(e -> action.getAsBoolean());
    return b;
  }

  private static MenuItem item(String id, String text, BooleanSupplier action) {
    MenuItem i = new MenuItem(text);
    i.setId(id);
    i.setMnemonicParsing(false);
    i.setOnAction(e -> action.getAsBoolean());
    return i;
  }

  private boolean copy(String text, String what) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
    status.setText("copied the network as " + what);
    return true;
  }

  /** Saves the code: a .py file gets PyTorch, a .java file DJL Java (named after its class). */
  private boolean saveCode() {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PyTorch", "*.py"),
        new FileChooser.ExtensionFilter("DJL Java", "*.java"));
    chooser.setInitialDirectory(new File(System.getProperty("user.home")));
    chooser.setInitialFileName(editor.variant(side()).id().replace('-', '_') + ".py");
    File f = chooser.showSaveDialog(status.getScene().getWindow());
    if (f == null) {
      return false;
    }
    try {
      boolean java = f.getName().endsWith(".java");
      Exports.writeText(java ? f.toPath().resolveSibling(
          studio.convnet.engine.arch.CodeExport.className(editor.variant(side())) + ".java") : f.toPath(),
          java ? editor.djlCode(side()) : editor.pytorchCode(side()));
      status.setText("saved the network as " + (java ? "DJL Java" : "PyTorch") + " code");
      return true;
    } catch (java.io.IOException e) {
      status.setText(f + ": cannot be written: " + e.getMessage());
      return false;
    }
  }

  private java.util.Optional<Path> choose(Node owner, boolean save) {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Network files", "*.json"));
    chooser.setInitialDirectory(new File(System.getProperty("user.home")));
    if (save) {
      chooser.setInitialFileName(editor.variant(side()).id() + NetworkFile.EXTENSION);
    }
    File f = save ? chooser.showSaveDialog(owner.getScene().getWindow())
        : chooser.showOpenDialog(owner.getScene().getWindow());
    return java.util.Optional.ofNullable(f).map(File::toPath);
  }
}
