package studio.convnet.engine.arch;

import java.util.List;
import java.util.Objects;

/**
 * One layer of a network, as the book writes it: immutable, named, engine-free.
 *
 * <p>Plain layers are leaves; composite blocks (a repeated VGG block, Inception's parallel branches, a
 * residual block) are further records of this sealed family that hold child specs, so {@link
 * ShapeInference} and {@link ToDjl} grow by one case each rather than being rewritten.
 */
public sealed interface LayerSpec
    permits LayerSpec.Conv, LayerSpec.Pool, LayerSpec.Dense, LayerSpec.Activation,
        LayerSpec.Dropout, LayerSpec.Flatten, LayerSpec.BatchNorm, LayerSpec.GlobalAvgPool,
        LayerSpec.Identity, LayerSpec.Sequence, LayerSpec.Concat, LayerSpec.Residual {

  /** Our own name for the layer ("conv1"), kept through to DJL and into every event. */
  String name();

  /** Short type name shown in tables ("Conv2d", "MaxPool2d", ...). */
  String type();

  /** The hyper-parameters in one line ("96, 11×11, stride 4, pad 1"). */
  String describe();

  /** Returns this layer with a new name (used when a composite block repeats its children). */
  LayerSpec withName(String name);

  enum PoolKind { MAX, AVG }

  enum Fn {
    RELU, SIGMOID, TANH;

    public String label() {
      return switch (this) {
        case RELU -> "ReLU";
        case SIGMOID -> "Sigmoid";
        case TANH -> "Tanh";
      };
    }
  }

  record Conv(String name, int channels, int kernel, int stride, int padding) implements LayerSpec {
    public Conv {
      requireName(name);
      requirePositive(name, "channels", channels);
      requirePositive(name, "kernel", kernel);
      requirePositive(name, "stride", stride);
      if (padding < 0) {
        throw new IllegalArgumentException(name + ": padding must be ≥ 0, got " + padding);
      }
    }

    public String type() { return "Conv2d"; }

    public String describe() {
      return channels + ", " + kernel + "×" + kernel + ", stride " + stride + ", pad " + padding;
    }

    public Conv withName(String n) { return new Conv(n, channels, kernel, stride, padding); }
  }

  record Pool(String name, PoolKind kind, int window, int stride, int padding) implements LayerSpec {
    public Pool {
      requireName(name);
      Objects.requireNonNull(kind, "kind");
      requirePositive(name, "window", window);
      requirePositive(name, "stride", stride);
      if (padding < 0 || padding * 2 > window) {
        throw new IllegalArgumentException(
            name + ": padding must be between 0 and half the window, got " + padding);
      }
    }

    public String type() { return kind == PoolKind.MAX ? "MaxPool2d" : "AvgPool2d"; }

    public String describe() {
      return window + "×" + window + ", stride " + stride + (padding > 0 ? ", pad " + padding : "");
    }

    public Pool withName(String n) { return new Pool(n, kind, window, stride, padding); }
  }

  record Dense(String name, int units) implements LayerSpec {
    public Dense {
      requireName(name);
      requirePositive(name, "units", units);
    }

    public String type() { return "Linear"; }

    public String describe() { return units + " units"; }

    public Dense withName(String n) { return new Dense(n, units); }
  }

  record Activation(String name, Fn fn) implements LayerSpec {
    public Activation {
      requireName(name);
      Objects.requireNonNull(fn, "fn");
    }

    public String type() { return fn.label(); }

    public String describe() { return ""; }

    public Activation withName(String n) { return new Activation(n, fn); }
  }

  record Dropout(String name, double rate) implements LayerSpec {
    public Dropout {
      requireName(name);
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
      }
    }

    public String type() { return "Dropout"; }

    public String describe() { return "p = " + rate; }

    public Dropout withName(String n) { return new Dropout(n, rate); }
  }

  record Flatten(String name) implements LayerSpec {
    public Flatten { requireName(name); }

    public String type() { return "Flatten"; }

    public String describe() { return ""; }

    public Flatten withName(String n) { return new Flatten(n); }
  }

  record BatchNorm(String name) implements LayerSpec {
    public BatchNorm { requireName(name); }

    public String type() { return "BatchNorm"; }

    public String describe() { return ""; }

    public BatchNorm withName(String n) { return new BatchNorm(n); }
  }

  /** d2l's {@code AdaptiveAvgPool2d((1, 1))}: each channel's mean, C×H×W → C×1×1. */
  record GlobalAvgPool(String name) implements LayerSpec {
    public GlobalAvgPool { requireName(name); }

    public String type() { return "GlobalAvgPool"; }

    public String describe() { return "mean of each channel"; }

    public GlobalAvgPool withName(String n) { return new GlobalAvgPool(n); }
  }

  /** Passes its input through unchanged: the identity shortcut, DenseNet's kept input. */
  record Identity(String name) implements LayerSpec {
    public Identity { requireName(name); }

    public String type() { return "Identity"; }

    public String describe() { return "x"; }

    public Identity withName(String n) { return new Identity(n); }
  }

  /** True for blocks that hold other layers (sequence, concat, residual). */
  default boolean composite() {
    return this instanceof Sequence || this instanceof Concat || this instanceof Residual;
  }

  /**
   * Parallel paths applied to the same input, their outputs concatenated along the channels
   * (Inception's four branches; DenseNet's kept input beside its new features). Each path is one
   * layer or a {@link Sequence}; the paths' outputs must agree in height and width.
   */
  record Concat(String name, List<LayerSpec> paths) implements LayerSpec {
    public Concat {
      requireName(name);
      paths = List.copyOf(paths);
      if (paths.size() < 2) {
        throw new IllegalArgumentException(name + ": a concatenation needs at least two paths");
      }
      requireUniqueNames(name, paths);
    }

    public String type() { return "Concat"; }

    public String describe() { return paths.size() + " paths, channels concatenated"; }

    public Concat withName(String n) { return new Concat(n, paths); }
  }

  /**
   * A residual unit (d2l §8.6): the main path's output plus the shortcut's (an {@link Identity} or a
   * 1×1 convolution), added element-wise, then the activation {@code after} (none when null).
   */
  record Residual(String name, List<LayerSpec> main, LayerSpec shortcut, Fn after) implements LayerSpec {
    public Residual {
      requireName(name);
      main = List.copyOf(main);
      Objects.requireNonNull(shortcut, name + ": shortcut");
      if (main.isEmpty()) {
        throw new IllegalArgumentException(name + ": a residual unit needs a main path");
      }
      List<LayerSpec> all = new java.util.ArrayList<>(main);
      all.add(shortcut);
      requireUniqueNames(name, all);
    }

    public String type() { return "Residual"; }

    public String describe() {
      return main.size() + " layers + " + (shortcut instanceof Identity ? "identity" : "1×1 conv")
          + (after == null ? "" : ", " + after.label());
    }

    public Residual withName(String n) { return new Residual(n, main, shortcut, after); }
  }

  /**
   * A named group of layers applied in order (a VGG block, for instance). Shape inference and the
   * DJL translation expand it in place, its children named {@code block/child}.
   */
  record Sequence(String name, List<LayerSpec> layers) implements LayerSpec {
    public Sequence {
      requireName(name);
      layers = List.copyOf(layers);
      if (layers.isEmpty()) {
        throw new IllegalArgumentException(name + ": a block needs at least one layer");
      }
      requireUniqueNames(name, layers);
    }

    public String type() { return "Block"; }

    public String describe() { return layers.size() + " layers"; }

    public Sequence withName(String n) { return new Sequence(n, layers); }
  }

  private static void requireUniqueNames(String block, List<LayerSpec> children) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (LayerSpec c : children) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException(block + ": two parts are named '" + c.name() + "'");
      }
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("every layer needs a name");
    }
  }

  private static void requirePositive(String layer, String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(layer + ": " + field + " must be ≥ 1, got " + value);
    }
  }
}
