package studio.convnet.app;

import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import studio.convnet.app.architecture.ArchitectureView;
import studio.convnet.app.architecture.ArchitectureViewModel;

/** The main window's content: one tab per feature. */
public final class MainView {

  private final AppContext context;

  public MainView(AppContext context) {
    this.context = context;
  }

  public Parent createView() {
    TabPane tabs = new TabPane();
    tabs.setId("mainTabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Tab arch = new Tab("Architecture", new ArchitectureView(new ArchitectureViewModel()).createView());
    arch.setId("tab-architecture");
    tabs.getTabs().add(arch);
    tabs.getTabs().addAll(TrainingTabs.create(context));
    return tabs;
  }

  AppContext context() {
    return context;
  }
}
