package studio.convnet.app.augmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.convnet.engine.data.augment.AugmentOps;

/**
 * The lab's settings for one augmentation operation: on/off and one value per slider. They are turned
 * into the engine's text syntax ({@link #spec()}) and parsed by the engine, so the lab validates
 * exactly as {@code train --augment} does.
 */
public final class OpSettings {

  /** How a slider's value enters the text: a plain value, or one end of a {@code min-max} range. */
  public enum Part { VALUE, MIN, MAX }

  /**
   * One slider.
   *
   * @param key the parameter in the text syntax ("scale")
   * @param part whether it is the value or one end of a range
   * @param label what the slider is called on screen
   * @param min the slider's left end
   * @param max the slider's right end (grows when a typed spec needs more)
   */
  public record Param(String key, Part part, String label, double min, DoubleProperty max, DoubleProperty value) {
    /** The control id suffix: "scale-min", "p". */
    public String id() {
      return part == Part.VALUE ? key : key + "-" + part.name().toLowerCase();
    }
  }

  private final String name;
  private final String title;
  private final String note;
  private final BooleanProperty enabled = new SimpleBooleanProperty(false);
  private final List<Param> params = new ArrayList<>();
  /** Erasing's "value=random" (fill with noise instead of a grey level); unused by other ops. */
  private final BooleanProperty randomFill = new SimpleBooleanProperty(false);
  private final StringProperty flagLabel = new SimpleStringProperty("");

  OpSettings(String name, String title, String note) {
    this.name = name;
    this.title = title;
    this.note = note;
  }

  /** The sliders of one operation as the engine describes it, at the engine's defaults, off. */
  static OpSettings of(AugmentOps.Info info) {
    OpSettings o = new OpSettings(info.name(), info.title(), info.note());
    for (AugmentOps.Param p : info.params()) {
      switch (p.kind()) {
        case RANGE -> o.range(p.key(), p.label(), p.min(), p.max(), p.dflt(), p.dfltMax());
        case NUMBER -> o.value(p.key(), p.label(), p.min(), p.max(), p.dflt());
        case GREY_OR_RANDOM -> o.value(p.key(), p.label(), p.min(), p.max(), p.dflt()).flag("random noise");
      }
    }
    return o;
  }

  OpSettings value(String key, String label, double min, double max, double initial) {
    params.add(new Param(key, Part.VALUE, label, min, new SimpleDoubleProperty(max), new SimpleDoubleProperty(initial)));
    return this;
  }

  OpSettings range(String key, String label, double min, double max, double lo, double hi) {
    params.add(new Param(key, Part.MIN, label + " min", min, new SimpleDoubleProperty(max), new SimpleDoubleProperty(lo)));
    params.add(new Param(key, Part.MAX, label + " max", min, new SimpleDoubleProperty(max), new SimpleDoubleProperty(hi)));
    return this;
  }

  OpSettings flag(String label) {
    flagLabel.set(label);
    return this;
  }

  /** The name in the text syntax ("crop"). */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  /** A hint shown under the title ("colour images only"), or empty. */
  public String note() {
    return note;
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  public List<Param> params() {
    return List.copyOf(params);
  }

  public Param param(String id) {
    return params.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no slider " + id));
  }

  /** Empty unless the operation has a check box of its own (erasing: "random noise"). */
  public String flagLabel() {
    return flagLabel.get();
  }

  public BooleanProperty randomFillProperty() {
    return randomFill;
  }

  /** This operation in the text syntax, slider values rounded to 4 decimals. */
  public String spec() {
    Map<String, String> kv = new LinkedHashMap<>();
    for (Param p : params) {
      String v = fmt(p.value().get());
      if (p.part() == Part.MAX) {
        kv.put(p.key(), kv.get(p.key()) + "-" + v);
      } else if ("value".equals(p.key()) && randomFill.get()) {
        kv.put(p.key(), "random");
      } else {
        kv.put(p.key(), v);
      }
    }
    StringJoiner j = new StringJoiner(",", name + ":", "");
    kv.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** Sets the sliders from one operation written out in full by the engine ("crop:scale=0.5-1,..."). */
  void load(String fullSpec) {
    int colon = fullSpec.indexOf(':');
    Map<String, String> kv = new LinkedHashMap<>();
    for (String pair : fullSpec.substring(colon + 1).split(",")) {
      int eq = pair.indexOf('=');
      kv.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    for (Param p : params) {
      String v = kv.get(p.key());
      if (v == null) {
        continue;
      }
      if ("random".equals(v)) {
        randomFill.set(true);
        continue;
      }
      if ("value".equals(p.key())) {
        randomFill.set(false);
      }
      String[] ends = v.split("-");
      double d = Double.parseDouble(p.part() == Part.MAX ? ends[ends.length - 1] : ends[0]);
      if (d > p.max().get()) {
        p.max().set(d);
      }
      p.value().set(d);
    }
  }

  static String fmt(double v) {
    double r = Math.round(v * 10000) / 10000.0;
    return BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
  }
}
