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
}
