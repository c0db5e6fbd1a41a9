package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;

/**
 * The lesson's steps at a projector's 1280×720, at 100, 132 and 152 %, light and high-contrast dark:
 * what a step is about is on the screen when the step opens, without scrolling or hunting for it.
 */
@ExtendWith(ApplicationExtension.class)
class LessonAtZoomTest {

  private final PresenterModel presenter = new PresenterModel();
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(new AppContext(), presenter);
    main.installShortcuts(DarkTheme.showFollowing(stage, main, presenter)); // light and high-contrast dark
  }

  @AfterEach
  void modena() throws Exception {
    DarkTheme.reset();
  }

  @Test
  void stepFiveShowsAllSixteenDrawsWholeAndLargeEnoughToSeeAtEveryZoom(FxRobot robot) throws Exception {
    robot.interact(() -> {
      main.startLesson();
      main.lesson().go(4);
    });
    assertThat(main.lesson().current().title()).startsWith("5 ·");
    OnFx.waitFor(30, () -> robot.lookup("#draw-15").tryQueryAs(ImageView.class)
        .map(v -> v.getImage().getWidth() == 224).orElse(false));
    for (PresenterModel.Theme theme : List.of(PresenterModel.Theme.LIGHT, PresenterModel.Theme.CONTRAST_DARK)) {
      robot.interact(() -> presenter.themeProperty().set(theme));
      for (double zoom : new double[] {1.0, 1.32, 1.52}) {
        robot.interact(() -> presenter.zoomProperty().set(zoom));
        WaitForAsyncUtils.waitForFxEvents();
        Node grid = robot.lookup("#augDraws").query();
        robot.interact(() -> {
          grid.getScene().getRoot().applyCss();
          grid.getScene().getRoot().layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
        String where = String.format(Locale.ROOT, "zoom %.2f, %s", zoom, theme);
        snapshot(robot, grid.getScene(), String.format(Locale.ROOT, "step5-%s-%d.png", theme.name().toLowerCase(Locale.ROOT),
            Math.round(zoom * 100)));
        var shownDraws = robot.lookup(".draw").queryAllAs(ImageView.class);
        assertThat(shownDraws).hasSize(16);
        for (ImageView draw : shownDraws) {
          Bounds shown = draw.localToScene(draw.getBoundsInLocal());
          Bounds seen = seenPart(draw, shown);
          double visible = seen == null ? 0 : seen.getWidth() * seen.getHeight() / (shown.getWidth() * shown.getHeight());
          assertThat(visible).as("share of %s in view without scrolling, %s (drawn at %s, in view %s)",
              draw.getId(), where, shown, seen).isGreaterThan(0.99);
          // at least 96 px a side (AlexNet's 224 at 43 %): a crop and a flip visible from the back of the room
          assertThat(shown.getWidth()).as("%s's side on screen, %s", draw.getId(), where).isGreaterThanOrEqualTo(96);
        }
      }
    }
  }

  /** The part of {@code node} (at {@code shown} in the scene) inside every scroll pane's viewport around it and the window. */
  private static Bounds seenPart(Node node, Bounds shown) {
    double minX = Math.max(0, shown.getMinX());
    double minY = Math.max(0, shown.getMinY());
    double maxX = Math.min(node.getScene().getWidth(), shown.getMaxX());
    double maxY = Math.min(node.getScene().getHeight(), shown.getMaxY());
    for (Node p = node.getParent(); p != null; p = p.getParent()) {
      Bounds clip = null;
      if (p instanceof ScrollPane sp) {
        Node viewport = sp.lookup(".viewport");
        clip = viewport == null ? null : viewport.localToScene(viewport.getBoundsInLocal());
      }
      if (clip != null) {
        minX = Math.max(minX, clip.getMinX());
        minY = Math.max(minY, clip.getMinY());
        maxX = Math.min(maxX, clip.getMaxX());
        maxY = Math.min(maxY, clip.getMaxY());
      }
    }
    return maxX <= minX || maxY <= minY ? null : new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
  }

  /** What the window shows, for a person to look at: target/lesson-at-zoom/NAME. */
  static void snapshot(FxRobot robot, Scene scene, String name) throws Exception {
    WritableImage[] image = new WritableImage[1];
    robot.interact(() -> image[0] = scene.snapshot(null));
    int w = (int) image[0].getWidth();
    int h = (int) image[0].getHeight();
    java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    int[] argb = new int[w * h];
    image[0].getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
    out.setRGB(0, 0, w, h, argb, 0, w);
    Path dir = Path.of("target", "lesson-at-zoom");
    Files.createDirectories(dir);
    javax.imageio.ImageIO.write(out, "png", dir.resolve(name).toFile());
  }
}
