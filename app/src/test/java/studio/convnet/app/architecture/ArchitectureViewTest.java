package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ArchitectureViewTest {

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new ArchitectureView(new ArchitectureViewModel()).createView(), 1400, 900));
    stage.show();
  }

  private static Diagram.Drawing drawing(FxRobot robot) {
    return (Diagram.Drawing) robot.lookup("#diagram").query().getProperties().get(Diagram.Drawing.class);
  }

  /** The text of a control (Label, table cell), or of a label drawn on the diagram's canvas. */
  private static String text(FxRobot robot, String id) {
    Optional<Node> n = robot.lookup(id).tryQuery();
    if (n.isPresent()) {
      return ((Labeled) n.get()).getText();
    }
    String drawn = drawing(robot).texts().get(id.substring(1));
    assertThat(drawn).as("no control and no drawn label " + id).isNotNull();
    return drawn;
  }

  /** Clicks the middle of a block drawn on the diagram. */
  private static void clickBlock(FxRobot robot, String id) {
    Canvas canvas = robot.lookup("#diagram").queryAs(Canvas.class);
    Rectangle2D area = drawing(robot).hits().get(id).area();
    robot.clickOn(canvas.localToScreen(area.getMinX() + 60, area.getMinY() + area.getHeight() / 2));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void type(FxRobot robot, String spinnerId, String value) {
    Spinner<?> spinner = robot.lookup(spinnerId).queryAs(Spinner.class);
    robot.doubleClickOn(spinner.getEditor()).eraseText(spinner.getEditor().getText().length()).write(value + "\n");
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theTableHasItsColumnsOnceWithReceptiveFieldAndJump(FxRobot robot) {
    TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
    assertThat(table.getColumns()).extracting(c -> c.getText())
        .containsExactly("layer", "type", "output", "params", "MACs", "memory", "RF", "jump");
  }

  @Test
  void typingANewInputSizeUpdatesEveryShapeLabel(FxRobot robot) {
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×54×54");
    type(robot, "#inputSize", "96");
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×22×22");
    assertThat(text(robot, "#shape-alexnet-flatten")).isEqualTo("256");
    assertThat(text(robot, "#shape-lenet-conv1")).isEqualTo("6×96×96");
    assertThat(text(robot, "#error-right")).isEmpty();
    assertThat(text(robot, "#timing")).contains("edit → recompute → redraw");
  }

  @Test
  void anImpossibleSizeShowsAnInlineMessageNotADialog(FxRobot robot) {
    robot.clickOn("#size-28");
    WaitForAsyncUtils.waitForFxEvents();
    Label error = robot.lookup("#error-right").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText()).contains("layer pool2").contains("does not fit");
    assertThat(text(robot, "#shape-alexnet-pool2")).contains("empty");
    assertThat(text(robot, "#shape-lenet-flatten")).isEqualTo("400");
    assertThat(robot.listWindows()).hasSize(1);
  }

  @Test
  void editingAKernelPropagatesAndABrokenShapeIsShownInline(FxRobot robot) {
    // AlexNet's conv1 is selected at start; its editor shows channels, kernel, stride, padding
    type(robot, "#edit-kernel", "5");
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×56×56");
    assertThat(text(robot, "#shape-alexnet-flatten")).isEqualTo("9216");
    assertThat(text(robot, "#params-alexnet-fc1")).isEqualTo("37,752,832 params");
    assertThat(text(robot, "#arithmetic")).contains("⌊(224 + 2·1 − 5)/4⌋ + 1 = 56");

    type(robot, "#edit-stride", "32");
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×7×7");
    assertThat(text(robot, "#error-right")).contains("layer pool3").contains("does not fit");
    assertThat(text(robot, "#shape-alexnet-pool3")).contains("empty");
    assertThat(text(robot, "#shape-alexnet-fc1")).isEqualTo("—");
    TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
    assertThat(table.getItems()).anyMatch(r -> ((Row) r).kind() == Row.Kind.BROKEN && ((Row) r).name().equals("pool3"));

    type(robot, "#edit-kernel", "abc");
    assertThat(robot.lookup("#edit-kernel").queryAs(Spinner.class).getValue()).isEqualTo(5);
    assertThat(text(robot, "#editError")).isEmpty();

    type(robot, "#edit-kernel", "0");
    assertThat(text(robot, "#editError")).isEqualTo("conv1: kernel must be ≥ 1, got 0");
    assertThat(robot.lookup("#edit-kernel").query().getStyleClass()).contains("field-error");
    assertThat(robot.listWindows()).hasSize(1);

    robot.clickOn("#reset");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×54×54");
    assertThat(text(robot, "#error-right")).isEmpty();
    assertThat(text(robot, "#editError")).isEmpty();
    assertThat(robot.lookup("#edit-stride").queryAs(Spinner.class).getValue()).isEqualTo(4);
    assertThat(robot.lookup("#edit-kernel").queryAs(Spinner.class).getValue()).isEqualTo(11);
  }

  @Test
  void clickingABlockSelectsItsRowAndShowsItsArithmetic(FxRobot robot) {
    clickBlock(robot, "block-lenet-conv2");
    WaitForAsyncUtils.waitForFxEvents();
    TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
    assertThat(((Row) table.getSelectionModel().getSelectedItem()).name()).isEqualTo("conv2");
    assertThat(drawing(robot).selectedBlock()).contains("block-lenet-conv2");
    assertThat(text(robot, "#table-left")).isEqualTo("LeNet (d2l)");
    assertThat(text(robot, "#arithmetic")).contains("⌊(14 + 2·0 − 5)/1⌋ + 1 = 10").contains("16·(6·5·5) + 16 = 2,416");

    clickRow(robot, "pool2");
    assertThat(text(robot, "#arithmetic")).startsWith("pool2");
    assertThat(drawing(robot).selectedBlock()).contains("block-lenet-pool2");

    clickRow(robot, "sigmoid1"); // a shape-preserving layer is drawn as a tag on the block before it
    assertThat(drawing(robot).selectedBlock()).contains("block-lenet-conv1");
  }

  private static void clickRow(FxRobot robot, String layer) {
    robot.clickOn(robot.lookup("#layerTable .table-row-cell")
        .match((TableRow<?> r) -> r.getItem() != null && ((Row) r.getItem()).name().equals(layer))
        .queryAs(Node.class));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void studentsPredictShapesAndParametersThenReveal(FxRobot robot) {
    robot.clickOn("#hideShapes");
    robot.clickOn("#hideParams");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("?");
    assertThat(text(robot, "#params-alexnet-conv1")).isEqualTo("? params");
    assertThat(text(robot, "#score")).isEqualTo("0 of 46 right");

    robot.clickOn("#answer-shape-conv1").write("96x54x54\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#cell-shape-conv1")).isEqualTo("96×54×54  ✓");
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×54×54 ✓");
    assertThat(robot.lookup("#layerTable").query().getScene().getFocusOwner().getId())
        .as("the cursor moves on to the next value to predict").isEqualTo("answer-shape-relu1");

    robot.clickOn("#answer-params-conv1").write("11,712\n");
    robot.clickOn("#answer-shape-pool1").write("96, 27, 27\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#cell-params-conv1")).isEqualTo("11,712  ✓");
    assertThat(text(robot, "#mark-shape-pool1")).isEqualTo("✗");
    assertThat(robot.lookup("#answer-shape-pool1").queryAs(TextField.class).getText()).isEqualTo("96, 27, 27");
    assertThat(text(robot, "#score")).isEqualTo("2 of 46 right");

    clickBlock(robot, "block-alexnet-pool1");
    robot.clickOn("#revealLayer");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#cell-shape-pool1")).isEqualTo("96×26×26");
    assertThat(text(robot, "#shape-alexnet-conv2")).isEqualTo("?");

    robot.clickOn("#revealAll");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#shape-alexnet-conv2")).isEqualTo("256×26×26");
    assertThat(text(robot, "#shape-lenet-fc3")).isEqualTo("10");
    assertThat(robot.lookup("#answer-shape-conv2").tryQuery()).isEmpty();
  }
}
