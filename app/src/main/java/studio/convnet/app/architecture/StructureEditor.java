package studio.convnet.app.architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.convnet.engine.arch.CodeExport;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.StructureEdits;
import studio.convnet.engine.arch.StructureEdits.NewLayer;
import studio.convnet.engine.arch.StructureEdits.Result;

/**
 * Structural edits of the explorer's networks (insert, remove, move, duplicate a layer or its block;
 * swap sigmoid ↔ ReLU and average ↔ max; batch norm and dropout on and off), undo and redo across
 * every change of either network (field edits too), and a network as a variant: saved, opened,
 * exported as code, handed to Training. A view-model: no controls; a refused edit leaves the network
 * as it was and sets {@link #messageProperty()} to one line naming the layer.
 */
public final class StructureEditor {

  /** One change of one side's network, with the selection before and after. */
  private record Change(Side side, NetworkSpec before, NetworkSpec after, String selectBefore, String selectAfter) {}

  private final ArchitectureViewModel vm;
  private final Deque<Change> undo = new ArrayDeque<>();
  private final Deque<Change> redo = new ArrayDeque<>();
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private boolean applying;
  private String lastSelected = "";

  public StructureEditor(ArchitectureViewModel vm) {
    this.vm = vm;
    for (Side s : Side.values()) {
      // field edits and resets reach the spec without us: record them too, so Ctrl Z undoes them
      vm.specProperty(s).addListener((o, before, after) -> {
        if (!applying && before != null && !before.equals(after)) {
          push(new Change(s, before, after, lastSelected, currentSelection()));
        }
      });
      // another zoo model on a side starts that side afresh
      vm.bookProperty(s).addListener((o, a, b) -> forget(s));
    }
    vm.selectionProperty().addListener((o, a, b) -> lastSelected = b == null ? "" : b.layer());
    lastSelected = currentSelection();
  }

  private String currentSelection() {
    Selection sel = vm.selectionProperty().get();
    return sel == null ? "" : sel.layer();
  }

  // ---- edits ---------------------------------------------------------------------------------

  public boolean insertAfter(NewLayer kind) {
    return onLayer(p -> StructureEdits.insert(spec(), p, kind, true));
  }

  public boolean insertBefore(NewLayer kind) {
    return onLayer(p -> StructureEdits.insert(spec(), p, kind, false));
  }

  public boolean remove() {
    return onLayer(p -> StructureEdits.remove(spec(), p));
  }

  public boolean move(int delta) {
    return onLayer(p -> StructureEdits.move(spec(), p, delta));
  }

  public boolean duplicate() {
    return onLayer(p -> StructureEdits.duplicate(spec(), p));
  }

  /** Sigmoid ↔ ReLU, average ↔ max pooling. */
  public boolean swapKind() {
    return onLayer(p -> StructureEdits.swapKind(spec(), p));
  }

  public boolean toggleBatchNorm() {
    return onLayer(p -> StructureEdits.toggleAfter(spec(), p, NewLayer.BATCH_NORM));
  }

  public boolean toggleDropout() {
    return onLayer(p -> StructureEdits.toggleAfter(spec(), p, NewLayer.DROPOUT));
  }

  /** The block the block commands act on (an Inception, a residual unit, a VGG block), if any. */
  public Optional<String> selectedBlock() {
    Selection sel = vm.selectionProperty().get();
    return sel == null ? Optional.empty() : StructureEdits.enclosingBlock(spec(), sel.layer());
  }

  public boolean removeBlock() {
    return onBlock(p -> StructureEdits.remove(spec(), p));
  }

  public boolean moveBlock(int delta) {
    return onBlock(p -> {
      Result r = StructureEdits.move(spec(), p, delta);
      return new Result(r.spec(), StructureEdits.firstLeaf(r.spec(), p));
    });
  }

  public boolean duplicateBlock() {
    return onBlock(p -> StructureEdits.duplicate(spec(), p));
  }

  private NetworkSpec spec() {
    return vm.specProperty(side()).get();
  }

  private Side side() {
    Selection sel = vm.selectionProperty().get();
    return sel == null ? vm.tableSideProperty().get() : sel.side();
  }

  private boolean onLayer(Function<String, Result> edit) {
    Selection sel = vm.selectionProperty().get();
    if (sel == null) {
      message.set("select a layer first");
      return false;
    }
    return apply(sel.side(), edit, sel.layer());
  }

