package studio.convnet.engine.events;

import java.util.List;

/**
 * A training run is a stream of these immutable events. The engine produces them, the CLI prints
 * them, a run folder records them (one JSON line each), and the app draws them; a recorded run and a
 * live one look the same to every consumer. Events carry plain arrays, never NDArrays.
 *
 * <p>{@code elapsed} is seconds since the run started (wall clock, excluding nothing), so runs can be
 * compared on a wall-clock axis.
 *
 * <p>Records that carry arrays copy them on the way in and on the way out, so an event really is
 * immutable: a consumer cannot change what another consumer (or the run folder) sees.
 */
public sealed interface RunEvent
    permits RunEvent.RunStarted, RunEvent.BatchMetrics, RunEvent.EpochMetrics,
        RunEvent.FilterSnapshot, RunEvent.ActivationSnapshot, RunEvent.ConfusionMatrix,
        RunEvent.RunPaused, RunEvent.RunResumed, RunEvent.RunFinished, RunEvent.RunFailed,
        RunEvent.TopPatches, RunEvent.LookMaps, RunEvent.LayerHealth {

  double elapsed();

  /**
   * The run's identity and set-up.
   *
   * @param runId the run folder's name
   * @param model zoo id of the network ("alexnet")
   * @param modelTitle its title
   * @param inputSize side length fed to the network (FashionMNIST is resized on the batch)
   * @param config the run's settings (typed, versioned; old recordings are read through
   *     {@link RunConfig#fromLegacyMap})
   * @param device where it trains, e.g. "CPU (PyTorch 2.5.1, 2 cores)"
   * @param trainSize training examples used per epoch
   * @param testSize test examples evaluated per epoch
   * @param batchesPerEpoch training batches per epoch
   * @param classNames class names, index = label
   * @param params trainable parameters
   * @param macs multiply-adds per image (forward)
   * @param startEpoch 0 for a new run, N when resumed from the checkpoint after epoch N
   */
  record RunStarted(
      double elapsed, String runId, String model, String modelTitle, int inputSize,
      RunConfig config, String device, int trainSize, int testSize, int batchesPerEpoch,
      List<String> classNames, long params, long macs, int startEpoch) implements RunEvent {
    public RunStarted {
      classNames = List.copyOf(classNames);
    }

    /** Epochs the run was configured for. */
    public int epochs() {
      return config.epochs();
    }
  }

  /** Running metrics of the current epoch, emitted every few batches. Epochs count from 1. */
  record BatchMetrics(
      double elapsed, int epoch, int batch, int batchesPerEpoch, long step, double loss,
      double accuracy, double imagesPerSecond) implements RunEvent {}

  /** One finished epoch: train loss/accuracy averaged over the epoch, test accuracy after it. */
  record EpochMetrics(
      double elapsed, int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
      double seconds) implements RunEvent {}

  /**
   * The first convolution's weights (the learned filters).
   *
   * @param shape (out channels, in channels, kernel height, kernel width)
   * @param weights row-major, length = product of shape
   */
  record FilterSnapshot(
      double elapsed, int epoch, int batch, long step, String layer, int[] shape, float[] weights)
      implements RunEvent {
    public FilterSnapshot {
      shape = shape.clone();
      weights = weights.clone();
    }

    @Override public int[] shape() { return shape.clone(); }
    @Override public float[] weights() { return weights.clone(); }

    /** Number of filters (the first dimension). */
    public int filterCount() { return shape[0]; }

    /** Number of weights. */
    public int size() { return weights.length; }
  }

  /** One layer's output for one probe image (batch dimension dropped). */
  record LayerActivation(String layer, String type, int[] shape, float[] values) {
    public LayerActivation {
      shape = shape.clone();
      values = values.clone();
    }

    @Override public int[] shape() { return shape.clone(); }
    @Override public float[] values() { return values.clone(); }
  }

  /**
   * Every layer's output for a fixed probe test image.
   *
   * @param testIndex index of the probe in the test set
   * @param label its true label
   * @param image the network's input (1×S×S, after resize), row-major
   * @param layers each layer's output, in order
   * @param probabilities softmax of the last layer
   */
  record ActivationSnapshot(
      double elapsed, int epoch, long step, int testIndex, int label, int inputSize, float[] image,
      List<LayerActivation> layers, float[] probabilities) implements RunEvent {
    public ActivationSnapshot {
      image = image.clone();
      layers = List.copyOf(layers);
      probabilities = probabilities == null ? new float[0] : probabilities.clone();
    }

    @Override public float[] image() { return image.clone(); }
    @Override public float[] probabilities() { return probabilities.clone(); }
  }

  /**
   * The test-set confusion matrix after an epoch.
   *
   * @param counts counts[true][predicted]
   * @param testIndices the test examples evaluated, in order
   * @param predicted the prediction for each of them (same order), so a view can list a cell's images
   */
  record ConfusionMatrix(
      double elapsed, int epoch, int[][] counts, int[] testIndices, int[] predicted)
      implements RunEvent {
    public ConfusionMatrix {
      counts = deepCopy(counts);
      testIndices = testIndices.clone();
      predicted = predicted.clone();
    }

    @Override public int[][] counts() { return deepCopy(counts); }
    @Override public int[] testIndices() { return testIndices.clone(); }
    @Override public int[] predicted() { return predicted.clone(); }

    /** counts[truth][predicted] without copying the matrix. */
    public int count(int truth, int predicted) { return counts[truth][predicted]; }

    /** Number of classes. */
    public int classes() { return counts.length; }

    private static int[][] deepCopy(int[][] a) {
      int[][] c = new int[a.length][];
      for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
      return c;
    }
  }

  record RunPaused(double elapsed, int epoch, int batch) implements RunEvent {}

  record RunResumed(double elapsed, int epoch, int batch) implements RunEvent {}

  /**
   * The run ended without error.
   *
   * @param completed true when every epoch ran; false when stopped by the user (resumable)
   * @param epochsDone finished epochs
   * @param testAccuracy test accuracy after the last finished epoch (NaN when none finished)
   */
  record RunFinished(double elapsed, boolean completed, int epochsDone, double testAccuracy)
      implements RunEvent {}

  /** The run failed; {@code message} says why and what to do (e.g. NaN loss: lower the rate). */
  record RunFailed(double elapsed, int epoch, int batch, String message) implements RunEvent {}

  /**
   * The test images that excite each channel of a layer most after an epoch, with the input square
   * each strongest unit sees (its receptive field, zero where it hangs over the padding), so a replay
   * needs no dataset. Hit {@code h} of channel {@code c} sits at index {@code c·k + h}; a missing hit
   * has test index −1.
   *
   * @param channelIds which of the layer's channels are listed (a deeper layer keeps a few)
   * @param patchShape (input channels, side, side) of one patch
   * @param testIndices the test image of each hit
   * @param activations the hit's (strongest) activation
   * @param patches each hit's input square, row-major, in hit order
   */
  record TopPatches(
      double elapsed, int epoch, long step, String layer, int k, int[] channelIds, int[] patchShape,
      int[] testIndices, float[] activations, float[] patches) implements RunEvent {
    public TopPatches {
      channelIds = channelIds.clone();
      patchShape = patchShape.clone();
      testIndices = testIndices.clone();
      activations = activations.clone();
      patches = patches.clone();
    }

    @Override public int[] channelIds() { return channelIds.clone(); }
    @Override public int[] patchShape() { return patchShape.clone(); }
    @Override public int[] testIndices() { return testIndices.clone(); }
    @Override public float[] activations() { return activations.clone(); }
    @Override public float[] patches() { return patches.clone(); }

    /** Values in one patch. */
    public int patchSize() { return patchShape[0] * patchShape[1] * patchShape[2]; }

    /** Row of {@code channel} in this event, or −1 when the channel is not listed. */
    public int row(int channel) {
      for (int i = 0; i < channelIds.length; i++) if (channelIds[i] == channel) return i;
      return -1;
    }

    /** The patch of hit {@code hit} in row {@code row} (a copy). */
    public float[] patch(int row, int hit) {
      int n = patchSize();
      return java.util.Arrays.copyOfRange(patches, (row * k + hit) * n, (row * k + hit + 1) * n);
    }

    public int testIndex(int row, int hit) { return testIndices[row * k + hit]; }

    public float activation(int row, int hit) { return activations[row * k + hit]; }
  }

  /**
   * Where the network looks for one test image: class activation maps ({@code method} "cam", for a
   * network ending in global average pooling: one map per class over the last feature maps, {@code
   * layer} names them) or gradient saliency ("saliency": |∂score/∂pixel| for the listed classes,
   * {@code layer} is "input"). Made at each epoch end for the probe images (saliency for the true and
   * the predicted class) and on request for any class.
   *
   * @param testIndex the test image (−1: an image of one's own)
   * @param predicted the class the network predicts for it
   * @param image the network's input (channels × S × S, after resize), so a replay needs no dataset
   * @param classes the class of each map, in order
   * @param mapShape (h, w) of one map
   * @param maps the maps back to back, row-major
   * @param scores each listed class's score (the logit, before softmax)
   */
  record LookMaps(
      double elapsed, int epoch, long step, String method, String layer, int testIndex, int label,
      int predicted, int inputSize, float[] image, int[] classes, int[] mapShape, float[] maps,
      float[] scores) implements RunEvent {
    public static final String CAM = "cam";
    public static final String SALIENCY = "saliency";

    public LookMaps {
      image = image.clone();
      classes = classes.clone();
      mapShape = mapShape.clone();
      maps = maps.clone();
      scores = scores.clone();
      if (mapShape.length != 2 || maps.length != classes.length * mapShape[0] * mapShape[1]
          || scores.length != classes.length) {
        throw new IllegalArgumentException("LookMaps: " + classes.length + " classes, maps of "
            + java.util.Arrays.toString(mapShape) + ", " + maps.length + " values, " + scores.length + " scores");
      }
    }

    @Override public float[] image() { return image.clone(); }
    @Override public int[] classes() { return classes.clone(); }
    @Override public int[] mapShape() { return mapShape.clone(); }
    @Override public float[] maps() { return maps.clone(); }
    @Override public float[] scores() { return scores.clone(); }

    /** Index of {@code cls} among the maps, or −1. */
    public int indexOf(int cls) {
      for (int i = 0; i < classes.length; i++) if (classes[i] == cls) return i;
      return -1;
    }

    /** The map of {@code cls} (h × w, a copy); empty when it is not listed. */
    public java.util.Optional<float[]> map(int cls) {
      int i = indexOf(cls);
      int n = mapShape[0] * mapShape[1];
      return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(java.util.Arrays.copyOfRange(maps, i * n, (i + 1) * n));
    }
  }

  /**
   * The health of every weighted layer (each convolution and dense layer, by its layer path) at one
   * step: recorded at the start, a few times in the first epoch (where filters change most) and at
   * each epoch's end. A run recorded before this event has none.
   *
   * @param batch the batch just trained (0 for the record before training)
   * @param probeImages how many probe test images the dead units were counted on
   * @param seconds how long making this record took (its share of the epoch is its cost)
   */
  record LayerHealth(
      double elapsed, int epoch, int batch, int batchesPerEpoch, long step, int probeImages, double seconds,
      List<LayerStats> layers) implements RunEvent {
    /**
     * Where the percentiles of a {@link Distribution} sit, in basis points: TensorBoard's bands (the
     * minimum, ±1.5σ, ±1σ, ±0.5σ of a normal distribution, the median, and the maximum).
     */
    public static final int[] BASIS_POINTS = {0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000};

    public LayerHealth {
      layers = List.copyOf(layers);
    }

    /** Position on the epoch axis, as the curves place a batch: epoch − 1 + done fraction (0 at the start). */
    public double epochX() {
      return epoch == 0 ? 0 : epoch - 1 + (double) batch / Math.max(1, batchesPerEpoch);
    }

    /** The stats of {@code layer}, if it is in this record. */
    public java.util.Optional<LayerStats> layer(String layer) {
      return layers.stream().filter(l -> l.layer().equals(layer)).findFirst();
    }
  }

  /**
   * One weighted layer's health.
   *
   * @param layer its path ("conv1", "b2/conv1")
   * @param type "Conv" or "Dense"
   * @param units filters of a convolution, outputs of a dense layer
   * @param weights the distribution of its weights (biases left out)
   * @param gradients the distribution of the weights' gradient on the batch just trained (null when no
   *     batch was: the record before training, or an epoch ended early)
   * @param change ‖W − W_prev‖ / ‖W_prev‖ since the layer's previous record (NaN for the first)
   * @param unitChange the same per filter (convolutions; empty for dense layers and the first record)
   * @param dead units whose ReLU never fires on any probe image; −1 when not counted (no ReLU right
   *     after the layer, or the layer sits inside an Inception or residual unit)
   */
  record LayerStats(String layer, String type, int units, Distribution weights, Distribution gradients,
      double change, float[] unitChange, int dead) {
    public LayerStats {
      unitChange = unitChange == null ? new float[0] : unitChange.clone();
    }

    @Override public float[] unitChange() { return unitChange.clone(); }

    /** Whether dead units were counted for this layer. */
    public boolean deadCounted() { return dead >= 0; }
  }

  /**
   * A distribution of values: counts in equal-width bins between the smallest and the largest value,
   * and the percentiles at {@link LayerHealth#BASIS_POINTS}.
   */
  record Distribution(double min, double max, long[] counts, float[] percentiles) {
    public Distribution {
      counts = counts.clone();
      percentiles = percentiles.clone();
    }

    @Override public long[] counts() { return counts.clone(); }
    @Override public float[] percentiles() { return percentiles.clone(); }

    /** The median (the middle percentile). */
    public float median() { return percentiles[percentiles.length / 2]; }
  }
}
