package studio.convnet.app.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresenterModelTest {

  @Test
  void zoomStepsStayWithinBoundsAndScaleTheFont() {
    PresenterModel p = new PresenterModel();
    p.zoomIn();
    assertThat(p.zoomProperty().get()).isEqualTo(1.15);
    assertThat(p.fontSize()).isEqualTo(15.0);
    for (int i = 0; i < 20; i++) {
      p.zoomIn();
    }
    assertThat(p.zoomProperty().get()).isEqualTo(PresenterModel.MAX_ZOOM);
    for (int i = 0; i < 40; i++) {
      p.zoomOut();
    }
    assertThat(p.zoomProperty().get()).isEqualTo(PresenterModel.MIN_ZOOM);
    p.resetZoom();
    assertThat(p.fontSize()).isEqualTo(PresenterModel.BASE_FONT);
  }

  @Test
  void themesKnowWhetherTheyAreDarkOrHighContrast() {
    assertThat(PresenterModel.Theme.CONTRAST_DARK.dark()).isTrue();
    assertThat(PresenterModel.Theme.CONTRAST_DARK.highContrast()).isTrue();
    assertThat(PresenterModel.Theme.LIGHT.highContrast()).isFalse();
  }

  @Test
  void lessonStepsMoveWithinTheSequence() {
    Lesson lesson = new Lesson(Lesson.D2L_MODERN_CNNS);
    assertThat(lesson.current().tabId()).isEqualTo("tab-architecture");
    assertThat(lesson.previous()).isFalse();
    assertThat(lesson.next()).isTrue();
    assertThat(lesson.position()).isEqualTo("2 / 5");
    lesson.go(4);
    assertThat(lesson.next()).isFalse();
    assertThat(lesson.current().tabId()).isEqualTo("tab-augmentation");
  }
}
