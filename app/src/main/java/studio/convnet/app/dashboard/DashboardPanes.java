package studio.convnet.app.dashboard;

import studio.convnet.app.common.ChartStyle;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import studio.convnet.app.common.ShownTabOnly;
import studio.convnet.engine.events.RunState;

/**
 * The views of a run — curves, filters, filter health, activations, confusion matrix, top patches — in tabs, shared by the
 * live Training tab and the Runs replay. {@link #refresh} is cheap when nothing changed (each pane
 * compares its area's version) and redraws only the visible tab's heavy parts; callers call it at
 * most ~10 times a second.
 */
public final class DashboardPanes {

  private final CurvesChart curves = new CurvesChart();
  private final FilterPanel filters = new FilterPanel();
  private final HealthPanel health = new HealthPanel();
  private final ActivationPanel activations;
  private final ConfusionPanel confusion = new ConfusionPanel();
  private final PatchPanel patches = new PatchPanel();
  private final DrawingPad pad = new DrawingPad();
  private final TabPane tabs = new TabPane();
  private RunState last;

  public DashboardPanes(Runnable refreshActivations, String idPrefix) {
    activations = new ActivationPanel(refreshActivations);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs().addAll(
        tab(idPrefix + "curves", "Curves", ChartStyle.follow(curves.viewer())),
        tab(idPrefix + "filters", "Filters", filters.view()),
        tab(idPrefix + "health", "Health", health.view()),
        tab(idPrefix + "activations", "Activations", activations.view()),
        tab(idPrefix + "confusion", "Confusion matrix", confusion.view()),
        tab(idPrefix + "patches", "Top patches", patches.view()),
        tab(idPrefix + "pad", "Your image", pad.view()));
    ShownTabOnly.apply(tabs);
    tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      if (last != null) {
        refresh(last);
      }
    });
  }

  private static Tab tab(String id, String title, Node content) {
    Tab t = new Tab(title, content);
    t.setId(id);
    return t;
  }

  public Node view() {
    return tabs;
  }

  public TabPane tabs() {
    return tabs;
  }

  /** Redraws what changed; hidden tabs catch up when shown. */
  public void refresh(RunState s) {
    last = s;
    int sel = tabs.getSelectionModel().getSelectedIndex();
    switch (sel) {
      case 0 -> curves.refresh(s);
      case 1 -> filters.refresh(s);
      case 2 -> health.refresh(s);
      case 3 -> activations.refresh(s);
      case 4 -> confusion.refresh(s);
      case 5 -> patches.refresh(s);
      default -> pad.refresh(s);
    }
  }

  public CurvesChart curves() {
    return curves;
  }

  public FilterPanel filters() {
    return filters;
  }

  public HealthPanel health() {
    return health;
  }

  public ActivationPanel activations() {
    return activations;
  }

  public DrawingPad pad() {
    return pad;
  }

  public PatchPanel patches() {
    return patches;
  }

  public ConfusionPanel confusion() {
    return confusion;
  }
}
