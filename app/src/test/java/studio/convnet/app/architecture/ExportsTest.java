package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ExportsTest {

  private ArchitectureView view;

  @Start
  void start(Stage stage) {
    view = new ArchitectureView(new ArchitectureViewModel());
    stage.setScene(new Scene(view.createView(), 1400, 900));
    stage.show();
  }

  @Test
  void theWholeDiagramIsWrittenAsPngReplacingAnOldFileWithNoTemporaryLeft(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("diagram.png");
    Files.writeString(png, "old");
    WaitForAsyncUtils.asyncFx(() -> {
      Exports.writePng(png, view.diagramImage());
      return null;
    }).get();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(774);
    assertThat(img.getHeight()).isGreaterThan(600);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(png);
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("layers.csv");
    Files.writeString(out, "old");
    try {
      Exports.atomically(out, o -> {
        o.write("half".getBytes());
        throw new java.io.IOException("disk full");
      });
    } catch (java.io.IOException expected) {
      assertThat(expected).hasMessage("disk full");
    }
    assertThat(Files.readString(out)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void theLayerSummaryOfBothNetworksGoesToTheClipboard(org.testfx.api.FxRobot robot) throws Exception {
    robot.clickOn("#copySummary");
    WaitForAsyncUtils.waitForFxEvents();
    String text = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
    assertThat(text)
        .contains("# LeNet (d2l): X = torch.randn(1, 1, 28, 28)")
        .contains("Conv2d output shape:\t torch.Size([1, 96, 54, 54])")
        .contains("Linear output shape:\t torch.Size([1, 10])");
    assertThat(robot.lookup("#exportStatus").queryAs(javafx.scene.control.Label.class).getText()).startsWith("copied");
  }

  @Test
  void theWholeTableIsWrittenAsPngNotOnlyTheRowsInView(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("table.png");
    WaitForAsyncUtils.asyncFx(() -> {
      Exports.writePng(png, view.tableImage());
      return null;
    }).get();
    BufferedImage img = ImageIO.read(png.toFile());
    // AlexNet: 21 layers and the totals, 24 px a row, under a header
    assertThat(img.getHeight()).isGreaterThanOrEqualTo(22 * 24);
    assertThat(img.getWidth()).isGreaterThanOrEqualTo(500);
    ImageIO.write(img, "png", Path.of("target/table-export.png").toFile());
  }
}
