package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
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
    stage.setScene(new Scene(new ArchitectureView(new ArchitectureViewModel()).createView(), 1300, 800));
    stage.show();
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  @Test
  void typingANewInputSizeUpdatesEveryShapeLabel(FxRobot robot) {
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×54×54");
    Spinner<?> spinner = robot.lookup("#inputSize").queryAs(Spinner.class);
    robot.clickOn(spinner.getEditor()).eraseText(3).write("96\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#shape-alexnet-conv1")).isEqualTo("96×22×22");
    assertThat(text(robot, "#shape-alexnet-flatten")).isEqualTo("256");
    assertThat(text(robot, "#shape-lenet-conv1")).isEqualTo("6×96×96");
    assertThat(text(robot, "#error-right")).isEmpty();
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
}
