package studio.convnet.engine.data.augment;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import studio.convnet.engine.data.augment.AugmentOp.Brightness;
import studio.convnet.engine.data.augment.AugmentOp.Contrast;
import studio.convnet.engine.data.augment.AugmentOp.Crop;
import studio.convnet.engine.data.augment.AugmentOp.Erase;
import studio.convnet.engine.data.augment.AugmentOp.HFlip;
import studio.convnet.engine.data.augment.AugmentOp.Hue;
import studio.convnet.engine.data.augment.AugmentOp.Noise;
import studio.convnet.engine.data.augment.AugmentOp.Range;
import studio.convnet.engine.data.augment.AugmentOp.Rotate;
import studio.convnet.engine.data.augment.AugmentOp.Saturation;
import studio.convnet.engine.data.augment.AugmentOp.Translate;
import studio.convnet.engine.data.augment.AugmentOp.VFlip;

/**
 * The one description of every augmentation operation: its name in the text syntax, its title and
 * note for the lab, its parameters (key, label, kind, the range a slider covers, the default) and
 * how to build it. The parser ({@link AugmentationPipeline#parse}), each operation's {@code spec()}
 * and the lab's sliders are all made from this table; the operation records keep only their
 * behaviour and their validation.
 */
public final class AugmentOps {

  /** How a parameter is written: a number, a {@code min-max} range, or a grey level or "random". */
  public enum Kind { NUMBER, RANGE, GREY_OR_RANDOM }

  /**
   * One parameter.
   *
   * @param key its key in the text syntax (and the record component it is read from)
   * @param label what the lab calls it
   * @param min the left end of the lab's slider
   * @param max the right end of the lab's slider
   * @param dflt the default (a range's lower end)
   * @param dfltMax a range's default upper end (= dflt otherwise)
   */
  public record Param(String key, String label, Kind kind, double min, double max, double dflt, double dfltMax) {}

  /** One operation. */
  public record Info(Class<? extends AugmentOp> type, String name, String title, String note, List<Param> params,
      Function<Args, AugmentOp> make) {

    public List<String> keys() {
      return params.stream().map(Param::key).toList();
    }

    public Param param(String key) {
      return params.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }
  }

  private static Param p(double dflt) {
    return new Param("p", "probability", Kind.NUMBER, 0, 1, dflt, dflt);
  }

  private static Param num(String key, String label, double min, double max, double dflt) {
    return new Param(key, label, Kind.NUMBER, min, max, dflt, dflt);
  }

  private static Param range(String key, double min, double max, double lo, double hi) {
    return new Param(key, key, Kind.RANGE, min, max, lo, hi);
  }

  private static final List<Info> ALL = List.of(
      new Info(Crop.class, "crop", "Random resized crop", "keeps the size; scale = fraction of the area",
          List.of(range("scale", 0.05, 1, 0.08, 1), range("ratio", 0.25, 4, 0.75, 4 / 3.0), p(1)),
          a -> new Crop(a.range("scale"), a.range("ratio"), a.num("p"))),
      new Info(HFlip.class, "hflip", "Horizontal flip", "", List.of(p(0.5)), a -> new HFlip(a.num("p"))),
      new Info(VFlip.class, "vflip", "Vertical flip", "clothes are rarely upside down", List.of(p(0.5)),
          a -> new VFlip(a.num("p"))),
      new Info(Rotate.class, "rotate", "Rotation", "angle uniform in ±degrees",
          List.of(num("deg", "degrees", 0, 180, 15), num("fill", "fill", 0, 1, 0), p(1)),
          a -> new Rotate(a.num("deg"), a.num("fill"), a.num("p"))),
      new Info(Translate.class, "translate", "Translation", "whole-pixel shift, fraction of the size",
          List.of(num("frac", "fraction", 0, 1, 0.1), num("fill", "fill", 0, 1, 0), p(1)),
          a -> new Translate(a.num("frac"), a.num("fill"), a.num("p"))),
      new Info(Brightness.class, "brightness", "Brightness", "×f, f in 1 ± amount",
          List.of(num("amount", "amount", 0, 1, 0.4), p(1)), a -> new Brightness(a.num("amount"), a.num("p"))),
      new Info(Contrast.class, "contrast", "Contrast", "towards/away from the mean grey",
          List.of(num("amount", "amount", 0, 1, 0.4), p(1)), a -> new Contrast(a.num("amount"), a.num("p"))),
      new Info(Saturation.class, "saturation", "Saturation", "colour images only: no effect on grey FashionMNIST",
          List.of(num("amount", "amount", 0, 1, 0.4), p(1)), a -> new Saturation(a.num("amount"), a.num("p"))),
      new Info(Hue.class, "hue", "Hue", "colour images only: no effect on grey FashionMNIST",
          List.of(num("amount", "amount", 0, 0.5, 0.1), p(1)), a -> new Hue(a.num("amount"), a.num("p"))),
      new Info(Noise.class, "noise", "Gaussian noise", "std in pixel units (0..1)",
          List.of(num("std", "std", 0, 1, 0.05), p(1)), a -> new Noise(a.num("std"), a.num("p"))),
      new Info(Erase.class, "erase", "Random erasing", "a rectangle set to a grey value",
          List.of(range("scale", 0.01, 1, 0.02, 0.33), range("ratio", 0.1, 10, 0.3, 3.3),
              new Param("value", "value", Kind.GREY_OR_RANDOM, 0, 1, 0, 0), p(0.5)),
          a -> new Erase(a.range("scale"), a.range("ratio"), a.random("value") ? 0 : a.num("value"),
              a.random("value"), a.num("p"))));

