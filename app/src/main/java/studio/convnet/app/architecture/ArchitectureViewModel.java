package studio.convnet.app.architecture;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Zoo;

/**
 * Two networks side by side at one input size. Shapes come from plain-Java shape inference, so every
 * change of the input size or of a network recomputes both summaries at once (microseconds).
 * No controls here: the view binds to these properties.
 */
public final class ArchitectureViewModel {

  public static final int MIN_INPUT = 1;
  public static final int MAX_INPUT = 512;

  private final IntegerProperty inputSize = new SimpleIntegerProperty(224);
  private final ObjectProperty<NetworkSpec> left = new SimpleObjectProperty<>(Zoo.lenet());
  private final ObjectProperty<NetworkSpec> right = new SimpleObjectProperty<>(Zoo.alexnet());
  private final ReadOnlyObjectWrapper<Summary> leftSummary = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Summary> rightSummary = new ReadOnlyObjectWrapper<>();

  public ArchitectureViewModel() {
    inputSize.addListener((o, a, b) -> recompute());
    left.addListener((o, a, b) -> recompute());
    right.addListener((o, a, b) -> recompute());
    recompute();
  }

  private void recompute() {
    int size = inputSize.get();
    leftSummary.set(ShapeInference.infer(left.get(), size));
    rightSummary.set(ShapeInference.infer(right.get(), size));
  }

  public List<NetworkSpec> models() {
    return Zoo.all();
  }

  public IntegerProperty inputSizeProperty() {
    return inputSize;
  }

  public ObjectProperty<NetworkSpec> leftProperty() {
    return left;
  }

  public ObjectProperty<NetworkSpec> rightProperty() {
    return right;
  }

  public ReadOnlyObjectProperty<Summary> leftSummaryProperty() {
    return leftSummary.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Summary> rightSummaryProperty() {
    return rightSummary.getReadOnlyProperty();
  }

  /** The inline message for a broken network, or empty text when its shapes are all valid. */
  public static String errorText(Summary s) {
    return s.error()
        .map(e -> s.spec().title() + " at " + s.inputSize() + "×" + s.inputSize() + ": layer "
            + e.layer() + " — " + e.message())
        .orElse("");
  }
}
