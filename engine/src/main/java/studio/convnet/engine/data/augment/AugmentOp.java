package studio.convnet.engine.data.augment;

import static studio.convnet.engine.data.augment.ImageOps.clamp01;

import java.util.Random;

/**
 * One augmentation operation: immutable parameters, a probability {@code p}, and the change it makes
 * to one example ({@code C×S×S} floats in [0, 1]). The records validate themselves and throw an
 * {@link AugmentationException} naming the operation and the parameter.
 *
 * <p>Random numbers: {@link #maybeApply} draws exactly two numbers from the caller's generator for
 * every operation, applied or not: a double that decides whether it applies ({@code u < p}, so p=0
 * never applies and p=1 always does) and a long that seeds the operation's own generator. So a
 * pipeline's outcome for a seed depends on its operations' order, not on their parameter values:
 * moving one slider in the lab changes only that operation's effect.
 */
public sealed interface AugmentOp {

  /** The operation's name in the text syntax ("hflip"), from its description in {@link AugmentOps}. */
  default String name() {
    return AugmentOps.info(this).name();
  }

  /** The probability in [0, 1] that it applies to an example. */
  double p();

  /** This operation in the text syntax, every parameter written out ("hflip:p=0.5"). */
  default String spec() {
    return AugmentOps.spec(this);
  }

  /** The change, always made (the probability was already decided); returns a new array. */
  float[] transform(float[] chw, int channels, int size, Random rng);

  /** The result of {@link #maybeApply}: the image and whether the operation fired. */
  record Outcome(float[] chw, boolean applied) {}

  /** Decides with {@code rng} whether to apply (probability {@code p}) and applies if so. */
  default Outcome maybeApply(float[] chw, int channels, int size, Random rng) {
    double u = rng.nextDouble();
    long seed = rng.nextLong();
    if (u < p()) {
      return new Outcome(transform(chw, channels, size, new Random(seed)), true);
    }
    return new Outcome(chw, false);
  }

  /** A closed range of reals, written {@code min-max} (or one number when both ends agree). */
  record Range(double min, double max) {
    @Override
    public String toString() {
      return min == max ? fmt(min) : fmt(min) + "-" + fmt(max);
    }

    double draw(Random rng) {
      return min == max ? min : min + (max - min) * rng.nextDouble();
    }
  }

  // ---------------------------------------------------------------- geometry

