package studio.convnet.app.presenter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The presenter's keys as one scene-level event filter: it sees every key before the focused control
 * does, so a click on a table, a diagram or a text field cannot swallow PageDown. Keys that controls
 * need for themselves (arrows, letters) are only taken when the focused control would not use them:
 * letters never from a text field being typed in, arrows never from a text field, spinner, slider,
 * combo box or a node marked {@link #KEEPS_ARROWS}.
 */
public final class PresenterKeys implements EventHandler<KeyEvent> {

  /** Which focused controls keep a key for themselves. */
  public enum Unless {
    /** the key is always the presenter's (function keys, PageUp/PageDown, shortcuts) */
    NOTHING,
    /** a text field or area being typed in keeps it (letters, punctuation) */
    TYPING,
    /** anything that edits a value with the keyboard keeps it (arrows) */
    EDITING
  }

  /**
   * One key.
   *
   * @param key the combination
   * @param unless when the focused control keeps the key
   * @param action what it does; returns false when it did nothing (the key then goes to the control)
   */
  public record Binding(KeyCombination key, Unless unless, BooleanSupplier action) {}

  /** A node property: a focused node that has it uses the arrow keys itself (the explorer's diagram). */
  public static final String KEEPS_ARROWS = "presenter.keepsArrows";

  private final List<Binding> bindings = new ArrayList<>();
  private final PresenterModel presenter;

  public PresenterKeys(PresenterModel presenter) {
    this.presenter = presenter;
  }

  /** Adds a key that always acts. */
  public PresenterKeys on(KeyCombination key, Runnable action) {
    return on(key, Unless.NOTHING, () -> {
      action.run();
      return true;
    });
  }

  public PresenterKeys on(KeyCombination key, Unless unless, BooleanSupplier action) {
    bindings.add(new Binding(key, unless, action));
    return this;
  }

  /** A key with no modifiers. */
  public static KeyCombination plain(KeyCode code) {
    return new KeyCodeCombination(code);
  }

  /** Ctrl (Cmd on macOS) + the key, Shift pressed or not: Ctrl + on a US keyboard is Ctrl Shift =. */
  public static KeyCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY);
  }

  public void install(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this);
  }

  @Override
  public void handle(KeyEvent e) {
    if (presenter.blankProperty().get()) {
      if (!e.getCode().isModifierKey()) {
        presenter.blankProperty().set(false); // any key brings the picture back, as on slides
        e.consume();
      }
      return;
    }
    Node focus = e.getTarget() instanceof Node n ? n : null;
    if (focus != null && focus.getScene() != null && focus.getScene().getFocusOwner() != null) {
      focus = focus.getScene().getFocusOwner();
    }
    for (Binding b : bindings) {
      if (b.key().match(e) && !keeps(focus, b.unless()) && b.action().getAsBoolean()) {
        e.consume();
        return;
      }
    }
  }

  /** Whether the focused control keeps a key of this kind for itself. */
  static boolean keeps(Node focus, Unless unless) {
    return switch (unless) {
      case NOTHING -> false;
      case TYPING -> focus instanceof TextInputControl t && t.isEditable()
          || focus instanceof Spinner<?> s && s.isEditable() // the spinner, not its editor, holds the focus
          || focus instanceof ComboBoxBase<?> c && c.isEditable();
      case EDITING -> focus instanceof TextInputControl || focus instanceof Spinner || focus instanceof Slider
          || focus instanceof ComboBoxBase || focus != null && focus.getProperties().containsKey(KEEPS_ARROWS);
    };
  }
}
