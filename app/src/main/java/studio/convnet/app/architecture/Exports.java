package studio.convnet.app.architecture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/** File exports, each written to a temporary file beside the target and renamed over it. */
public final class Exports {

  private Exports() {}

  /** Writes one export to the path the user chose. */
  interface PathAction {
    void write(Path p) throws IOException;
  }

  /** A button that asks where to save ({@code suggested} first), writes there and says so in {@code status}. */
  static javafx.scene.control.Button button(javafx.scene.control.Label status, String id, String text,
      String suggested, PathAction action) {
    javafx.scene.control.Button b = new javafx.scene.control.Button(text);
    b.setId(id);
    b.getStyleClass().add("small");
    b.setOnAction(e -> {
      javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
      chooser.setInitialFileName(suggested);
      chooser.setInitialDirectory(new java.io.File(System.getProperty("user.home")));
      java.io.File f = chooser.showSaveDialog(b.getScene().getWindow());
      if (f == null) {
        return;
      }
      try {
        action.write(f.toPath());
        status.setText("saved " + f.getName());
      } catch (IOException | RuntimeException ex) {
        status.setText("could not save " + f.getName() + ": " + ex.getMessage());
      }
    });
    return b;
  }

  public static void writeText(Path file, String text) throws IOException {
    atomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static void writePng(Path file, Image image) throws IOException {
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    atomically(file, out -> {
      if (!ImageIO.write(buffered, "png", out)) {
        throw new IOException("no PNG writer");
      }
    });
  }

  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  static void atomically(Path file, Writer writer) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** One network in the style of d2l's layer_summary, headed by the input it was fed. */
  static String layerSummary(studio.convnet.engine.arch.ShapeInference.Summary sum, boolean edited) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(sum.spec().title()).append(edited ? " (edited)" : "")
        .append(": X = torch.randn(1, ").append(sum.spec().inputChannels()).append(", ")
        .append(sum.inputSize()).append(", ").append(sum.inputSize()).append(")\n")
        .append(studio.convnet.engine.arch.Summaries.layerSummary(sum));
    sum.error().ifPresent(e -> b.append("# ").append(e.layer()).append(": ").append(e.message()).append('\n'));
    return b.toString();
  }
}
