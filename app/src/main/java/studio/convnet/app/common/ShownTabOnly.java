package studio.convnet.app.common;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/**
 * Keeps only the selected tab's content in the scene graph. A {@link TabPane} keeps every tab's
 * content in the scene, merely hidden, and JavaFX walks the whole scene graph at every pulse (bounds,
 * CSS state): with the app's ~2 900 nodes, two thirds of them in tabs nobody sees, that walk was
 * the FX thread's largest cost while LeNet trained, on cores the training needs (docs/dashboard.md,
 * "Pulses"). Each tab's content goes into a holder; a hidden tab's holder is empty, and the content
 * goes back in (keeping its state: it is the same node) when the tab is selected.
 */
public final class ShownTabOnly {

  private static final String CONTENT = "convnet.shownTabOnly.content";

  private ShownTabOnly() {}

  /** Applies to the tabs the pane has and any added later. FX thread. */
  public static void apply(TabPane pane) {
    pane.getTabs().forEach(ShownTabOnly::wrap);
    pane.getTabs().addListener((ListChangeListener<Tab>) c -> {
      while (c.next()) {
        c.getAddedSubList().forEach(ShownTabOnly::wrap);
      }
      sync(pane);
    });
    pane.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> sync(pane));
    sync(pane);
  }

  /** The content a tab was given (what {@link Tab#getContent()} returned before {@link #apply}). */
  public static Node content(Tab tab) {
    Object c = tab.getProperties().get(CONTENT);
    return c instanceof Node n ? n : tab.getContent();
  }

  private static void wrap(Tab tab) {
    if (tab.getProperties().containsKey(CONTENT) || tab.getContent() == null) {
      return;
    }
    Node content = tab.getContent();
    tab.getProperties().put(CONTENT, content);
    StackPane holder = new StackPane();
    holder.getStyleClass().add("shown-tab-holder");
    tab.setContent(holder);
  }

  private static void sync(TabPane pane) {
    Tab selected = pane.getSelectionModel().getSelectedItem();
    for (Tab tab : pane.getTabs()) {
      if (!(tab.getContent() instanceof StackPane holder) || !(tab.getProperties().get(CONTENT) instanceof Node content)) {
        continue;
      }
      boolean in = !holder.getChildren().isEmpty();
      if (tab == selected && !in) {
        holder.getChildren().setAll(content);
      } else if (tab != selected && in) {
        holder.getChildren().clear();
      }
    }
  }
}
