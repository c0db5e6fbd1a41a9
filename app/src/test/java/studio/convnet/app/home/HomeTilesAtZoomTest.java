package studio.convnet.app.home;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.convnet.app.AppContext;

/** At presenter zoom (152 %) on a 1280×720 screen the start page's tiles show every word of their text. */
@ExtendWith(ApplicationExtension.class)
class HomeTilesAtZoomTest {

  @Start
  void start(Stage stage) {
    StackPane root = new StackPane(new HomeView(new AppContext(), id -> {}, () -> {}).createView());
    root.setStyle("-fx-font-size: 19.76px;"); // 13 px × 1.52, as MainView sets it
    stage.setScene(new Scene(root, 1280, 720));
    stage.show();
  }

  @Test
  void everyTileIsAsTallAsTheOthersAt132And152Percent(FxRobot robot) {
    StackPane root = robot.lookup("#homeTiles").queryAs(javafx.scene.Node.class).getScene().getRoot() instanceof StackPane p
        ? p : null;
    assertThat(root).isNotNull();
    for (double zoom : new double[] {1.32, 1.52}) {
      robot.interact(() -> {
        root.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", 13 * zoom));
        root.applyCss();
        root.layout();
      });
      var tiles = robot.lookup(".home-tile").queryAllAs(Button.class);
      double first = tiles.iterator().next().getHeight();
      double tallest = tiles.stream().mapToDouble(t -> t.prefHeight(t.getWidth())).max().orElseThrow();
      assertThat(first).as("as tall as the tallest tile's text needs, no taller (zoom %.2f)", zoom)
          .isCloseTo(tallest, org.assertj.core.api.Assertions.within(1.0));
      for (Button tile : tiles) {
        assertThat(tile.getHeight()).as("%s at zoom %.2f", tile.getId(), zoom).isEqualTo(first);
        assertThat(shownText(tile)).as("%s at zoom %.2f", tile.getId(), zoom).isEqualTo(fullText(tile));
      }
    }
  }

  private static String shownText(Button tile) {
    StringBuilder b = new StringBuilder();
    for (var node : tile.lookupAll(".label")) {
      ((Label) node).lookupAll(".text").forEach(t -> b.append(((Text) t).getText()).append('|'));
    }
    return b.toString();
  }

  private static String fullText(Button tile) {
    StringBuilder b = new StringBuilder();
    for (var node : tile.lookupAll(".label")) {
      b.append(((Label) node).getText()).append('|');
    }
    return b.toString();
  }

  @Test
  void noTileCutsItsTitleOrSubtitle(FxRobot robot) {
    var tiles = robot.lookup(".home-tile").queryAllAs(Button.class);
    assertThat(tiles).hasSizeGreaterThanOrEqualTo(5);
    for (Button tile : tiles) {
      for (var node : tile.lookupAll(".label")) {
        Label label = (Label) node;
        String shown = label.lookupAll(".text").stream().map(t -> ((Text) t).getText()).reduce("", String::concat);
        assertThat(shown).as(tile.getId()).isEqualTo(label.getText());
      }
    }
  }
}
