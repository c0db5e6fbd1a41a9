package studio.convnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.control.ScrollBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.convnet.app.presenter.PresenterModel;
import studio.convnet.engine.train.Presets;

/**
 * At a projector's 1280×720 and the presenter's 132 % and 152 %, light and high-contrast dark, the Training tab's settings and run
 * controls and the Augmentation tab's controls show every label whole: the rendered text of each
 * Labeled is its full text, never cut to "…", and no pane inside scrolls sideways (the settings sheet
 * did at 132 %, its editors cut at the right edge).
 */
@ExtendWith(ApplicationExtension.class)
class LabelsAtZoomTest {

  private final PresenterModel presenter = new PresenterModel();
  private MainView main;

  @Start
  void start(Stage stage) {
    main = new MainView(new AppContext(), presenter);
    DarkTheme.showFollowing(stage, main, presenter); // light and high-contrast dark as the app draws them
  }

  @AfterEach
  void modena() throws Exception {
    DarkTheme.reset();
  }

  @Test
  void noTrainingSettingOrControlLabelIsCut(FxRobot robot) {
    checkPane(robot, "tab-training", "#trainingSettings", 25);
  }

  @Test
  void noAugmentationLabelIsCut(FxRobot robot) {
    checkPane(robot, "tab-augmentation", "#augmentationControls", 25);
  }

  /** Every preset's whole name, in the box once chosen and in its open list (at 100 % some read "AlexNet 224 (book, slow…"). */
  @Test
  void noPresetNameIsCutInTheBoxOrItsList(FxRobot robot) throws Exception {
    robot.interact(() -> main.select("tab-training"));
    @SuppressWarnings("unchecked")
    ComboBox<Presets.Preset> box = robot.lookup("#preset").queryAs(ComboBox.class);
    for (PresenterModel.Theme theme : List.of(PresenterModel.Theme.LIGHT, PresenterModel.Theme.CONTRAST_DARK)) {
      robot.interact(() -> presenter.themeProperty().set(theme));
      for (double zoom : new double[] {1.0, 1.32, 1.52}) {
        robot.interact(() -> presenter.zoomProperty().set(zoom));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        // the name already chosen, once the zoom changed under it (it stayed one line, cut, at 132 %)
        String before = shownText(box.getChildrenUnmodifiable().stream().filter(n -> n instanceof ListCell).findFirst().orElseThrow());
        if (!before.equals(box.getValue().title())) {
          cut.add("box after the zoom: '" + box.getValue().title() + "' shown as '" + before + "'");
        }
        for (Presets.Preset p : Presets.all()) {
          robot.interact(() -> {
            box.setValue(p);
            box.getScene().getRoot().applyCss();
            box.getScene().getRoot().layout();
          });
          WaitForAsyncUtils.waitForFxEvents();
          Node cell = box.getChildrenUnmodifiable().stream().filter(n -> n instanceof ListCell).findFirst().orElseThrow();
          String shown = shownText(cell);
          if (p == Presets.all().get(0)) {
            LessonAtZoomTest.snapshot(robot, box.getScene(), String.format(java.util.Locale.ROOT, "preset-%s-%d.png",
                theme.name().toLowerCase(java.util.Locale.ROOT), Math.round(zoom * 100)));
          }
          if (!shown.equals(p.title())) {
            cut.add("box: '" + p.title() + "' shown as '" + shown + "'");
          }
        }
        robot.interact(box::show);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = (ListView<?>) ((ComboBoxListViewSkin<?>) box.getSkin()).getPopupContent();
        int listed = 0;
        for (Node cell : list.lookupAll(".list-cell")) {
          if (cell instanceof ListCell<?> c && c.getItem() instanceof Presets.Preset p && c.isVisible()) {
            listed++;
            String shown = shownText(c);
            if (!shown.equals(p.title())) {
              cut.add("list: '" + p.title() + "' shown as '" + shown + "'");
            }
          }
        }
        robot.interact(box::hide);
        robot.interact(() -> box.setValue(Presets.all().get(0))); // the longest name, under the next zoom
        assertThat(cut).as("presets at zoom %.2f, %s", zoom, theme).isEmpty();
        assertThat(listed).as("presets in the open list at zoom %.2f", zoom).isEqualTo(Presets.all().size());
      }
    }
  }

  private static String shownText(Node labeled) {
    return ((Parent) labeled).getChildrenUnmodifiable().stream().filter(t -> t instanceof Text)
        .map(t -> ((Text) t).getText()).reduce("", String::concat);
  }

  private void checkPane(FxRobot robot, String tab, String pane, int atLeast) {
    robot.interact(() -> main.select(tab));
    // high contrast draws bold, wider text
    for (PresenterModel.Theme theme : List.of(PresenterModel.Theme.LIGHT, PresenterModel.Theme.CONTRAST_DARK)) {
      robot.interact(() -> presenter.themeProperty().set(theme));
      for (double zoom : new double[] {1.0, 1.32, 1.52}) {
        robot.interact(() -> presenter.zoomProperty().set(zoom));
        WaitForAsyncUtils.waitForFxEvents();
        Parent root = robot.lookup(pane).queryAs(Parent.class);
        robot.interact(() -> {
          root.getScene().getRoot().applyCss();
          root.getScene().getRoot().layout();
        });
        List<String> cut = new ArrayList<>();
        int checked = cutLabels(root, cut);
        assertThat(cut).as("%s at zoom %.2f, %s", pane, zoom, theme).isEmpty();
        assertThat(checked).as("labels looked at in %s, zoom %.2f", pane, zoom).isGreaterThanOrEqualTo(atLeast);
      }
    }
  }

  /** Adds to {@code cut} every label under {@code root} shown shorter than its text, and every visible horizontal scroll bar. */
  private static int cutLabels(Parent root, List<String> cut) {
    int checked = 0;
    for (Node n : root.lookupAll("*")) {
      if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isBlank() || !l.isVisible()
          || l.getStyleClass().contains("list-cell")) {
        continue;
      }
      String shown = l.lookupAll(".text").stream().filter(t -> t.getParent() == l)
          .map(t -> ((Text) t).getText()).reduce("", String::concat);
      checked++;
      if (!shown.equals(l.getText())) {
        cut.add("'" + l.getText() + "' shown as '" + shown + "'");
      }
    }
    for (Node bar : root.lookupAll(".scroll-bar")) {
      if (bar instanceof ScrollBar sb && sb.getOrientation() == Orientation.HORIZONTAL && sb.isVisible()) {
        cut.add("a horizontal scroll bar in " + sb.getParent().getClass().getSimpleName() + ": its content is cut at the side");
      }
    }
    return checked;
  }
}
