package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.architecture.Side;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.events.RunState.Status;

/**
 * The second loop end to end, with the real engine: insert a layer in LeNet, Train this variant, a
 * short real run, and the Race tab draws the variant's curve next to the book's (recorded) LeNet.
 */
@ExtendWith(ApplicationExtension.class)
class VariantRaceTest {

  @TempDir static Path runs;
  private final AppContext context = new AppContext();
  private MainView main;

  @Start
  void start(Stage stage) {
    System.setProperty("convnet.runs", runs.toString());
    main = new MainView(context, new PresenterModel());
    stage.setScene(new Scene(main.createView(), 1400, 900));
    stage.show();
  }

  @AfterEach
  void close() {
    context.shutdown();
    System.clearProperty("convnet.runs");
  }

  private String tab() {
    return main.trainingTabs().tabs.get(0).getTabPane().getSelectionModel().getSelectedItem().getId();
  }

  @Test
  void insertALayerTrainTheVariantAndRaceItAgainstTheBook(FxRobot robot) throws Exception {
    robot.interact(() -> {
      main.select("tab-architecture");
      main.architecture().select(Side.LEFT, "conv1");
    });
    robot.clickOn("#structInsert");
    robot.clickOn("Batch norm");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(main.architecture().specProperty(Side.LEFT).get().leaves()).extracting(LayerSpec::name)
        .startsWith("conv1", "bn1", "sigmoid1");

    robot.clickOn("#trainVariant");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tab()).isEqualTo("tab-training");
    var training = main.trainingTabs().training;
    assertThat(training.modelProperty().get()).isEqualTo("lenet-variant");
    robot.interact(() -> { // a short run: the test is about the loop, not the accuracy
      training.maxTrainProperty().set(1024);
      training.maxTestProperty().set(200);
      training.epochsProperty().set(2);
    });
    robot.clickOn("#startRun");
    WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return training.state().status() == Status.FINISHED;
    });
    assertThat(training.state().started().orElseThrow().modelTitle()).isEqualTo("LeNet (d2l), variant");

    robot.interact(() -> main.select("tab-race"));
    OnFx.waitFor(20, () -> {
      XYDataset acc = robot.lookup("#raceChart").queryAs(ChartViewer.class).getChart().getXYPlot().getDataset(0);
      return acc.getSeriesCount() == 2 && acc.getItemCount(0) == 10 && acc.getItemCount(1) == 2;
    });
    XYDataset acc = robot.lookup("#raceChart").queryAs(ChartViewer.class).getChart().getXYPlot().getDataset(0);
    assertThat(acc.getSeriesKey(0).toString()).startsWith("LeNet (d2l) at 28 px (recorded)");
    assertThat(acc.getSeriesKey(1).toString()).startsWith("LeNet (d2l), variant at 28 px (Training tab)");
    XYDataset loss = robot.lookup("#raceChart").queryAs(ChartViewer.class).getChart().getXYPlot().getDataset(1);
    assertThat(loss.getItemCount(1)).isPositive();
    assertThat(robot.lookup("#cost-1-4").queryLabeled().getText()).matches("0\\.\\d{3}");
  }
}
