package studio.convnet.app.presenter;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The ten-minute lesson a teacher steps through: each step opens a view, optionally triggers an
 * action there (an action a view registered in {@code AppContext}), and shows the teacher a note.
 */
public final class Lesson {

  /**
   * One step.
   *
   * @param title shown in the lesson bar
   * @param tabId the tab to open
   * @param action an AppContext action id to run on arrival, or null
   * @param note what to say or ask, for the teacher
   */
  public record Step(String title, String tabId, String action, String note) {}

  public static final List<Step> D2L_MODERN_CNNS = List.of(
      new Step("1 · Two stacks", "tab-architecture", null,
          "LeNet beside AlexNet at 224×224. Where do the parameters live? (AlexNet: 43 M of its 46.8 M"
              + " in the first two dense layers.) Change the input size to 28: which layer dies, and why?"),
      new Step("2 · Predict, then reveal", "tab-architecture", "architecture.predict",
          "Hide the output shapes and let the class compute ⌊(n + 2p − k)/s⌋ + 1 for each layer; then reveal."),
      new Step("3 · LeNet learns, live", "tab-training", "training.lenet-demo",
          "Press Start (F5). The loss sits near ln 10 ≈ 2.30 (chance) before it drops: that is not a bug."
              + " Watch the six 5×5 filters form."),
      new Step("4 · AlexNet, one we trained earlier", "tab-runs", "runs.recorded-alexnet",
          "A recorded run (say so!): scrub the timeline, compare with LeNet on one chart: params,"
              + " multiply-adds, images per second."),
      new Step("5 · Augmentation", "tab-augmentation", null,
          "Flips, crops and colour changes made AlexNet work. What does the network really see?"));

  private final List<Step> steps;
  private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);

  public Lesson(List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a lesson needs at least one step");
    }
    this.steps = List.copyOf(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  public Step current() {
    return steps.get(index.get());
  }

  public boolean next() {
    return go(index.get() + 1);
  }

  public boolean previous() {
    return go(index.get() - 1);
  }

  public boolean go(int i) {
    if (i < 0 || i >= steps.size()) {
      return false;
    }
    index.set(i);
    return true;
  }

  public ReadOnlyIntegerProperty indexProperty() {
    return index.getReadOnlyProperty();
  }

  public String position() {
    return (index.get() + 1) + " / " + steps.size();
  }
}
