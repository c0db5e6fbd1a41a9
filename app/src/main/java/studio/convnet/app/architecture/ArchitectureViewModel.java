package studio.convnet.app.architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.convnet.engine.arch.LayerSpec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;
import studio.convnet.engine.arch.Zoo;

/**
 * The architecture explorer: two networks side by side, each at its book input size or both at one
 * size the teacher sets, each an editable copy of a zoo model; a selected layer with its arithmetic and
 * editable fields. Folding blocks is {@link #folding()}, predict-then-reveal {@link #prediction()}.
 *
 * <p>Shapes come from plain-Java shape inference, so every change recomputes at once (microseconds).
 * No controls here: the view binds to these properties and calls these commands.
 */
public final class ArchitectureViewModel {

  public static final int MIN_INPUT = 1;
  public static final int MAX_INPUT = 512;

  private final IntegerProperty inputSize = new SimpleIntegerProperty(224);
  private final BooleanProperty bookSizes = new SimpleBooleanProperty(true);
  private final Map<Side, ObjectProperty<NetworkSpec>> book = new HashMap<>();
  private final Map<Side, ReadOnlyObjectWrapper<NetworkSpec>> spec = new HashMap<>();
  private final Map<Side, ReadOnlyObjectWrapper<Summary>> summary = new HashMap<>();
  private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>();
  private final ObjectProperty<Side> tableSide = new SimpleObjectProperty<>(Side.RIGHT);
  private final ReadOnlyObjectWrapper<List<Row>> tableRows = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<List<String>> arithmetic = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<List<LayerEdits.Field>> fields = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyStringWrapper editError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper editErrorField = new ReadOnlyStringWrapper("");
  private final ReadOnlyLongWrapper recomputeNanos = new ReadOnlyLongWrapper();

  private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
  private final Outline outline = new Outline();
  private final Prediction prediction = new Prediction(this::summary, outline, this::changed);
  private final Folding folding = new Folding(outline, s -> spec.get(s).get(), selection, this::changed);

  public ArchitectureViewModel() {
    this(Zoo.lenet(), Zoo.alexnet());
  }

  public ArchitectureViewModel(NetworkSpec left, NetworkSpec right) {
    for (Side s : Side.values()) {
      NetworkSpec initial = s == Side.LEFT ? left : right;
      book.put(s, new SimpleObjectProperty<>(initial));
      spec.put(s, new ReadOnlyObjectWrapper<>(initial));
      summary.put(s, new ReadOnlyObjectWrapper<>());
      outline.reset(s, initial);
    }
    inputSize.set(bookInputSize());
    for (Side s : Side.values()) {
      book.get(s).addListener((o, a, b) -> {
        outline.reset(s, b);
        spec.get(s).set(b);
        if (selection.get() != null && selection.get().side() == s) {
          selection.set(new Selection(s, b.leaves().get(0).name()));
        }
        refreshFields();
      });
      spec.get(s).addListener((o, a, b) -> recompute());
    }
    inputSize.addListener((o, a, b) -> {
      if (bookSizes.get()) {
        bookSizes.set(false); // recomputes
      } else {
        recompute();
      }
    });
    bookSizes.addListener((o, a, b) -> recompute());
    selection.addListener((o, a, b) -> {
      if (b != null) {
        tableSide.set(b.side());
      }
      editError.set("");
      editErrorField.set("");
      refreshFields();
      refreshDerived();
    });
    tableSide.addListener((o, a, b) -> refreshDerived());
    recompute();
    selection.set(new Selection(Side.RIGHT, right.leaves().get(0).name()));
  }

  // ---- networks and shapes -------------------------------------------------------------------

  private void recompute() {
    long t0 = System.nanoTime();
    Summary l = ShapeInference.infer(spec.get(Side.LEFT).get(), inputSize(Side.LEFT));
    Summary r = ShapeInference.infer(spec.get(Side.RIGHT).get(), inputSize(Side.RIGHT));
    long nanos = System.nanoTime() - t0;
    for (Summary x : List.of(l, r)) {
      // the first broken layer is never hidden inside a folded block
      x.error().ifPresent(e -> outline.reveal(x == l ? Side.LEFT : Side.RIGHT, x.spec(), e.layer()));
    }
    summary.get(Side.LEFT).set(l);
    summary.get(Side.RIGHT).set(r);
    refreshDerived();
    revision.set(revision.get() + 1);
    recomputeNanos.set(nanos);
  }

  public List<NetworkSpec> models() {
    return Zoo.all();
  }

  /** The input size the teacher set for both networks; setting it ends "each at its book size". */
  public IntegerProperty inputSizeProperty() {
    return inputSize;
  }

