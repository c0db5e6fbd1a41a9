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
}
