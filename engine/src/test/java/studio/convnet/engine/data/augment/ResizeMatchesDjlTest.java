package studio.convnet.engine.data.augment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.convnet.engine.train.EngineSupport;

/**
 * The preview's plain-Java resize must agree with the bilinear resize the training loader does on the
 * batch with DJL on PyTorch, else the lab would show something the network is not fed.
 *
 * <p>Checked for enlarging and for the identity (FashionMNIST 28 → LeNet 28, AlexNet/VGG 224): equal
 * to float rounding. Shrinking is NOT equal (measured max difference 0.30 at 28 → 20): DJL's PyTorch
 * resize then differs from plain half-pixel bilinear (apparently it antialiases), so an input size
 * below the dataset's would need the loader and the preview to share one resize.
 */
class ResizeMatchesDjlTest {

  @Test
  void plainJavaBilinearEqualsDjlPyTorchBilinear() {
    EngineSupport.offline();
    Random rng = new Random(1);
    float[] img = new float[28 * 28];
    for (int i = 0; i < img.length; i++) {
      img[i] = rng.nextFloat();
    }
    try (NDManager m = NDManager.newBaseManager(EngineSupport.engine().getEngineName())) {
      for (int dst : new int[] {224, 32, 56, 28, 29}) {
        // NCHW batch of one, as the loader holds it; NDImageUtils.resize wants channels last
        NDArray batch = m.create(img, new Shape(1, 1, 28, 28));
        NDArray hwc = batch.transpose(0, 2, 3, 1);
        NDArray resized = NDImageUtils.resize(hwc, dst, dst, Image.Interpolation.BILINEAR)
            .transpose(0, 3, 1, 2);
        float[] theirs = resized.toFloatArray();
        float[] ours = ImageOps.resizeBilinear(img, 1, 28, dst);
        assertThat(ours).hasSameSizeAs(theirs);
        float maxDiff = 0;
        for (int i = 0; i < ours.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
        }
        assertThat(maxDiff).as("max |java − djl| at " + dst).isLessThan(1e-5f);
      }
    }
  }
}
