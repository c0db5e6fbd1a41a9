package studio.convnet.app.architecture;

import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;

/**
 * The explorer's folding commands: fold or open a block (in the diagram one box, in the table one
 * line), all blocks of a network at once, and the keyboard's → and ← on the selection. Folding a block
 * that holds the selection moves the selection to the block, so what is selected can always be seen.
 * The folds themselves are {@link Outline}'s state; no controls here.
 */
public final class Folding {

  private final Outline outline;
  private final Function<Side, NetworkSpec> spec;
  private final ObjectProperty<Selection> selection;
  private final Runnable changed;

  /**
   * @param outline which blocks are folded
   * @param spec the current (edited) network of a side
   * @param selection the explorer's selection, moved out of a block that is folded
   * @param changed called after every change of the folds (the table and diagram redraw)
   */
  Folding(Outline outline, Function<Side, NetworkSpec> spec, ObjectProperty<Selection> selection,
      Runnable changed) {
    this.outline = outline;
    this.spec = spec;
    this.selection = selection;
    this.changed = changed;
  }

  /** Whether the path names a block (a sequence, a concatenation, a residual unit). */
  public boolean isBlock(Side side, String path) {
    return spec.apply(side).find(path).map(LayerSpec::composite).orElse(false);
  }

  /** Whether a block is folded to one box (in the diagram) and one line (in the table). */
  public boolean isCollapsed(Side side, String path) {
    return outline.isCollapsed(side, path);
  }

  /** Whether nothing around the path is folded. */
  public boolean isVisible(Side side, String path) {
    return outline.visible(side, spec.apply(side), path);
  }

  /** Folds or opens a block; a selection inside a folded block moves to the block. */
  public void setCollapsed(Side side, String path, boolean fold) {
    if (!isBlock(side, path) || !outline.setCollapsed(side, path, fold)) {
      return;
    }
    Selection sel = selection.get();
    if (fold && sel != null && sel.side() == side && sel.layer().startsWith(path + "/")) {
      selection.set(new Selection(side, path));
    }
    changed.run();
  }

  public void toggle(Side side, String path) {
    setCollapsed(side, path, !isCollapsed(side, path));
  }

  /**
   * Opens every block of a network (fold = false), or folds them as at first (fold = true); a
   * selection that is folded away moves to the outermost block around it that can be seen.
   */
  public void setAllCollapsed(Side side, boolean fold) {
    outline.setAll(side, spec.apply(side), fold);
    Selection sel = selection.get();
    if (sel != null && sel.side() == side && !isVisible(side, sel.layer())) {
      NetworkSpec sp = spec.apply(side);
      selection.set(new Selection(side, Outline.ancestors(sp, sel.layer()).stream()
          .filter(a -> outline.visible(side, sp, a)).findFirst().orElse(sel.layer())));
    }
    changed.run();
  }

  /** Opens the selected block (keyboard →). */
  public void expandSelected() {
    Selection sel = selection.get();
    if (sel != null) {
      setCollapsed(sel.side(), sel.layer(), false);
    }
  }

  /** Folds the selected block, or the block around the selected layer (keyboard ←). */
  public void collapseSelected() {
    Selection sel = selection.get();
    if (sel == null) {
      return;
    }
    if (isBlock(sel.side(), sel.layer()) && !isCollapsed(sel.side(), sel.layer())) {
      setCollapsed(sel.side(), sel.layer(), true);
    } else {
      Outline.parent(spec.apply(sel.side()), sel.layer()).ifPresent(p -> setCollapsed(sel.side(), p, true));
    }
  }
}