  /** Each network at its own book input size (LeNet 28, AlexNet 224), not one size for both. */
  public BooleanProperty bookSizesProperty() {
    return bookSizes;
  }

  /** Both networks at this input size (also when it equals the size already set). */
  public void useInputSize(int size) {
    inputSize.set(size);
    bookSizes.set(false);
  }

  /** The input size a side is drawn at: its book size, or the size set for both. */
  public int inputSize(Side s) {
    return bookSizes.get() ? book.get(s).get().defaultInputSize() : inputSize.get();
  }

  /** The zoo model chosen for a side; choosing one discards that side's edits. */
  public ObjectProperty<NetworkSpec> bookProperty(Side s) {
    return book.get(s);
  }

  /** The network as edited (the book's model until the first edit). */
  public ReadOnlyObjectProperty<NetworkSpec> specProperty(Side s) {
    return spec.get(s).getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Summary> summaryProperty(Side s) {
    return summary.get(s).getReadOnlyProperty();
  }

  public Summary summary(Side s) {
    return summary.get(s).get();
  }

  /** Whether a side differs from the book's model. */
  public boolean edited(Side s) {
    return !spec.get(s).get().equals(book.get(s).get());
  }

  /** Time of the last shape inference of both networks, in nanoseconds (set after the redraw signal). */
  public ReadOnlyLongProperty recomputeNanosProperty() {
    return recomputeNanos.getReadOnlyProperty();
  }

  /** The inline message for a broken network, or empty text when its shapes are all valid. */
  public static String errorText(Summary s) {
    return s.error()
        .map(e -> s.spec().title() + " at " + s.inputSize() + "×" + s.inputSize() + ": layer "
            + e.layer() + " — " + e.message())
        .orElse("");
  }

  // ---- selection, table, arithmetic ----------------------------------------------------------

  public ObjectProperty<Selection> selectionProperty() {
    return selection;
  }

  /** Selects a layer or block by path, opening the blocks around it so it can be seen. */
  public void select(Side side, String layer) {
    if (outline.reveal(side, spec.get(side).get(), layer)) {
      changed();
    }
    selection.set(new Selection(side, layer));
  }

  // ---- folding blocks ------------------------------------------------------------------------

  /** Folding and opening blocks, in the diagram and the table. */
  public Folding folding() {
    return folding;
  }

  /** Which network the table lists; selecting a layer switches it to that layer's network. */
  public ObjectProperty<Side> tableSideProperty() {
    return tableSide;
  }

  public ReadOnlyObjectProperty<List<Row>> tableRowsProperty() {
    return tableRows.getReadOnlyProperty();
  }

  /** The selected layer's arithmetic, one line per quantity, numbers filled in. */
  public ReadOnlyObjectProperty<List<String>> arithmeticProperty() {
    return arithmetic.getReadOnlyProperty();
  }

  private void refreshDerived() {
    tableRows.set(List.copyOf(outline.rows(tableSide.get(), summary(tableSide.get()))));

    Selection sel = selection.get();
    arithmetic.set(sel == null ? List.of() : List.copyOf(Arithmetic.forPath(summary(sel.side()), sel.layer(),
        c -> prediction.isHidden(sel.side(), sel.layer(), c))));
  }

  // ---- live editing --------------------------------------------------------------------------

  /** The editable fields of the selected layer with their values (updated on selection and reset). */
  public ReadOnlyObjectProperty<List<LayerEdits.Field>> fieldsProperty() {
    return fields.getReadOnlyProperty();
  }

  /** The message for the last rejected edit ("conv1: kernel must be ≥ 1, got 0"), or empty text. */
  public ReadOnlyStringProperty editErrorProperty() {
    return editError.getReadOnlyProperty();
  }

  /** The field the last rejected edit was for, or empty text. */
  public ReadOnlyStringProperty editErrorFieldProperty() {
    return editErrorField.getReadOnlyProperty();
  }

  private void refreshFields() {
    Selection sel = selection.get();
    LayerSpec leaf = sel == null ? null : LayerEdits.leaf(spec.get(sel.side()).get(), sel.layer());
    fields.set(leaf == null ? List.of() : LayerEdits.fields(leaf));
  }

  /**
   * Sets one field of the selected layer. Invalid values are refused with an inline message naming
   * the layer and field, and the network keeps its last valid form; shapes that no longer fit are not
   * refused: they show as the first broken layer.
   *
   * @return true when the edit was applied
   */
  public boolean edit(String field, int value) {
    Selection sel = selection.get();
    if (sel == null) {
      return false;
    }
    try {
      NetworkSpec edited = LayerEdits.replaceLeaf(spec.get(sel.side()).get(), sel.layer(),
          l -> LayerEdits.with(l, field, value));
      editError.set("");
      editErrorField.set("");
      spec.get(sel.side()).set(edited);
      return true;
    } catch (IllegalArgumentException e) {
      editErrorField.set(field);
      editError.set(sel.layer().contains("/") ? sel.layer() + " — " + e.getMessage() : e.getMessage());
      return false;
    }
  }

  /**
   * Replaces a side's network (a structural edit, an undo, an opened file) and selects the leaf at
   * {@code select}; {@link StructureEditor} calls this.
   */
  public void setSpec(Side s, NetworkSpec edited, String select) {
    editError.set("");
    editErrorField.set("");
    spec.get(s).set(edited);
    selection.set(new Selection(s, select));
    refreshFields();
  }

  /** The larger of the two book input sizes (224 for LeNet vs AlexNet, so both fit). */
  private int bookInputSize() {
    return Math.max(book.get(Side.LEFT).get().defaultInputSize(), book.get(Side.RIGHT).get().defaultInputSize());
  }

  /** Back to the book: both networks as the zoo defines them, each at its book input size. */
  public void resetToBook() {
    for (Side s : Side.values()) {
      spec.get(s).set(book.get(s).get());
    }
    inputSize.set(bookInputSize());
    bookSizes.set(true);
    editError.set("");
    editErrorField.set("");
    fields.set(List.of()); // the editor rebuilds its spinners even when the values equal the last ones
    refreshFields();
  }

  // ---- lessons: a whole state on entering a step, the teacher's state put back after ----------

  /**
   * Shows two zoo networks as the book has them, each at its book input size and folded as at first,
   * the first layer of the right one selected, nothing hidden and no answers: where a lesson step starts.
   */
  public void present(NetworkSpec left, NetworkSpec right) {
    book.get(Side.LEFT).set(left);
    book.get(Side.RIGHT).set(right);
    resetToBook();
    for (Side s : Side.values()) {
      outline.reset(s, book.get(s).get());
    }
    selection.set(new Selection(Side.RIGHT, right.leaves().get(0).name()));
    prediction.clear();
  }

  /** Captures the networks, edits, sizes, exercise, answers and selection; the action puts them back. */
  public Runnable snapshot() {
    Map<Side, NetworkSpec> books = Map.of(Side.LEFT, book.get(Side.LEFT).get(), Side.RIGHT, book.get(Side.RIGHT).get());
    Map<Side, NetworkSpec> specs = Map.of(Side.LEFT, spec.get(Side.LEFT).get(), Side.RIGHT, spec.get(Side.RIGHT).get());
    int size = inputSize.get();
    boolean own = bookSizes.get();
    Runnable exercise = prediction.snapshot();
    Selection selected = selection.get();
    Side table = tableSide.get();
    return () -> {
      for (Side s : Side.values()) {
        book.get(s).set(books.get(s));
        spec.get(s).set(specs.get(s));
      }
      inputSize.set(size);
      bookSizes.set(own);
      selection.set(selected);
      tableSide.set(table);
      exercise.run();
    };
  }

  // ---- predict-then-reveal -------------------------------------------------------------------

  /** The exercise: hidden columns, answers checked against the current shapes, reveals, the score. */
  public Prediction prediction() {
    return prediction;
  }

  /** Reveals the selected layer's hidden values. */
  public void revealSelected() {
    Selection sel = selection.get();
    if (sel != null) {
      prediction.reveal(sel.side(), sel.layer());
    }
  }

  /**
   * Bumped once per change that alters what is drawn (shapes, answers, reveals, hidden columns, folds),
   * after the summaries and table rows are up to date: views redraw on it, once.
   */
  public ReadOnlyIntegerProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  private void changed() {
    refreshDerived();
    revision.set(revision.get() + 1);
  }

  // ---- export --------------------------------------------------------------------------------

  /** The table's network as CSV (Summaries.csv). */
  public String csvText() {
    return Summaries.csv(summary(tableSide.get()));
  }

  /** Both networks in the style of d2l's layer_summary, each headed by the input it was fed. */
  public String layerSummaryText() {
    StringBuilder b = new StringBuilder();
    for (Side s : Side.values()) {
      b.append(Exports.layerSummary(summary(s), edited(s))).append('\n');
    }
    return b.toString();
  }

  /** Writes the table's network as CSV, atomically. */
  public void exportCsv(Path file) throws IOException {
    Exports.writeText(file, csvText());
  }
}
