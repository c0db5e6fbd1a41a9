package studio.convnet.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.train.EngineSupport;
import studio.convnet.engine.train.TestData;

class BatchMakerTest {

  @Test
  void batchesAreScaledToUnitRangeAndResizedOnTheTensor() {
    EngineSupport.engine();
    ImageDataset d = TestData.fashion();
    BatchMaker m = new BatchMaker(d.trainImages(), d.trainLabels(), 1, 56);
    int[] order = {0, 1, 2, 3};
    try (NDManager nd = NDManager.newBaseManager()) {
      NDList xy = m.batch(nd, order, 0, 4, null, null);
      NDArray x = xy.get(0);
      assertThat(x.getShape().getShape()).containsExactly(4, 1, 56, 56);
      assertThat(x.min().getFloat()).isGreaterThanOrEqualTo(0f);
      assertThat(x.max().getFloat()).isLessThanOrEqualTo(1f).isGreaterThan(0.5f);
      assertThat(xy.get(1).toLongArray()).containsExactly(m.label(0), m.label(1), m.label(2), m.label(3));
      // bilinear upsampling keeps the mean brightness
      float[] px = m.pixels(0);
      double mean = 0;
      for (float p : px) mean += p;
      mean /= px.length;
      assertThat((double) x.get(0).mean().getFloat()).isCloseTo(mean, org.assertj.core.api.Assertions.within(0.02));
    }
  }

  @Test
  void subsetsAreFixedBySeedAndSorted() {
    int[] a = BatchMaker.subset(1000, 10, 5);
    int[] b = BatchMaker.subset(1000, 10, 5);
    assertThat(a).containsExactly(b).isSorted().hasSize(10);
    assertThat(BatchMaker.subset(1000, 10, 6)).isNotEqualTo(a);
    assertThat(BatchMaker.subset(5, 0, 1)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void pyTorchScalesEveryByteExactlyAsJavaDoes() {
    // the batches without augmentation are scaled by PyTorch (uint8 -> float32, x 1/255), those with
    // augmentation in Java: both must give the same floats, or seeded runs would change
    EngineSupport.engine();
    int side = 16;
    byte[] px = new byte[3 * side * side];
    for (int k = 0; k < px.length; k++) {
      px[k] = (byte) (k * 7); // every byte value, in a scrambled order
    }
    IdxReader.Images images = new IdxReader.Images("test", 3, side, side, px);
    IdxReader.Labels labels = new IdxReader.Labels("test", 3, new byte[] {4, 9, 1});
    BatchMaker m = new BatchMaker(images, labels, 1, side);
    int[] order = {2, 0, 1};
    try (NDManager nd = NDManager.newBaseManager()) {
      NDList xy = m.batch(nd, order, 0, 3, null, null);
      float[] got = xy.get(0).toFloatArray();
      float[] augmented = m.batch(nd, order, 0, 3, (x, c, s, rng) -> x, new java.util.Random(1)).get(0).toFloatArray();
      float[] java = new float[got.length];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(m.pixels(order[i]), 0, java, i * side * side, side * side);
      }
      for (int k = 0; k < got.length; k++) {
        assertThat(Float.floatToRawIntBits(got[k])).as("value %d", k).isEqualTo(Float.floatToRawIntBits(java[k]));
      }
      assertThat(augmented).containsExactly(java);
      assertThat(xy.get(1).toLongArray()).containsExactly(1, 4, 9);
    }
  }
}
