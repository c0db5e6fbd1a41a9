package studio.convnet.app.exercises;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.train.Exercise;
import studio.convnet.engine.train.TrainingConfig;

/**
 * The chapter's exercises as one-click cards: what to ask the class, what to predict, the variant's
 * cost next to the original's, and two buttons: show both networks in the explorer, and race them.
 */
public final class ExercisesView {

  private final Consumer<Exercise> show;
  private final Consumer<Exercise> race;

  public ExercisesView(Consumer<Exercise> show, Consumer<Exercise> race) {
    this.show = show;
    this.race = race;
  }

  /** "62 k → 44 k parameters, 0.43 → 0.29 M multiply-adds, 28 px, 12 000 images × 6 epochs". */
  public static String facts(Exercise e) {
    TrainingConfig o = e.original();
    TrainingConfig v = e.variantConfig();
    Summary so = ShapeInference.infer(o.spec(), o.inputSize());
    Summary sv = ShapeInference.infer(v.spec(), v.inputSize());
    return String.format(Locale.ROOT, "parameters %s → %s · multiply-adds %s → %s · %s px → %s px · %s images × %d epochs, seed %d",
        count(so.totalParams()), count(sv.totalParams()), count(so.totalMacs()), count(sv.totalMacs()),
        o.inputSize(), v.inputSize(), o.maxTrainExamples() > 0 ? String.format(Locale.ROOT, "%,d", o.maxTrainExamples()) : "all",
        o.epochs(), o.seed());
  }

  private static String count(long n) {
    return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", n / 1e6)
        : n >= 1_000 ? String.format(Locale.ROOT, "%.0f k", n / 1e3) : Long.toString(n);
  }

  public Parent createView() {
    FlowPane cards = new FlowPane(12, 12);
    cards.setPadding(new Insets(12));
    cards.setId("exerciseCards");
    for (Exercise e : Exercise.all()) {
      cards.getChildren().add(card(e));
    }
    ScrollPane scroll = new ScrollPane(cards);
    scroll.setFitToWidth(true);
    return scroll;
  }

  private VBox card(Exercise e) {
    Label title = new Label(e.title());
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em");
    title.setWrapText(true);
    Label section = new Label("d2l " + e.section() + " · " + e.variant().title() + " vs the book's");
    Label ask = wrapped("Ask: " + e.ask());
    Label predict = wrapped("Predict: " + e.predict());
    Label facts = wrapped(facts(e));
    facts.getStyleClass().add("timing");
    VBox box = new VBox(6, title, section, ask, predict, facts);
    if (!e.measured().isEmpty()) {
      Label measured = wrapped("Measured here: " + e.measured());
      measured.setStyle("-fx-font-weight: bold");
      box.getChildren().add(measured);
    }
    Button show = new Button("Show in explorer");
    show.setId("show-" + e.id());
    show.setOnAction(a -> this.show.accept(e));
    Button race = new Button("Race");
    race.setId("race-" + e.id());
    race.getStyleClass().add("accent");
    race.setOnAction(a -> this.race.accept(e));
    box.getChildren().add(new HBox(8, show, race));
    box.setId("card-" + e.id());
    box.setPadding(new Insets(10));
    box.setPrefWidth(360);
    box.setStyle("-fx-border-color: -color-border-default, #bbb; -fx-border-radius: 6; -fx-background-radius: 6;");
    return box;
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    return l;
  }
}
