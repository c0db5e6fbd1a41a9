package studio.convnet.app.presenter;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lesson bar under the views: ◀ the step's title ▶ and ✕ on the first row, the teacher's note
 * under it. Both wrap rather than cut, at every zoom: the step's name is what the room reads.
 */
public final class LessonBar {

  private LessonBar() {
  }

  public static VBox create(Lesson lesson) {
    Label title = new Label();
    title.setId("lessonTitle");
    title.getStyleClass().add("text-bold");
    title.setWrapText(true);
    title.setMinWidth(0);
    title.setMinHeight(Region.USE_PREF_SIZE);
    title.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(title, Priority.ALWAYS);
    Label note = new Label();
    note.setId("lessonNote");
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    note.setMaxWidth(Double.MAX_VALUE);
    lesson.currentProperty().addListener((o, a, step) -> show(lesson, title, note));
    lesson.indexProperty().addListener((o, a, i) -> show(lesson, title, note));
    show(lesson, title, note);

    Button prev = button("lessonPrev", "◀", "Previous step (PageUp, ←)", lesson::previous);
    Button next = button("lessonNext", "▶", "Next step (PageDown, →)", lesson::next);
    Button close = button("lessonClose", "✕", "End the lesson and put the views back as they were", lesson::end);
    HBox head = new HBox(8, prev, title, next, close);
    head.setAlignment(Pos.CENTER_LEFT);
    VBox bar = new VBox(2, head, note);
    bar.setId("lessonBar");
    bar.setPadding(new Insets(6, 10, 6, 10));
    bar.getStyleClass().add("lesson-bar");
    bar.visibleProperty().bind(lesson.activeProperty());
    bar.managedProperty().bind(lesson.activeProperty());
    return bar;
  }

  private static void show(Lesson lesson, Label title, Label note) {
    title.setText(lesson.current().title() + "  (" + lesson.position() + ")");
    note.setText(lesson.current().note());
  }

  private static Button button(String id, String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }
}
