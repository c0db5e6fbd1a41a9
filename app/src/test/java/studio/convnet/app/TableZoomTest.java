package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;

/** At a projector's 1280×720 and the presenter's zooms, the layer table shows whole numbers, never "…". */
@ExtendWith(ApplicationExtension.class)
class TableZoomTest {

  private final PresenterModel presenter = new PresenterModel();
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(new AppContext(), presenter);
    Scene scene = new Scene(main.createView(), 1280, 720);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void noLayerTableCellOrHeaderIsCutAtAnyPresenterZoom(FxRobot robot) {
    robot.interact(() -> main.select("tab-architecture"));
    for (double zoom : new double[] {1.0, 1.32, 1.52, 1.75}) {
      robot.interact(() -> presenter.zoomProperty().set(zoom));
      WaitForAsyncUtils.waitForFxEvents();
      TableView<?> table = robot.lookup("#layerTable").queryAs(TableView.class);
      robot.interact(() -> {
        table.applyCss();
        table.layout();
      });
      Set<Node> cells = new java.util.HashSet<>(table.lookupAll(".table-cell"));
      cells.addAll(table.lookupAll(".column-header .label"));
      int checked = 0;
      for (Node n : cells) {
        if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isBlank() || !l.isVisible()) {
          continue;
        }
        Text shown = (Text) l.lookup(".text");
        if (shown == null) {
          continue;
        }
        assertThat(shown.getText()).as("%s at zoom %.2f", l.getText(), zoom).isEqualTo(l.getText());
        checked++;
      }
      assertThat(checked).as("cells looked at, zoom %.2f", zoom).isGreaterThan(20);
    }
  }
}
