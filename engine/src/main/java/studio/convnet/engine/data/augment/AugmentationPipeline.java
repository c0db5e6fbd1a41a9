package studio.convnet.engine.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import studio.convnet.engine.data.ExampleTransform;

/**
 * An augmentation pipeline as data: an ordered, immutable list of {@link AugmentOp}s applied one
 * after the other to each training example. Training calls {@link #apply} (it is an {@link
 * ExampleTransform}); the lab's preview calls {@link #preview}, which runs the very same operations
 * in the same order with the same random draws, then the resize to the network's input size.
 *
 * <h2>Text syntax</h2>
 *
 * Operations separated by spaces (or {@code ;}), each {@code name} or {@code
 * name:key=value,key=value}; omitted keys take the defaults below (the table in {@link AugmentOps}). A range is {@code min-max}
 * (or one number for a fixed value). Every operation takes {@code p}, its probability in 0..1.
 *
 * <pre>
 * hflip      p=0.5                                       mirror left/right
 * vflip      p=0.5                                       mirror top/bottom
 * crop       scale=0.08-1 ratio=0.75-1.3333 p=1          random resized crop (keeps the size)
 * rotate     deg=15 fill=0 p=1                           angle uniform in [-deg, deg]
 * translate  frac=0.1 fill=0 p=1                         whole-pixel shift up to frac·size
 * brightness amount=0.4 p=1                              x·f, f uniform in [1-amount, 1+amount]
 * contrast   amount=0.4 p=1                              mean + f·(x-mean)
 * saturation amount=0.4 p=1                              colour images only (grey: unchanged)
 * hue        amount=0.1 p=1                              colour images only, fraction of a turn ≤ 0.5
 * noise      std=0.05 p=1                                Gaussian noise, clamped to [0,1]
 * erase      scale=0.02-0.33 ratio=0.3-3.3 value=0 p=0.5 random erasing; value=random for noise
 * </pre>
 *
 * Example: {@code hflip:p=0.5 crop:scale=0.6-1,ratio=0.75-1.33 rotate:deg=15,p=0.5 noise:std=0.05}.
 * {@link #toSpec()} writes every parameter out, and {@code parse(p.toSpec())} equals {@code p}.
 */
public final class AugmentationPipeline implements ExampleTransform {

  private static final AugmentationPipeline NONE = new AugmentationPipeline(List.of());

  private final List<AugmentOp> ops;

  private AugmentationPipeline(List<AugmentOp> ops) {
    this.ops = List.copyOf(ops);
  }

  /** No augmentation: {@link #apply} returns the example unchanged. */
  public static AugmentationPipeline none() {
    return NONE;
  }

  public static AugmentationPipeline of(List<AugmentOp> ops) {
    return ops.isEmpty() ? NONE : new AugmentationPipeline(ops);
  }

  public static AugmentationPipeline of(AugmentOp... ops) {
    return of(List.of(ops));
  }

  /** The operation names the text syntax knows, in the lab's order (see {@link AugmentOps}). */
  public static List<String> operationNames() {
    return AugmentOps.all().stream().map(AugmentOps.Info::name).toList();
  }

  /** The default operation of that name ("crop" → crop:scale=0.08-1,...). */
  public static AugmentOp defaults(String name) {
    return parse(name).ops().get(0);
  }

  /**
   * Parses the text syntax (see the class comment). Blank text is {@link #none()}.
   *
   * @throws AugmentationException naming the operation and parameter that are wrong
   */
  public static AugmentationPipeline parse(String spec) {
    List<AugmentOp> out = new ArrayList<>();
    if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
      return NONE;
    }
    for (String token : spec.trim().split("[\\s;]+")) {
      if (!token.isEmpty()) {
        out.add(AugmentOps.parse(token));
      }
    }
    return of(out);
  }

  /**
   * Parses a list of texts, e.g. the words after {@code train --augment} or {@code
   * TrainingConfig.augment()}; each element may hold one or more operations.
   */
  public static AugmentationPipeline parse(List<String> specs) {
    return parse(String.join(" ", specs));
  }

  public List<AugmentOp> ops() {
    return ops;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** The text syntax with every parameter written out; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return ops.stream().map(AugmentOp::spec).collect(Collectors.joining(" "));
  }

  /** One text per operation (for {@code TrainingConfig.Builder.optAugment}). */
  public List<String> toSpecList() {
    return ops.stream().map(AugmentOp::spec).toList();
  }

  /** Applies every operation in order; what training feeds the batch loader for one example. */
  @Override
  public float[] apply(float[] chw, int channels, int size, Random rng) {
    if (chw.length != channels * size * size) {
      throw new IllegalArgumentException(
          "example has " + chw.length + " values, expected " + channels + "×" + size + "×" + size);
    }
    float[] x = chw;
    for (AugmentOp op : ops) {
      x = op.maybeApply(x, channels, size, rng).chw();
    }
    return x;
  }

  /**
   * One picture of the preview strip.
   *
   * @param title the stage ("original", "crop", "resize to 224×224", "scaled to [0,1]")
   * @param detail what it did ("applied", "skipped (p=0.5)", the value range, …)
   * @param applied false when a random operation did not fire for this example
   */
  public record Stage(String title, String detail, float[] chw, int channels, int size, boolean applied) {}

  /**
   * Every stage of one example exactly as training feeds it: the original, the image after each
   * operation (drawing from {@code rng} exactly as {@link #apply} does, so the image before the
   * resize equals {@code apply(chw, channels, size, rng)} for an equal generator), the bilinear
   * resize to {@code inputSize} ({@link ImageOps#resizeBilinear}), and the scaling to [0, 1] (the
   * engine feeds pixels/255 with no mean/std normalisation, so this stage shows the values fed).
   */
  public List<Stage> preview(float[] chw, int channels, int size, int inputSize, Random rng) {
    List<Stage> stages = new ArrayList<>();
    stages.add(new Stage("original", "the example", chw, channels, size, true));
    float[] x = chw;
    for (AugmentOp op : ops) {
      AugmentOp.Outcome o = op.maybeApply(x, channels, size, rng);
      x = o.chw();
      String detail = o.applied() ? "applied" : "skipped (p=" + AugmentOp.fmt(op.p()) + ")";
      stages.add(new Stage(op.name(), detail, x, channels, size, o.applied()));
    }
    float[] resized = size == inputSize ? x.clone() : ImageOps.resizeBilinear(x, channels, size, inputSize);
    stages.add(new Stage("resize", size == inputSize ? "already " + size + "×" + size
        : size + "→" + inputSize + " bilinear", resized, channels, inputSize, size != inputSize));
    float[] r = ImageOps.range(resized);
    stages.add(new Stage("scaled to [0,1]", String.format(Locale.ROOT, "pixels/255: %.2f..%.2f", r[0], r[1]),
        resized, channels, inputSize, true));
    return stages;
  }

  /** What training feeds the network for one example: the operations, then the resize. */
  public float[] augmentAndResize(float[] chw, int channels, int size, int inputSize, Random rng) {
    float[] x = apply(chw, channels, size, rng);
    return size == inputSize ? x : ImageOps.resizeBilinear(x, channels, size, inputSize);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AugmentationPipeline other && other.ops.equals(ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return ops.isEmpty() ? "none" : toSpec();
  }
}
