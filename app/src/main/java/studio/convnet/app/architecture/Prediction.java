package studio.convnet.app.architecture;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import studio.convnet.app.architecture.Answers.Verdict;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.LayerRow;
import studio.convnet.engine.arch.ShapeInference.Summary;

/**
 * Predict-then-reveal over the explorer's two networks: which columns are hidden, the students'
 * answers checked against the current shapes, and what was revealed. Answers are keyed by network id
 * and layer, so they survive an input-size change and are checked against the new shapes. The
 * explorer's view-model owns one ({@link ArchitectureViewModel#prediction()}); no controls here.
 */
public final class Prediction {

  private final BooleanProperty hideShapes = new SimpleBooleanProperty(false);
  private final BooleanProperty hideParams = new SimpleBooleanProperty(false);
  private final Map<String, String> answers = new HashMap<>();
  private final Set<String> revealed = new HashSet<>();
  private final Function<Side, Summary> summary;
  private final Outline outline;
  private final Runnable changed;

  /**
   * @param summary the current summary of a side
   * @param outline which blocks are folded (what is folded away is not asked)
   * @param changed called after every change that alters what is drawn
   */
  Prediction(Function<Side, Summary> summary, Outline outline, Runnable changed) {
    this.summary = summary;
    this.outline = outline;
    this.changed = changed;
    hideShapes.addListener((o, a, b) -> restart());
    hideParams.addListener((o, a, b) -> restart());
  }

  /** Whether the exercise asks for output shapes (of what can be seen: layers and folded blocks). */
  public BooleanProperty hideShapesProperty() {
    return hideShapes;
  }

  /** Whether the exercise asks for parameter counts (of layers that have some). */
  public BooleanProperty hideParamsProperty() {
    return hideParams;
  }

  private void restart() {
    revealed.clear();
    changed.run();
  }

  /** Nothing hidden, no answers, nothing revealed. */
  void clear() {
    hideShapes.set(false);
    hideParams.set(false);
    answers.clear();
    restart();
  }

  /** Captures the exercise; the returned action puts it back. */
  Runnable snapshot() {
    boolean shapes = hideShapes.get();
    boolean params = hideParams.get();
    Map<String, String> answered = Map.copyOf(answers);
    Set<String> shown = Set.copyOf(revealed);
    return () -> {
      hideShapes.set(shapes);
      hideParams.set(params);
      answers.clear();
      answers.putAll(answered);
      revealed.clear();
      revealed.addAll(shown);
      changed.run();
    };
  }

  private String key(Side side, String layer, Column c) {
    return summary.apply(side).spec().id() + "/" + askedAs(side, layer) + "/" + c;
  }

  /**
   * The path a value is asked under: a layer or a block itself; a block's join (its concat, its add
   * and the activation after it) shows the block's output and is asked as the block.
   */
  private String askedAs(Side side, String path) {
    NetworkSpec sp = summary.apply(side).spec();
    return sp.find(path).isPresent() ? path : Outline.parent(sp, path).orElse(path);
  }

  /** Whether a column of a layer or block is part of the exercise: what can be seen, parameters only
   * of layers that have some, the output of blocks. */
  private boolean asked(Side side, String layer, Column c) {
    String path = askedAs(side, layer);
    Summary s = summary.apply(side);
    if (!outline.visible(side, s.spec(), path)) {
      return false;
    }
    Optional<LayerRow> row = s.row(path);
    if (row.isPresent()) {
      return c == Column.SHAPE ? hideShapes.get() : hideParams.get() && row.get().params() > 0;
    }
    return c == Column.SHAPE && hideShapes.get() && s.block(path).isPresent();
  }

  /** The paths asked about in one network, in table order: visible layers and blocks, no joins. */
  private List<String> askable(Side side) {
    return outline.rows(side, summary.apply(side)).stream()
        .filter(r -> r.kind() == Row.Kind.LAYER || r.kind() == Row.Kind.BLOCK)
        .map(Row::name).filter(p -> askedAs(side, p).equals(p)).toList();
  }

  /** Whether a value is hidden: asked, not revealed and not yet answered right. */
  public boolean isHidden(Side side, String layer, Column c) {
    return asked(side, layer, c) && !revealed.contains(key(side, layer, c))
        && verdict(side, layer, c) != Verdict.RIGHT;
  }

  /** Whether a value is part of the exercise and was answered right (the view adds a ✓). */
  public boolean isAnsweredRight(Side side, String layer, Column c) {
    return asked(side, layer, c) && verdict(side, layer, c) == Verdict.RIGHT;
  }

  /** The answer given for a value, or empty text. */
  public String answer(Side side, String layer, Column c) {
    return answers.getOrDefault(key(side, layer, c), "");
  }

  /** Records and checks an answer against the current shapes. */
  public Verdict submit(Side side, String layer, Column c, String text) {
    answers.put(key(side, layer, c), text == null ? "" : text.trim());
    changed.run();
    return verdict(side, layer, c);
  }

  /** The answer given for a value, checked against the current shapes. */
  public Verdict verdict(Side side, String layer, Column c) {
    Summary sum = summary.apply(side);
    String path = askedAs(side, layer);
    String a = answers.get(key(side, layer, c));
    Optional<int[]> shape = sum.outShape(path);
    if (shape.isEmpty() || a == null) {
      return Verdict.EMPTY;
    }
    long params = sum.block(path).map(ShapeInference.BlockRow::params)
        .orElseGet(() -> sum.row(path).map(LayerRow::params).orElse(0L));
    return c == Column.SHAPE ? Answers.checkShape(a, shape.get()) : Answers.checkNumber(a, params);
  }

  /** Reveals a layer's hidden values. */
  public void reveal(Side side, String layer) {
    for (Column c : Column.values()) {
      revealed.add(key(side, layer, c));
    }
    changed.run();
  }

  /** Reveals every hidden value of both networks. */
  public void revealAll() {
    for (Side s : Side.values()) {
      for (LayerRow r : summary.apply(s).rows()) {
        for (Column c : Column.values()) {
          revealed.add(key(s, r.name(), c));
        }
      }
      for (ShapeInference.BlockRow r : summary.apply(s).blocks()) {
        revealed.add(key(s, r.name(), Column.SHAPE));
      }
    }
    changed.run();
  }

  /** "7 of 21 right" over both networks' asked values, or empty text when nothing is hidden. */
  public String score() {
    if (!hideShapes.get() && !hideParams.get()) {
      return "";
    }
    int asked = 0;
    int right = 0;
    for (Side s : Side.values()) {
      for (String path : askable(s)) {
        for (Column c : Column.values()) {
          if (asked(s, path, c)) {
            asked++;
            right += verdict(s, path, c) == Verdict.RIGHT ? 1 : 0;
          }
        }
      }
    }
    return right + " of " + asked + " right";
  }
}