  private boolean onBlock(Function<String, Result> edit) {
    Optional<String> block = selectedBlock();
    if (block.isEmpty()) {
      message.set(currentSelection() + " is not inside a block");
      return false;
    }
    return apply(side(), edit, block.get());
  }

  private boolean apply(Side side, Function<String, Result> edit, String path) {
    Result r;
    try {
      r = edit.apply(path);
    } catch (IllegalArgumentException e) {
      message.set(e.getMessage());
      return false;
    }
    message.set("");
    Change c = new Change(side, vm.specProperty(side).get(), r.spec(), currentSelection(), r.select());
    set(side, r.spec(), r.select());
    if (!c.before().equals(c.after())) {
      push(c); // a change that changes nothing is not one to undo
    }
    return true;
  }

  private void set(Side side, NetworkSpec spec, String select) {
    applying = true;
    try {
      String leaf = spec.find(select).isPresent() ? StructureEdits.firstLeaf(spec, select)
          : spec.leaves().get(0).name();
      vm.setSpec(side, spec, leaf);
    } finally {
      applying = false;
    }
  }

  // ---- undo and redo -------------------------------------------------------------------------

  private void push(Change c) {
    undo.push(c);
    redo.clear();
    refresh();
  }

  private void forget(Side s) {
    undo.removeIf(c -> c.side() == s);
    redo.removeIf(c -> c.side() == s);
    refresh();
  }

  private void refresh() {
    canUndo.set(!undo.isEmpty());
    canRedo.set(!redo.isEmpty());
  }

  /** Ctrl Z: the last change of either network, undone; false when there is none. */
  public boolean undo() {
    Change c = undo.poll();
    if (c == null) {
      return false;
    }
    redo.push(c);
    set(c.side(), c.before(), c.selectBefore());
    message.set("");
    refresh();
    return true;
  }

  /** Ctrl Y: the last undone change, done again. */
  public boolean redo() {
    Change c = redo.poll();
    if (c == null) {
      return false;
    }
    undo.push(c);
    set(c.side(), c.after(), c.selectAfter());
    message.set("");
    refresh();
    return true;
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  /** Why the last edit, open or save was refused (one line), or empty text. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  // ---- a variant: name, file, code -----------------------------------------------------------

  /**
   * The side's network as a variant to save or train: unchanged networks keep their zoo id; an
   * edited zoo model becomes "{id}-variant", titled "{title}, variant".
   */
  public NetworkSpec variant(Side s) {
    NetworkSpec n = vm.specProperty(s).get();
    NetworkSpec book = vm.bookProperty(s).get();
    if (!vm.edited(s) || !n.id().equals(book.id())) {
      return n;
    }
    return n.withIdentity(n.id() + "-variant", n.title() + ", variant",
        "A variant of " + book.title() + " made in the explorer. " + book.description());
  }

  /** Saves the side's variant, named after the file ("lenet-relu.network.json" → id lenet-relu). */
  public boolean save(Side s, Path file) {
    String id = file.getFileName().toString().replaceFirst("(\\.network)?\\.json$", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    NetworkSpec v = variant(s);
    NetworkSpec named = id.isEmpty() || id.equals(v.id()) ? v
        : v.withIdentity(id, id.equals(vm.bookProperty(s).get().id()) ? v.title()
            : vm.bookProperty(s).get().title() + ", variant " + id, v.description());
    try {
      NetworkFile.save(named, file);
    } catch (IOException e) {
      message.set(file + ": cannot be written: " + e.getMessage());
      return false;
    }
    if (!named.equals(vm.specProperty(s).get())) {
      apply(s, p -> new Result(named, p), currentSelection());
    }
    message.set("");
    return true;
  }

  /** Opens a network file on a side (undoable); a bad file changes nothing and sets the message. */
  public boolean open(Side s, Path file) {
    NetworkSpec loaded;
    try {
      loaded = NetworkFile.load(file);
    } catch (IllegalArgumentException e) {
      message.set(e.getMessage());
      return false;
    }
    return apply(s, p -> new Result(loaded, loaded.leaves().get(0).name()), currentSelection());
  }

  /** Shows a network on a side as an undoable change (an exercise card's variant). */
  public void show(Side s, NetworkSpec network) {
    apply(s, p -> new Result(network, network.leaves().get(0).name()), currentSelection());
  }

  /** The side's network as the book's PyTorch code. */
  public String pytorchCode(Side s) {
    return CodeExport.pytorch(variant(s));
  }

  /** The side's network as a DJL Java class. */
  public String djlCode(Side s) {
    return CodeExport.djl(variant(s));
  }
}
