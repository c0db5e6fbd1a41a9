package studio.convnet.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.dashboard.DrawingPad;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;

/**
 * Strokes drawn on the pad, and picture files opened onto it, are classified by the shipped LeNet
 * recording's final weights; a file that is no picture is named in one line.
 */
@ExtendWith(ApplicationExtension.class)
class DrawingPadRecordedTest {

  static final Path LENET = Path.of("..", "assets", "runs", "lenet-quick-weights");
  DrawingPad pad;
  RecordedClassifier weights;

  @Start
  void start(Stage stage) {
    pad = new DrawingPad();
    weights = new RecordedClassifier(LENET);
    pad.setClassifier(weights);
    stage.setScene(new Scene(new VBox(pad.view()), 1000, 700));
    stage.show();
  }

  @AfterEach
  void close() {
    weights.close();
  }

  @Test
  void aDrawingIsClassifiedByTheRecordingWithEveryLayerShown(FxRobot robot) throws Exception {
    Canvas canvas = robot.lookup("#padCanvas").queryAs(Canvas.class);
    Point2D top = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(112, 30)).query();
    Point2D bottom = robot.point(canvas).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(112, 200)).query();
    String before = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    robot.moveTo(top).press(MouseButton.PRIMARY).moveTo(bottom).release(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return pad.lastAnswer() != null;
    });
    ActivationSnapshot a = pad.lastAnswer();
    assertThat(a.probabilities()).hasSize(10);
    assertThat(a.layers()).hasSize(Zoo.lenet().units().size());
    float max = 0;
    for (float v : a.image()) max = Math.max(max, v);
    assertThat(max).as("the stroke reached the network's input").isGreaterThan(0.5f);
    String after = robot.lookup("#padPrediction").queryAs(Label.class).getText();
    assertThat(after).isNotEqualTo(before).contains("%");
    assertThat(robot.lookup("#padSource").queryAs(Label.class).getText()).contains("lenet-quick-weights");
  }

  @TempDir Path tmp;

  @Test
  void aPngPhotoOfATestImageOnWhitePaperGetsTheAnswerOfTheDatasetImageItself(FxRobot robot) throws Exception {
    // test image 0 of FashionMNIST, as a 280×280 photo would show it: dark garment on white paper
    var test = studio.convnet.engine.data.ImageDataset.fashionMnistTestSet().testImages();
    float[] raw = new float[28 * 28];
    var png = new java.awt.image.BufferedImage(280, 280, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < raw.length; i++) {
      int b = test.pixels()[i] & 0xff;
      raw[i] = b / 255f;
      int paper = 255 - b;
      for (int dy = 0; dy < 10; dy++) {
        for (int dx = 0; dx < 10; dx++) {
          png.setRGB((i % 28) * 10 + dx, (i / 28) * 10 + dy, paper << 16 | paper << 8 | paper);
        }
      }
    }
    Path file = tmp.resolve("ankle-boot-photo.png");
    assertThat(javax.imageio.ImageIO.write(png, "png", file.toFile())).isTrue();

    // what the recording says of the dataset's own pixels
    var direct = new java.util.concurrent.CompletableFuture<ActivationSnapshot>();
    weights.classify(raw, 28, direct::complete, why -> direct.completeExceptionally(new AssertionError(why)));
    float[] expected = direct.get(90, TimeUnit.SECONDS).probabilities();

    var recording = studio.convnet.engine.events.RunState.of(studio.convnet.engine.runs.RunReader.readAll(LENET));
    robot.interact(() -> {
      pad.refresh(recording); // as the Runs tab does: the recording's class names
      pad.openFile(file);
    });
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return pad.lastAnswer() != null;
    });
    ActivationSnapshot a = pad.lastAnswer();
    assertThat(a.image()).hasSize(28 * 28);
    for (int i = 0; i < raw.length; i++) {
      assertThat(a.image()[i]).as("pixel %d after decoding, inverting and area-averaging", i)
          .isCloseTo(raw[i], org.assertj.core.api.Assertions.within(1e-5f));
    }
    assertThat(a.probabilities()).containsExactly(expected, org.assertj.core.api.Assertions.within(1e-5f));
    int best = 0;
    for (int i = 1; i < expected.length; i++) if (expected[i] > expected[best]) best = i;
    assertThat(robot.lookup("#padPrediction").queryAs(Label.class).getText())
        .startsWith(studio.convnet.engine.data.ImageDataset.FASHION_MNIST_CLASSES.get(best) + " — ");
  }

  @Test
  void aFileOfRandomBytesOrNoFileIsNamedInOneLineAndAsksNothing(FxRobot robot) throws Exception {
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    Path bad = java.nio.file.Files.write(tmp.resolve("holiday.png"), noise);
    robot.interact(() -> pad.openFile(bad));
    assertThat(robot.lookup("#padPrediction").queryAs(Label.class).getText())
        .isEqualTo("Could not open holiday.png: not a picture this app can read (PNG, JPEG, GIF or BMP).");
    robot.interact(() -> pad.openFile(tmp.resolve("gone.png")));
    assertThat(robot.lookup("#padPrediction").queryAs(Label.class).getText())
        .isEqualTo("Could not open gone.png: no such file");
    Thread.sleep(500);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(pad.lastAnswer()).as("nothing was sent to the network").isNull();
  }
}
