package studio.convnet.app.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lab's view on headless Monocle, driven by clicks and typing. */
@ExtendWith(ApplicationExtension.class)
class AugmentationViewTest {

  private AugmentationViewModel model;

  @Start
  void start(Stage stage) {
    // previews computed on the FX thread here, so waitForFxEvents() is enough to see them
    model = new AugmentationViewModel(TestImages.dataset(10), null);
    stage.setScene(new Scene(new AugmentationView(model).createView(), 1300, 900));
    stage.show();
  }

  @Test
  void togglingAnOperationChangesTheGrid(FxRobot robot) {
    int[] before = drawn(robot);
    assertThat(robot.lookup("#augStrip").queryAs(HBox.class).getChildren()).hasSize(2 * 5 - 1);

    robot.clickOn("#op-vflip");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#op-vflip").queryAs(CheckBox.class).isSelected()).isTrue();
    assertThat(model.specTextProperty().get()).contains("vflip:p=0.5");
    int[] after = drawn(robot);
    assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
    // original → crop → hflip → vflip → resize → scaled, with arrows between
    assertThat(robot.lookup("#augStrip").queryAs(HBox.class).getChildren()).hasSize(2 * 6 - 1);
    assertThat(robot.lookup("#augSpec").queryAs(TextField.class).getText()).contains("vflip:p=0.5");
  }

  @Test
  void aBadParameterShowsTheInlineMessageAndBlocksTraining(FxRobot robot) {
    Label error = robot.lookup("#augError").queryAs(Label.class);
    assertThat(error.isVisible()).isFalse();
    TextField spec = robot.lookup("#augSpec").queryAs(TextField.class);
    // typed text is set directly (robot.write types slowly, one key event per character) and
    // committed with a real Enter key press on the field
    robot.interact(() -> spec.setText("crop:scale=0.6-1.5"));
    robot.clickOn(spec).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(error.getText()).startsWith("crop: scale 0.6-1.5: crop scale");
    assertThat(error.isVisible()).isTrue();
    assertThat(robot.lookup("#useForTraining").queryAs(Button.class).isDisabled()).isTrue();

    robot.interact(() -> spec.setText("hflip:p=1"));
    robot.clickOn(spec).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(error.isVisible()).isFalse();
    robot.clickOn("#useForTraining");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.trainingSpecProperty().get()).isEqualTo("hflip:p=1");
    assertThat(robot.lookup("#augStatus").queryAs(Label.class).getText()).isEqualTo("Training will use: hflip:p=1");
  }

  @Test
  void rerollChangesTheSeedAndTheGrid(FxRobot robot) {
    int[] before = drawn(robot);
    robot.clickOn("#reroll");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(drawn(robot)).isNotEqualTo(before);
  }

  /** The pixels of the 16 draws shown, one after the other. */
  private static int[] drawn(FxRobot robot) {
    var draws = robot.lookup(".draw").queryAllAs(ImageView.class).stream().sorted(
        java.util.Comparator.comparing(v -> Integer.parseInt(v.getId().substring("draw-".length())))).toList();
    assertThat(draws).hasSize(16);
    return draws.stream().flatMapToInt(v -> java.util.Arrays.stream(pixels(v.getImage()))).toArray();
  }

  private static int[] pixels(Image img) {
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    int[] out = new int[w * h];
    img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
    return out;
  }
}
