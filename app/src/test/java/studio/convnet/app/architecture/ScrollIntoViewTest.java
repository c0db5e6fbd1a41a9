package studio.convnet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.engine.arch.Zoo;

/** A selection made elsewhere (a lesson step, the table) scrolls the diagram to it; one in view does not. */
@ExtendWith(ApplicationExtension.class)
class ScrollIntoViewTest {

  private ArchitectureViewModel model;

  @Start
  void start(Stage stage) {
    model = new ArchitectureViewModel(Zoo.get("resnet18"), Zoo.get("googlenet"));
    stage.setScene(new Scene(new ArchitectureView(model).createView(), 900, 500)); // a small screen
    stage.show();
  }

  @Test
  void aLessonStepsSelectionBelowTheFoldIsScrolledIntoView(FxRobot robot) {
    ScrollPane scroll = robot.lookup("#diagramScroll").queryAs(ScrollPane.class);
    assertThat(scroll.getVvalue()).isZero();
    robot.interact(() -> {
      model.folding().setCollapsed(Side.LEFT, "b5", false);
      model.folding().setCollapsed(Side.LEFT, "b5/unit2", false);
      model.select(Side.LEFT, "b5/unit2/conv2");
    });
    Canvas canvas = robot.lookup("#diagram").queryAs(Canvas.class);
    // the diagram is redrawn and laid out over a few pulses (more on a busy machine): wait for the
    // slot to come into view, up to 5 s, then check where it is
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> slotTop(canvas, scroll) != null);
    } catch (TimeoutException e) {
      // the assertions below say what was wrong
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(scroll.getVvalue()).isPositive();
    Diagram.Drawing d = (Diagram.Drawing) canvas.getProperties().get(Diagram.Drawing.class);
    Rectangle2D slot = d.hits().values().stream()
        .filter(h -> !h.toggle() && h.selection().layer().equals("b5/unit2/conv2")).findFirst().orElseThrow().area();
    var onScreen = canvas.localToScene(slot.getMinX(), slot.getMinY());
    var viewport = scroll.localToScene(scroll.getViewportBounds());
    assertThat(onScreen.getY()).isBetween(viewport.getMinY(), viewport.getMaxY() - slot.getHeight());

    double now = scroll.getVvalue(); // a slot already in view does not move the picture
    robot.interact(() -> model.select(Side.LEFT, "b5/unit2/conv1"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(scroll.getVvalue()).isEqualTo(now);
  }

  /** The selected slot's top in the scene when it is drawn and inside the viewport, else null. */
  private static Double slotTop(Canvas canvas, ScrollPane scroll) {
    Object drawing = canvas.getProperties().get(Diagram.Drawing.class);
    if (!(drawing instanceof Diagram.Drawing d)) return null;
    var hit = d.hits().values().stream()
        .filter(h -> !h.toggle() && h.selection().layer().equals("b5/unit2/conv2")).findFirst();
    if (hit.isEmpty()) return null;
    Rectangle2D slot = hit.get().area();
    double top = canvas.localToScene(slot.getMinX(), slot.getMinY()).getY();
    var viewport = scroll.localToScene(scroll.getViewportBounds());
    return top >= viewport.getMinY() && top <= viewport.getMaxY() - slot.getHeight() ? top : null;
  }

  @Test
  void theScrollValueChangesOnlyWhenTheAreaIsOutOfView() {
    assertThat(ScrollIntoView.value(100, 140, 400, 1400, 0)).isZero(); // in view
    assertThat(ScrollIntoView.value(900, 940, 400, 1400, 0)).isEqualTo((920 - 200) / 1000.0); // centred
    assertThat(ScrollIntoView.value(900, 1500, 400, 1400, 0)).isEqualTo((900 - 12) / 1000.0); // its top first
    assertThat(ScrollIntoView.value(900, 940, 400, 300, 0.3)).isEqualTo(0.3); // nothing to scroll
  }
}
