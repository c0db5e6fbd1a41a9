package studio.convnet.app.presenter;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void stepsMoveWithinBounds() {
    Lesson l = new Lesson(Lesson.D2L_MODERN_CNNS);
    assertThat(l.steps()).hasSize(5);
    assertThat(l.current().tabId()).isEqualTo("tab-architecture");
    l.previous();
    assertThat(l.indexProperty().get()).isZero();
    for (int i = 0; i < 10; i++) {
      l.next();
    }
    assertThat(l.current().tabId()).isEqualTo("tab-augmentation");
  }
}
