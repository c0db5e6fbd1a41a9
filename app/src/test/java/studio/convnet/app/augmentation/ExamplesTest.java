package studio.convnet.app.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Browsing the lab's test images within a class. */
class ExamplesTest {

  // ten synthetic images, classes alternating: 0 "block" at even indices, 1 "bar" at odd ones
  private final Examples ten = new Examples(TestImages.dataset(10));

  @Test
  void nextAndPreviousStayInTheClassAndWrapAround() {
    assertThat(ten.step(0, 1)).isEqualTo(2);
    assertThat(ten.step(8, 1)).isEqualTo(0);
    assertThat(ten.step(0, -1)).isEqualTo(8);
    assertThat(ten.step(3, 1)).isEqualTo(5);
    assertThat(ten.step(1, -1)).isEqualTo(9);
  }

  @Test
  void theOnlyImageOfItsClassStaysWhereItIs() {
    Examples one = new Examples(TestImages.dataset(1));
    assertThat(one.step(0, 1)).isZero();
    assertThat(one.step(0, -1)).isZero();
  }

  @Test
  void theFirstImageOfAClassOrNone() {
    assertThat(ten.first(0)).isZero();
    assertThat(ten.first(1)).isEqualTo(1);
    assertThat(ten.first(7)).isEqualTo(-1);
  }

  @Test
  void imagesAreLabelledTitledAndScaledToUnitFloats() {
    assertThat(ten.count()).isEqualTo(10);
    assertThat(ten.label(3)).isEqualTo(1);
    assertThat(ten.title(3)).isEqualTo("#3 · bar");
    float[] px = ten.pixels(0);
    assertThat(px).hasSize(28 * 28);
    assertThat(px[5 * 28 + 5]).isEqualTo(1f); // the bright block at the top left
    assertThat(px[0]).isZero();
  }

  @Test
  void noDatasetIsAnEmptySetOfBlack28PixelImages() {
    Examples none = new Examples(null);
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.count()).isZero();
    assertThat(none.size()).isEqualTo(28);
    assertThat(none.classNames()).isEmpty();
    assertThat(none.label(0)).isEqualTo(-1);
    assertThat(none.first(0)).isEqualTo(-1);
    assertThat(none.title(0)).isEqualTo("(no image)");
    assertThat(none.pixels(0)).hasSize(28 * 28).containsOnly(0f);
  }
}
