package studio.convnet.engine.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a run was asked to do, as recorded in {@code RunStarted} and {@code config.json}: a typed,
 * versioned value with no behaviour. The training side (TrainingConfig) validates it and adds the
 * network and the augmentation object; views and the CLI read it as it is.
 *
 * <p>Format 1 (recordings before this record existed) stored every field as text in a map; {@link
 * #fromLegacyMap} reads it. Format {@value #FORMAT} is this record's JSON form.
 *
 * @param format the recording format ({@value #FORMAT} for runs written now, 1 for old ones)
 * @param optimizer SGD, SGD_MOMENTUM or ADAM
 * @param init XAVIER or DEFAULT
 * @param maxTrainExamples a seeded subset of the training images, 0 = all
 * @param maxTestExamples a seeded subset of the test images, 0 = all
 * @param device auto, cpu or gpu
 * @param dataset a folder of IDX files, or {@value #EMBEDDED} for the embedded FashionMNIST
 * @param probeIndices test images probed for activations; empty = the first of each class
 * @param augment the augmentation pipeline, one operation per entry (text syntax of --augment)
 * @param precision fp32 or bf16 (mixed precision); absent in recordings made before it existed: fp32
 */
public record RunConfig(
    int format, String model, int inputSize, int batchSize, double learningRate, String optimizer,
    double momentum, double weightDecay, int epochs, String init, long seed, int maxTrainExamples,
    int maxTestExamples, String device, String dataset, int filterEvery, int metricsEvery,
    int[] probeIndices, List<String> augment, String precision) {

  public static final int FORMAT = 2;
  public static final String EMBEDDED = "embedded:fashion-mnist";

  public RunConfig {
    Objects.requireNonNull(model, "model");
    probeIndices = probeIndices == null ? new int[0] : probeIndices.clone();
    augment = augment == null ? List.of() : List.copyOf(augment);
    dataset = dataset == null ? EMBEDDED : dataset;
    precision = precision == null ? "fp32" : precision;
  }

  @Override
  public int[] probeIndices() {
    return probeIndices.clone();
  }

  /** True when the data is the embedded FashionMNIST rather than a folder. */
  public boolean embeddedData() {
    return dataset.startsWith("embedded:");
  }

  /**
   * Reads a format-1 config (every value as text, "all" for no limit, "default" probes, the
   * augmentation as one ";"-joined text). Throws IllegalArgumentException naming the field.
   */
  public static RunConfig fromLegacyMap(Map<String, String> m) {
    String field = "model";
    try {
      String model = req(m, field);
      field = "inputSize";
      int inputSize = Integer.parseInt(req(m, field));
      field = "batchSize";
      int batchSize = Integer.parseInt(req(m, field));
      field = "learningRate";
      double lr = Double.parseDouble(req(m, field));
      field = "momentum";
      double momentum = Double.parseDouble(m.getOrDefault(field, "0.9"));
      field = "weightDecay";
      double wd = Double.parseDouble(m.getOrDefault(field, "0"));
      field = "epochs";
      int epochs = Integer.parseInt(req(m, field));
      field = "seed";
      long seed = Long.parseLong(m.getOrDefault(field, "42"));
      field = "maxTrainExamples";
      int maxTrain = limit(m.getOrDefault(field, "all"));
      field = "maxTestExamples";
      int maxTest = limit(m.getOrDefault(field, "all"));
      field = "filterEvery";
      int filterEvery = Integer.parseInt(m.getOrDefault(field, "50"));
      field = "metricsEvery";
      int metricsEvery = Integer.parseInt(m.getOrDefault(field, "5"));
      field = "probeIndices";
      String probes = m.getOrDefault(field, "default").strip();
      int[] probeIndices = probes.equals("default") || probes.isEmpty() ? new int[0]
          : Arrays.stream(probes.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
      List<String> augment = new ArrayList<>();
      for (String op : m.getOrDefault("augment", "").split("[\\s;]+")) {
        if (!op.isBlank()) augment.add(op.strip());
      }
      return new RunConfig(1, model, inputSize, batchSize, lr, m.getOrDefault("optimizer", "SGD"), momentum, wd,
          epochs, m.getOrDefault("init", "XAVIER"), seed, maxTrain, maxTest,
          m.getOrDefault("device", "auto").toLowerCase(Locale.ROOT), m.getOrDefault("dataset", EMBEDDED),
          filterEvery, metricsEvery, probeIndices, augment, "fp32");
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config field '" + field + "': not a number (" + e.getMessage() + ")", e);
    }
  }

  private static int limit(String text) {
    return text.strip().equals("all") ? 0 : Integer.parseInt(text.strip());
  }

  private static String req(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("config field '" + key + "' is missing");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunConfig c && format == c.format && model.equals(c.model) && inputSize == c.inputSize
        && batchSize == c.batchSize && Double.compare(learningRate, c.learningRate) == 0
        && Objects.equals(optimizer, c.optimizer) && Double.compare(momentum, c.momentum) == 0
        && Double.compare(weightDecay, c.weightDecay) == 0 && epochs == c.epochs && Objects.equals(init, c.init)
        && seed == c.seed && maxTrainExamples == c.maxTrainExamples && maxTestExamples == c.maxTestExamples
        && Objects.equals(device, c.device) && dataset.equals(c.dataset) && filterEvery == c.filterEvery
        && metricsEvery == c.metricsEvery && Arrays.equals(probeIndices, c.probeIndices) && augment.equals(c.augment)
        && precision.equals(c.precision);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputSize, batchSize, learningRate, epochs, seed, Arrays.hashCode(probeIndices));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s at %d px: %s lr %s, batch %d, %d epochs%s%s", model, inputSize, optimizer,
        learningRate, batchSize, epochs, maxTrainExamples > 0 ? ", " + maxTrainExamples + " training images" : "",
        augment.isEmpty() ? "" : ", augment " + String.join(" ", augment)) + (precision.equals("fp32") ? "" : ", " + precision);
  }
}
