package studio.convnet.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Consumer;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.data.BatchMaker;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;

/**
 * Your own image through the network as it is now: pixels in [0, 1] at the dataset's size (28×28
 * for FashionMNIST: bright garment on black), resized to the network's input by the very function
 * training batches go through ({@link BatchMaker#resize}), then every unit's output and the class
 * probabilities, as an ActivationSnapshot with test index and label −1.
 *
 * @param pixels channels × side × side, row-major, in [0, 1]
 * @param done called with the result on the thread that served the request
 */
public record OwnImage(float[] pixels, int side, Consumer<ActivationSnapshot> done) {

  /** Test index (and label) of an own image's snapshot. */
  public static final int OWN = -1;

  public OwnImage {
    pixels = pixels.clone();
    if (side <= 0 || pixels.length % (side * side) != 0) {
      throw new IllegalArgumentException(pixels.length + " pixels are not square images of side " + side);
    }
  }

  /** Runs the forward pass (autograd must be off on this thread). */
  ActivationSnapshot forward(Block block, NDManager manager, List<LayerSpec> units, int inputSize,
      double elapsed, int epoch, long step) {
    int channels = pixels.length / (side * side);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(pixels, new Shape(1, channels, side, side));
      if (inputSize != side) {
        x = BatchMaker.resize(x, inputSize);
      }
      return Probes.snapshot(new ParameterStore(m, false), block, units, new NDList(x), elapsed, epoch, step,
          OWN, OWN, inputSize);
    }
  }
}