  private static final Map<String, Info> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, Info> BY_TYPE = new LinkedHashMap<>();

  static {
    for (Info i : ALL) {
      BY_NAME.put(i.name(), i);
      BY_TYPE.put(i.type(), i);
    }
  }

  private AugmentOps() {}

  /** Every operation, in the lab's (and the documentation's) order. */
  public static List<Info> all() {
    return ALL;
  }

  public static Info info(String name) {
    Info i = BY_NAME.get(name);
    if (i == null) {
      throw new AugmentationException(null, null, "unknown augmentation '" + name + "'; known: "
          + String.join(", ", BY_NAME.keySet()));
    }
    return i;
  }

  static Info info(AugmentOp op) {
    return BY_TYPE.get(op.getClass());
  }

  /** The operation in the text syntax with every parameter written out, in the table's order. */
  static String spec(AugmentOp op) {
    Info info = info(op);
    StringJoiner j = new StringJoiner(",", info.name() + ":", "");
    for (Param p : info.params()) {
      Object v = component(op, p.key());
      String text = switch (p.kind()) {
        case RANGE -> v.toString();
        case NUMBER -> AugmentOp.fmt((Double) v);
        case GREY_OR_RANDOM -> (Boolean) component(op, "random") ? "random" : AugmentOp.fmt((Double) v);
      };
      j.add(p.key() + "=" + text);
    }
    return j.toString();
  }

  private static Object component(AugmentOp op, String key) {
    for (RecordComponent c : op.getClass().getRecordComponents()) {
      if (c.getName().equals(key)) {
        try {
          return c.getAccessor().invoke(op);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(op.getClass().getSimpleName() + " has no component " + key);
  }

  /** One operation from its text ("crop:scale=0.5-1,p=1"); omitted keys take the defaults. */
  static AugmentOp parse(String token) {
    int colon = token.indexOf(':');
    String name = (colon < 0 ? token : token.substring(0, colon)).toLowerCase(Locale.ROOT);
    if (!BY_NAME.containsKey(name)) {
      throw new AugmentationException(null, null, "unknown augmentation '" + name + "' in '" + token
          + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    Info info = BY_NAME.get(name);
    Map<String, String> args = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String kv : token.substring(colon + 1).split(",")) {
        if (kv.isEmpty()) {
          continue;
        }
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new AugmentationException(name, null, "'" + kv + "' is not key=value (write e.g. "
              + name + ":" + info.keys().get(0) + "=...)");
        }
        String key = kv.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!info.keys().contains(key)) {
          throw new AugmentationException(name, null, "unknown parameter '" + key + "'; " + name
              + " takes " + String.join(", ", info.keys()));
        }
        if (args.put(key, kv.substring(eq + 1)) != null) {
          throw new AugmentationException(name, key, "is given twice");
        }
      }
    }
    return info.make().apply(new Args(info, args));
  }

  /** Typed access to one operation's key=value arguments; a missing key gives the table's default. */
  public static final class Args {
    private final Info info;
    private final Map<String, String> args;

    Args(Info info, Map<String, String> args) {
      this.info = info;
      this.args = args;
    }

    boolean random(String key) {
      return "random".equalsIgnoreCase(args.get(key));
    }

    double num(String key) {
      String v = args.get(key);
      return v == null ? info.param(key).dflt() : number(key, v, v);
    }

    Range range(String key) {
      String v = args.get(key);
      if (v == null) {
        Param p = info.param(key);
        return new Range(p.dflt(), p.dfltMax());
      }
      String[] parts = v.contains("..") ? v.split("\\.\\.", -1) : v.split("-", -1);
      if (parts.length == 1) {
        double x = number(key, parts[0], v);
        return new Range(x, x);
      }
      if (parts.length != 2) {
        throw new AugmentationException(info.name(), key,
            "'" + v + "' is not a range (write min-max, e.g. " + key + "=0.5-1)");
      }
      return new Range(number(key, parts[0], v), number(key, parts[1], v));
    }

    private double number(String key, String s, String whole) {
      try {
        double d = Double.parseDouble(s.trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new AugmentationException(info.name(), key, "'" + whole + "' is not a number");
      }
    }
  }
}
