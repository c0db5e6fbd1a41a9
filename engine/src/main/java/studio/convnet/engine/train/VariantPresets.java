package studio.convnet.engine.train;

import java.util.Comparator;
import java.util.Optional;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.Zoo;

/**
 * Settings that fit this machine for a network changed in the explorer: the CPU-sized preset of the
 * model it came from (a subset, a few epochs), with the network swapped in and an input size it can
 * take (never larger than the variant's own: an AlexNet for 28×28 trains at 28).
 */
public final class VariantPresets {

  private VariantPresets() {}

  /** The preset a variant of {@code baseModel} trains with: the base's quick or subset preset. */
  public static Presets.Preset presetFor(String baseModel) {
    Optional<Presets.Preset> own = Presets.all().stream()
        .filter(p -> p.builder().build().model().equals(baseModel))
        .min(Comparator.comparingDouble(VariantPresets::cost));
    return own.orElseGet(() -> Presets.get(Zoo.find(baseModel).map(s -> s.defaultInputSize() <= 32)
        .orElse(true) ? "lenet-quick" : "alexnet-96-subset"));
  }

  /** Training settings for {@code variant}, based on the preset of {@code baseModel}. */
  public static TrainingConfig.Builder settings(NetworkSpec variant, String baseModel) {
    return like(presetFor(baseModel).config(), variant);
  }

  /**
   * The original's settings (data, epochs, optimizer, seed) for {@code variant}, at the original's
   * input size unless the variant is made for a smaller one or cannot take it.
   */
  public static TrainingConfig.Builder like(TrainingConfig original, NetworkSpec variant) {
    int size = Math.min(original.inputSize(), variant.defaultInputSize());
    if (!ShapeInference.infer(variant, size).ok()) {
      size = variant.defaultInputSize();
    }
    return original.toBuilder().setModel(variant).optInputSize(size);
  }

  /** Images seen × pixels: a rough cost, to prefer the quick preset of a model. */
  private static double cost(Presets.Preset p) {
    TrainingConfig c = p.config();
    double images = c.maxTrainExamples() > 0 ? c.maxTrainExamples() : 60_000;
    return images * c.epochs() * c.inputSize() * (double) c.inputSize();
  }
}
