package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.arch.Zoo;

/** GoogLeNet beside ResNet-18 in the explorer: fold and open blocks by mouse and keyboard, edit inside one. */
@ExtendWith(ApplicationExtension.class)
class ExplorerGraphViewTest {

  private ArchitectureViewModel model;

  @Start
  void start(Stage stage) {
    model = new ArchitectureViewModel(Zoo.get("googlenet"), Zoo.get("resnet18"));
    model.tableSideProperty().set(Side.LEFT);
    stage.setScene(new Scene(new ArchitectureView(model).createView(), 1400, 900));
    stage.show();
  }

  private static Diagram.Drawing drawing(FxRobot robot) {
    return (Diagram.Drawing) robot.lookup("#diagram").query().getProperties().get(Diagram.Drawing.class);
  }

  private static void click(FxRobot robot, String hit, double dx) {
    Canvas canvas = robot.lookup("#diagram").queryAs(Canvas.class);
    Rectangle2D area = drawing(robot).hits().get(hit).area();
    robot.clickOn(canvas.localToScreen(area.getMinX() + dx, area.getMinY() + area.getHeight() / 2));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private static List<String> tableNames(FxRobot robot) {
    TableView<Row> table = robot.lookup("#layerTable").queryAs(TableView.class);
    return table.getItems().stream().map(Row::name).toList();
  }

  @Test
  void openingABlockShowsItsInceptionsAndAnInceptionItsFourPathsInDiagramAndTable(FxRobot robot) {
    assertThat(tableNames(robot)).containsExactly("b1", "b2", "b3", "b4", "b5", "fc", "total");
    assertThat(drawing(robot).texts().get("label-googlenet-b3")).isEqualTo("b3  2× Inception, MaxPool2d");
    assertThat(drawing(robot).texts().get("shape-googlenet-b3")).isEqualTo("480×6×6");

    click(robot, "toggle-googlenet-b3", 6); // the ▸ marker opens the block
    assertThat(drawing(robot).texts()).containsKeys("head-googlenet-b3", "label-googlenet-b3/inception3a");
    assertThat(tableNames(robot)).containsSubsequence("b3", "b3/inception3a", "b3/inception3b", "b3/pool", "b4");

    robot.clickOn("#fold-b3-inception3a"); // the table's ▸ opens it too
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(drawing(robot).texts().get("label-googlenet-b3/inception3a/concat"))
        .isEqualTo("concat  64 + 128 + 32 + 32 = 256");
    assertThat(drawing(robot).texts().get("label-googlenet-b3/inception3a/b2/conv2")).startsWith("3×3 Conv (128), p1");
    assertThat(tableNames(robot)).contains("b3/inception3a/b2/conv2", "b3/inception3a/concat");

    // keyboard: select inception3b on the diagram, → opens it, ← folds it again
    click(robot, "block-googlenet-b3/inception3b", 60);
    robot.type(KeyCode.RIGHT);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(drawing(robot).texts()).containsKey("label-googlenet-b3/inception3b/concat");
    robot.type(KeyCode.LEFT);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(drawing(robot).texts()).doesNotContainKey("label-googlenet-b3/inception3b/concat");

    // clicking b3's heading selects the block; ← folds it back into one box
    click(robot, "head-googlenet-b3", 80);
    robot.type(KeyCode.LEFT);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tableNames(robot)).containsExactly("b1", "b2", "b3", "b4", "b5", "fc", "total");
  }

  @Test
  void editingAConvolutionInsideAnInceptionChangesTheChannelSumDrawn(FxRobot robot) {
    WaitForAsyncUtils.asyncFx(() -> model.select(Side.LEFT, "b3/inception3a/b2/conv2"));
    WaitForAsyncUtils.waitForFxEvents();
    Spinner<?> channels = robot.lookup("#edit-channels").queryAs(Spinner.class);
    robot.doubleClickOn(channels.getEditor()).eraseText(channels.getEditor().getText().length()).write("64\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(drawing(robot).texts().get("label-googlenet-b3/inception3a/concat"))
        .isEqualTo("concat  64 + 64 + 32 + 32 = 192");
    assertThat(drawing(robot).selectedBlock()).contains("block-googlenet-b3/inception3a/b2/conv2");
    assertThat(robot.lookup("#arithmetic").queryLabeled().getText()).contains("64·(96·3·3) + 64 = 55,360");
  }
}
