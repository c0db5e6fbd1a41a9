package studio.convnet.app.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.train.Presets;
import studio.convnet.engine.train.TrainingConfig.OptimizerKind;

/** The training form shows only what applies, says "all" for all, and does not offer a book point it cannot draw. */
@ExtendWith(ApplicationExtension.class)
class SettingsThatSayWhatTheyDoTest {

  @TempDir static Path runs;
  TrainingViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new TrainingViewModel(new EngineBackend(runs), Platform::runLater, false);
    stage.setScene(new Scene(new TrainingView(vm).createView(), 1280, 720));
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    vm.close();
  }

  private void preset(FxRobot robot, String id) {
    robot.interact(() -> vm.presetProperty().set(Presets.all().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static boolean hasRow(FxRobot robot, String name) {
    return robot.lookup("#settingsSheet").queryAs(PropertySheet.class).getItems().stream()
        .anyMatch(i -> i.getName().equals(name));
  }

  @Test
  void momentumIsOfferedOnlyForSgdWithMomentum(FxRobot robot) {
    preset(robot, "lenet-book"); // plain SGD
    assertThat(hasRow(robot, "Momentum")).isFalse();
    robot.interact(() -> vm.optimizerProperty().set(OptimizerKind.SGD_MOMENTUM));
    assertThat(hasRow(robot, "Momentum")).isTrue();
    robot.interact(() -> vm.optimizerProperty().set(OptimizerKind.ADAM));
    assertThat(hasRow(robot, "Momentum")).isFalse();
    assertThat(vm.config().record().momentum()).as("saved in config.json").isZero();
  }

  @Test
  void allTheTrainingImagesReadAllAndANumberCanBeTyped(FxRobot robot) {
    preset(robot, "lenet-book");
    TextField images = robot.lookup("#settingsSheet .text-field").queryAll().stream()
        .map(n -> (TextField) n).filter(t -> t.getText().equals("all (60 000)")).findFirst().orElseThrow();
    robot.clickOn(images);
    robot.interact(images::selectAll);
    robot.write("12 000\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.maxTrainProperty().get()).isEqualTo(12_000);
    robot.interact(images::selectAll);
    robot.write("many\n");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.maxTrainProperty().get()).isEqualTo(12_000);
    assertThat(images.getText()).isEqualTo("12000");
    assertThat(SettingsSheet.parseAllOrCount("All")).isZero();
    assertThat(SettingsSheet.allOrCount(0, 10_000)).isEqualTo("all (10 000)");
  }

  @Test
  void theBooksEndPointsAreOfferedOnlyWhereTheBookHasOne(FxRobot robot) {
    preset(robot, "lenet-book");
    CheckBox book = robot.lookup("#bookOverlay").queryAs(CheckBox.class);
    assertThat(book.isDisabled()).isFalse();
    assertThat(book.isSelected()).isTrue();
    preset(robot, "lenet-quick"); // a 12 000-image subset for 6 epochs: the book has no point for it
    assertThat(book.isDisabled()).isTrue();
    assertThat(book.isSelected()).isFalse();
    assertThat(robot.lookup("#bookOverlayNote").queryAs(Label.class).getText())
        .contains("only at 28 px after 10 epochs on all 60 000 images");
    preset(robot, "lenet-book");
    assertThat(book.isSelected()).as("the teacher's choice comes back").isTrue();
  }
}
