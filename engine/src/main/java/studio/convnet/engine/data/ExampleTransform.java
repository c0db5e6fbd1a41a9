package studio.convnet.engine.data;

import java.util.Random;

/**
 * A training-time change to one example (augmentation). The training batch loader calls it for each
 * TRAINING example only, on the example's pixels as floats in [0, 1], channel-major ({@code C×S×S}),
 * before the batch is resized to the network's input size. Test examples and probes are never
 * transformed.
 *
 * <p>Implementations may change {@code chw} in place and return it, or return a new array of the
 * same length. {@code rng} is the run's seeded generator (on the training thread), so a run is
 * reproducible.
 */
@FunctionalInterface
public interface ExampleTransform {
  float[] apply(float[] chw, int channels, int size, Random rng);
}
