package studio.convnet.app.presenter;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A lesson a teacher steps through, forwards and backwards. Entering a step opens its view and runs
 * its set-up actions (actions the views registered), each of which puts its view into the whole state
 * the step needs — so a step looks the same however it is reached, and a rehearsal leaves nothing
 * behind. Starting a lesson captures what the teacher had; ending it puts that back.
 *
 * <p>A second lesson is just another list of {@link Step}s passed to {@link #start(List)}.
 */
public final class Lesson {

  /**
   * One step.
   *
   * @param title shown in the lesson bar
   * @param tabId the tab to open
   * @param setup action ids run in order on arrival; each sets up its view's whole state
   * @param note what to say or ask, for the teacher
   */
  public record Step(String title, String tabId, List<String> setup, String note) {
    public Step {
      setup = List.copyOf(setup);
    }
  }

  /** What a lesson drives: the main window. */
  public interface Host {
    /** Opens a tab by id. */
    void select(String tabId);

    /** Runs a registered action by id. */
    void run(String actionId);

    /** Captures everything a step may change; the returned action puts it back. */
    Runnable capture();
  }

  public static final List<Step> D2L_MODERN_CNNS = List.of(
      new Step("1 · Two stacks", "tab-architecture", List.of("architecture.book-pair"),
          "LeNet at 28×28 beside AlexNet at 224×224, each at its book input size. Where do the"
              + " parameters live? (AlexNet: 43 M of its 46.8 M in the first two dense layers.) Set the input"
              + " size to 28 for both: which AlexNet layer dies, and why?"),
      new Step("2 · Predict, then reveal", "tab-architecture", List.of("architecture.predict"),
          "Hide the output shapes and let the class compute ⌊(n + 2p − k)/s⌋ + 1 for each layer; then reveal."),
      new Step("3 · LeNet learns, live", "tab-training", List.of("training.lenet-demo"),
          "Press Start (F5). The loss sits near ln 10 ≈ 2.30 (chance) before it drops: that is not a bug."
              + " Watch the six 5×5 filters form."),
      new Step("4 · AlexNet, one we trained earlier", "tab-runs", List.of("runs.recorded-alexnet"),
          "A recorded run (say so!), compared with LeNet on one chart: params, multiply-adds, images per"
              + " second. The Replay tab scrubs its timeline."),
      new Step("5 · Augmentation", "tab-augmentation", List.of("augmentation.lesson"),
          "Flips, crops and colour changes made AlexNet work. What does the network really see?"));

  private final Host host;
  private List<Step> steps = D2L_MODERN_CNNS;
  private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(steps.get(0));
  private Runnable restore = () -> { };

  public Lesson(Host host) {
    this.host = host;
  }

  /** Starts (or restarts) a lesson at its first step; what the teacher had is captured once per lesson. */
  public void start(List<Step> lesson) {
    if (lesson.isEmpty()) {
      throw new IllegalArgumentException("a lesson needs at least one step");
    }
    if (!active.get()) {
      restore = host.capture();
    }
    steps = List.copyOf(lesson);
    active.set(true);
    enter(0);
  }

  /** Ends the lesson and puts back what the teacher had before it started. */
  public void end() {
    if (active.get()) {
      active.set(false);
      Runnable r = restore;
      restore = () -> { };
      r.run();
    }
  }

  public boolean next() {
    return go(index.get() + 1);
  }

  public boolean previous() {
    return go(index.get() - 1);
  }

  /** Enters step i (0-based) when the lesson is running and i exists. */
  public boolean go(int i) {
    if (!active.get() || i < 0 || i >= steps.size()) {
      return false;
    }
    enter(i);
    return true;
  }

  private void enter(int i) {
    Step step = steps.get(i);
    index.set(i);
    current.set(step);
    host.select(step.tabId());
    step.setup().forEach(host::run);
  }

  public List<Step> steps() {
    return steps;
  }

  public Step current() {
    return current.get();
  }

  public ReadOnlyObjectProperty<Step> currentProperty() {
    return current.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty indexProperty() {
    return index.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty activeProperty() {
    return active.getReadOnlyProperty();
  }

  public String position() {
    return (index.get() + 1) + " / " + steps.size();
  }
}
