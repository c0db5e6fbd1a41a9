package studio.convnet.app.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

class LessonTest {

  @Test
  void theNumbersTheLessonQuotesAreTheNetworksOwn() {
    var alex = ShapeInference.infer(Zoo.get("alexnet"), 224);
    long dense = alex.rows().stream().filter(r -> r.name().equals("fc1") || r.name().equals("fc2"))
        .mapToLong(ShapeInference.LayerRow::params).sum();
    String note = Lesson.D2L_MODERN_CNNS.get(0).note();
    assertThat(note).contains(String.format(Locale.ROOT, "%.0f M of its %.1f M", dense / 1e6, alex.totalParams() / 1e6));
    // "type 28: pool2 dies" in README's walkthrough
    assertThat(ShapeInference.infer(Zoo.get("alexnet"), 28).error().orElseThrow().layer()).isEqualTo("pool2");
  }

  /** A host that records what the lesson asked for; its state is a string the steps overwrite. */
  private static final class FakeHost implements Lesson.Host {
    final List<String> calls = new ArrayList<>();
    String state = "teacher's own";

    @Override
    public void select(String tabId) {
      calls.add(tabId);
    }

    @Override
    public void run(String actionId) {
      calls.add(actionId);
      state = actionId;
    }

    @Override
    public Runnable capture() {
      String was = state;
      return () -> state = was;
    }
  }

  @Test
  void stepsMoveWithinBoundsOnlyWhileTheLessonRuns() {
    FakeHost host = new FakeHost();
    Lesson l = new Lesson(host);
    assertThat(l.next()).isFalse(); // not started: a stray PageDown or arrow does nothing
    l.start(Lesson.D2L_MODERN_CNNS);
    assertThat(l.steps()).hasSize(6);
    assertThat(l.current().tabId()).isEqualTo("tab-architecture");
    assertThat(l.previous()).isFalse();
    assertThat(l.indexProperty().get()).isZero();
    for (int i = 0; i < 10; i++) {
      l.next();
    }
    assertThat(l.current().tabId()).isEqualTo("tab-runs");
    assertThat(l.current().setup()).containsExactly("runs.alexnet-filters");
    assertThat(l.position()).isEqualTo("6 / 6");
  }

  @Test
  void everyStepSetsUpItsStateWhenEnteredForwardsOrBackwards() {
    FakeHost host = new FakeHost();
    Lesson l = new Lesson(host);
    l.start(Lesson.D2L_MODERN_CNNS);
    assertThat(host.calls).containsExactly("tab-architecture", "architecture.book-pair");
    l.next();
    assertThat(host.state).isEqualTo("architecture.predict");
    l.next();
    l.previous(); // back to step 2: its set-up runs again
    assertThat(host.calls.subList(host.calls.size() - 2, host.calls.size()))
        .containsExactly("tab-architecture", "architecture.predict");
    l.previous();
    assertThat(host.state).isEqualTo("architecture.book-pair");
  }

  @Test
  void endingTheLessonPutsBackWhatTheTeacherHadEvenAfterARestart() {
    FakeHost host = new FakeHost();
    Lesson l = new Lesson(host);
    l.start(Lesson.D2L_MODERN_CNNS);
    l.next();
    l.start(Lesson.D2L_MODERN_CNNS); // rehearse again: captured once, from before the first start
    assertThat(l.indexProperty().get()).isZero();
    assertThat(host.state).isEqualTo("architecture.book-pair");
    l.end();
    assertThat(l.activeProperty().get()).isFalse();
    assertThat(host.state).isEqualTo("teacher's own");
  }

  @Test
  void aSecondLessonIsJustAnotherListOfSteps() {
    FakeHost host = new FakeHost();
    Lesson l = new Lesson(host);
    l.start(List.of(new Lesson.Step("A", "tab-a", List.of("a.one", "a.two"), "note A"),
        new Lesson.Step("B", "tab-b", List.of(), "note B")));
    l.next();
    assertThat(host.calls).containsExactly("tab-a", "a.one", "a.two", "tab-b");
    assertThat(l.position()).isEqualTo("2 / 2");
  }
}