  /** Mirrors left and right. */
  record HFlip(double p) implements AugmentOp {
    public HFlip {
      checkP("hflip", p);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float[] out = new float[chw.length];
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < size; y++) {
          int row = (c * size + y) * size;
          for (int x = 0; x < size; x++) {
            out[row + x] = chw[row + size - 1 - x];
          }
        }
      }
      return out;
    }
  }

  /** Mirrors top and bottom. */
  record VFlip(double p) implements AugmentOp {
    public VFlip {
      checkP("vflip", p);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float[] out = new float[chw.length];
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < size; y++) {
          System.arraycopy(chw, (c * size + size - 1 - y) * size, out, (c * size + y) * size, size);
        }
      }
      return out;
    }
  }

  /**
   * torchvision's {@code RandomResizedCrop}: a rectangle of {@code scale} × the image's area and
   * width/height {@code ratio} (log-uniform), at a random place, resized back to the image's size.
   */
  record Crop(Range scale, Range ratio, double p) implements AugmentOp {
    public Crop {
      checkP("crop", p);
      if (!(scale.min() > 0) || scale.max() > 1 || scale.min() > scale.max()) {
        throw new AugmentationException("crop", "scale", scale
            + ": crop scale (fraction of the image's area) must satisfy 0 < min ≤ max ≤ 1");
      }
      checkRatio("crop", ratio);
    }


    /** The crop rectangle {x, y, w, h} for an image of this size (torchvision's get_params). */
    public int[] rectangle(int size, Random rng) {
      double area = (double) size * size;
      double logLo = StrictMath.log(ratio.min());
      double logHi = StrictMath.log(ratio.max());
      for (int attempt = 0; attempt < 10; attempt++) {
        double target = area * scale.draw(rng);
        double aspect = StrictMath.exp(logLo + (logHi - logLo) * rng.nextDouble());
        int w = (int) Math.round(Math.sqrt(target * aspect));
        int h = (int) Math.round(Math.sqrt(target / aspect));
        if (w > 0 && h > 0 && w <= size && h <= size) {
          int y = rng.nextInt(size - h + 1);
          int x = rng.nextInt(size - w + 1);
          return new int[] {x, y, w, h};
        }
      }
      // fallback: the central crop that fits the ratio range
      int w = size;
      int h = size;
      if (1.0 < ratio.min()) {
        h = Math.max(1, (int) Math.round(w / ratio.min()));
      } else if (1.0 > ratio.max()) {
        w = Math.max(1, (int) Math.round(h * ratio.max()));
      }
      return new int[] {(size - w) / 2, (size - h) / 2, w, h};
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      int[] r = rectangle(size, rng);
      return ImageOps.resizeRegion(chw, channels, size, size, r[0], r[1], r[2], r[3], size, size);
    }
  }

  /** Rotation by a uniform angle in [-deg, deg] about the centre, bilinear; outside → {@code fill}. */
  record Rotate(double deg, double fill, double p) implements AugmentOp {
    public Rotate {
      checkP("rotate", p);
      if (!(deg >= 0 && deg <= 180)) {
        throw new AugmentationException("rotate", "deg", fmt(deg) + ": the largest angle must be in 0..180 degrees");
      }
      checkUnit("rotate", "fill", fill);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      double angle = Math.toRadians(deg * (2 * rng.nextDouble() - 1));
      return rotate(chw, channels, size, angle, (float) fill);
    }

    /** Rotates by {@code radians} (counter-clockwise on screen); angle 0 returns an exact copy. */
    public static float[] rotate(float[] chw, int channels, int size, double radians, float fill) {
      double cos = StrictMath.cos(radians);
      double sin = StrictMath.sin(radians);
      if (radians == 0) {
        cos = 1;
        sin = 0;
      }
      double centre = (size - 1) / 2.0;
      float[] out = new float[chw.length];
      int plane = size * size;
      for (int y = 0; y < size; y++) {
        double dy = y - centre;
        for (int x = 0; x < size; x++) {
          double dx = x - centre;
          // inverse mapping: where in the source does this output pixel come from
          double sx = cos * dx - sin * dy + centre;
          double sy = sin * dx + cos * dy + centre;
          for (int c = 0; c < channels; c++) {
            out[c * plane + y * size + x] = ImageOps.sample(chw, c * plane, size, sx, sy, fill);
          }
        }
      }
      return out;
    }
  }

  /** Shift by whole pixels, up to {@code frac} × size in each direction; uncovered pixels → fill. */
  record Translate(double frac, double fill, double p) implements AugmentOp {
    public Translate {
      checkP("translate", p);
      if (!(frac >= 0 && frac <= 1)) {
        throw new AugmentationException("translate", "frac", fmt(frac) + ": the largest shift must be a fraction of the size in 0..1");
      }
      checkUnit("translate", "fill", fill);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      double max = frac * size;
      int tx = (int) Math.round(max * (2 * rng.nextDouble() - 1));
      int ty = (int) Math.round(max * (2 * rng.nextDouble() - 1));
      return shift(chw, channels, size, tx, ty, (float) fill);
    }

    /** Moves the content right by {@code tx} and down by {@code ty} pixels. */
    public static float[] shift(float[] chw, int channels, int size, int tx, int ty, float fill) {
      float[] out = new float[chw.length];
      int plane = size * size;
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < size; y++) {
          int sy = y - ty;
          for (int x = 0; x < size; x++) {
            int sx = x - tx;
            boolean inside = sx >= 0 && sy >= 0 && sx < size && sy < size;
            out[c * plane + y * size + x] = inside ? chw[c * plane + sy * size + sx] : fill;
          }
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- colour

  /** Multiplies every pixel by a factor uniform in [1-amount, 1+amount], clamped to [0, 1]. */
  record Brightness(double amount, double p) implements AugmentOp {
    public Brightness {
      checkP("brightness", p);
      checkUnit("brightness", "amount", amount);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float f = (float) (1 + amount * (2 * rng.nextDouble() - 1));
      float[] out = new float[chw.length];
      for (int i = 0; i < chw.length; i++) {
        out[i] = clamp01(chw[i] * f);
      }
      return out;
    }
  }

  /** Blends with the image's mean grey: {@code mean + f·(x − mean)}, f uniform in [1±amount]. */
  record Contrast(double amount, double p) implements AugmentOp {
    public Contrast {
      checkP("contrast", p);
      checkUnit("contrast", "amount", amount);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float f = (float) (1 + amount * (2 * rng.nextDouble() - 1));
      float[] grey = grey(chw, channels, size);
      double sum = 0;
      for (float g : grey) {
        sum += g;
      }
      float mean = (float) (sum / grey.length);
      float[] out = new float[chw.length];
      for (int i = 0; i < chw.length; i++) {
        out[i] = clamp01(mean + f * (chw[i] - mean));
      }
      return out;
    }
  }

  /** Colour images only (3 channels): blends with the pixel's grey; grey images are unchanged. */
  record Saturation(double amount, double p) implements AugmentOp {
    public Saturation {
      checkP("saturation", p);
      checkUnit("saturation", "amount", amount);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float f = (float) (1 + amount * (2 * rng.nextDouble() - 1));
      if (channels != 3) {
        return chw.clone();
      }
      float[] grey = grey(chw, channels, size);
      float[] out = new float[chw.length];
      int plane = size * size;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < plane; i++) {
          out[c * plane + i] = clamp01(grey[i] + f * (chw[c * plane + i] - grey[i]));
        }
      }
      return out;
    }
  }

  /** Colour images only: turns the hue by a uniform fraction of a turn in [-amount, amount]. */
  record Hue(double amount, double p) implements AugmentOp {
    public Hue {
      checkP("hue", p);
      if (!(amount >= 0 && amount <= 0.5)) {
        throw new AugmentationException("hue", "amount", fmt(amount) + ": the hue shift is a fraction of a turn in 0..0.5");
      }
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      double shift = amount * (2 * rng.nextDouble() - 1);
      if (channels != 3) {
        return chw.clone();
      }
      int plane = size * size;
      float[] out = new float[chw.length];
      for (int i = 0; i < plane; i++) {
        float[] rgb = ImageOps.shiftHue(chw[i], chw[plane + i], chw[2 * plane + i], shift);
        out[i] = rgb[0];
        out[plane + i] = rgb[1];
        out[2 * plane + i] = rgb[2];
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- noise and occlusion

  /** Adds Gaussian noise of standard deviation {@code std} to every pixel, clamped to [0, 1]. */
  record Noise(double std, double p) implements AugmentOp {
    public Noise {
      checkP("noise", p);
      checkUnit("noise", "std", std);
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float[] out = new float[chw.length];
      for (int i = 0; i < chw.length; i++) {
        out[i] = clamp01(chw[i] + (float) (std * rng.nextGaussian()));
      }
      return out;
    }
  }

  /**
   * torchvision's {@code RandomErasing}: a rectangle of {@code scale} × the area and aspect {@code
   * ratio} set to {@code value} (a grey level in [0, 1]) or, when {@code random}, to uniform noise.
   */
  record Erase(Range scale, Range ratio, double value, boolean random, double p) implements AugmentOp {
    public Erase {
      checkP("erase", p);
      if (!(scale.min() > 0) || scale.max() > 1 || scale.min() > scale.max()) {
        throw new AugmentationException("erase", "scale", scale
            + ": the erased fraction of the area must satisfy 0 < min ≤ max ≤ 1");
      }
      checkRatio("erase", ratio);
      checkUnit("erase", "value", value);
    }


    /** The erased rectangle {x, y, w, h}, or null when ten attempts found none that fits. */
    public int[] rectangle(int size, Random rng) {
      double area = (double) size * size;
      double logLo = StrictMath.log(ratio.min());
      double logHi = StrictMath.log(ratio.max());
      for (int attempt = 0; attempt < 10; attempt++) {
        double target = area * scale.draw(rng);
        double aspect = StrictMath.exp(logLo + (logHi - logLo) * rng.nextDouble());
        int h = (int) Math.round(Math.sqrt(target * aspect));
        int w = (int) Math.round(Math.sqrt(target / aspect));
        if (h < size && w < size && h > 0 && w > 0) {
          int y = rng.nextInt(size - h + 1);
          int x = rng.nextInt(size - w + 1);
          return new int[] {x, y, w, h};
        }
      }
      return null;
    }

    @Override
    public float[] transform(float[] chw, int channels, int size, Random rng) {
      float[] out = chw.clone();
      int[] r = rectangle(size, rng);
      if (r == null) {
        return out;
      }
      for (int c = 0; c < channels; c++) {
        for (int y = r[1]; y < r[1] + r[3]; y++) {
          for (int x = r[0]; x < r[0] + r[2]; x++) {
            out[(c * size + y) * size + x] = random ? rng.nextFloat() : (float) value;
          }
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static float[] grey(float[] chw, int channels, int size) {
    int plane = size * size;
    if (channels != 3) {
      float[] g = new float[plane];
      System.arraycopy(chw, 0, g, 0, plane);
      return g;
    }
    float[] g = new float[plane];
    for (int i = 0; i < plane; i++) {
      g[i] = 0.299f * chw[i] + 0.587f * chw[plane + i] + 0.114f * chw[2 * plane + i];
    }
    return g;
  }

  private static void checkP(String op, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new AugmentationException(op, "p", fmt(p) + ": a probability must be in 0..1");
    }
  }

  private static void checkUnit(String op, String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new AugmentationException(op, key, fmt(v) + ": must be in 0..1");
    }
  }

  private static void checkRatio(String op, Range ratio) {
    if (!(ratio.min() > 0) || ratio.min() > ratio.max() || Double.isInfinite(ratio.max())) {
      throw new AugmentationException(op, "ratio", ratio
          + ": the aspect ratio (width/height) range must satisfy 0 < min ≤ max");
    }
  }

  /** Writes a number the shortest way that reads back to the same double ("1", "0.5", "0.75"). */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // plain decimal (no exponent, whose '-' would clash with ranges), reads back to the same double
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
