package studio.convnet.app.augmentation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javax.imageio.ImageIO;
import studio.convnet.app.augmentation.Previews.Preview;
import studio.convnet.app.common.ImageRender;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.data.augment.AugmentOp;
import studio.convnet.engine.data.augment.AugmentOps;
import studio.convnet.engine.data.augment.AugmentationException;
import studio.convnet.engine.data.augment.AugmentationPipeline;

/**
 * The augmentation lab: one example (a FashionMNIST test image or an image file), the operations'
 * settings, and what the training loader would make of the example — a seeded grid of variants and
 * the whole pipeline stage by stage — at the chosen network's input size. Every change recomputes
 * the preview at once (measured: a few milliseconds, see {@link Preview#nanos()}), on the calling
 * thread. No controls here: the view binds to these properties, and tests drive it with plain JUnit.
 */
public final class AugmentationViewModel {

  private final Examples examples;
  private final List<OpSettings> ops = new ArrayList<>();
  private final IntegerProperty index = new SimpleIntegerProperty(0);
  private final ObjectProperty<NetworkSpec> model = new SimpleObjectProperty<>(Zoo.lenet());
  private final LongProperty seed = new SimpleLongProperty(1);
  private final StringProperty specText = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper imageError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper imageTitle = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper customImage = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<AugmentationPipeline> pipeline =
      new ReadOnlyObjectWrapper<>(AugmentationPipeline.none());
  private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<AugmentationPipeline> trainingPipeline = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper trainingSpec = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

  private final java.util.concurrent.Executor background;
  private final java.util.concurrent.Executor ui;
  private final java.util.concurrent.atomic.AtomicReference<Request> pending =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Everything one preview depends on, captured on the UI thread. */
  private record Request(float[] example, int size, AugmentationPipeline pipeline, long seed, int inputSize) {}

  private float[] custom; // the opened file as a grey 28×28 image, or null
  private boolean quiet; // while many settings change together: recompute once at the end

  /**
   * @param dataset the images to pick from (its test set), or null when it could not be loaded
   * @param loadError why the dataset is missing (shown inline), or null
   */
  public AugmentationViewModel(ImageDataset dataset, String loadError) {
    this(dataset, loadError, Runnable::run, Runnable::run);
  }

  /**
   * @param background where previews are computed (the latest request wins; one at a time)
   * @param ui where the computed preview is published (the FX thread in the app)
   */
  public AugmentationViewModel(ImageDataset dataset, String loadError,
      java.util.concurrent.Executor background, java.util.concurrent.Executor ui) {
    this.examples = new Examples(dataset);
    this.background = background;
    this.ui = ui;
    for (AugmentOps.Info info : AugmentOps.all()) {
      ops.add(OpSettings.of(info));
    }
    for (OpSettings op : ops) {
      op.enabledProperty().addListener((o, a, b) -> settingsChanged());
      op.randomFillProperty().addListener((o, a, b) -> settingsChanged());
      for (OpSettings.Param p : op.params()) {
        p.value().addListener((o, a, b) -> settingsChanged());
      }
    }
    if (dataset == null) {
      imageError.set(loadError == null ? "no dataset" : loadError);
    }
    index.addListener((o, a, b) -> {
      custom = null;
      customImage.set(false);
      imageError.set("");
      recompute();
    });
    model.addListener((o, a, b) -> recompute());
    seed.addListener((o, a, b) -> recompute());
    applySpecText(START);
  }

  /** The pipeline the lab starts with: a gentle crop and a flip. */
  static final String START = "crop:scale=0.5-1,ratio=0.75-1.3333 hflip";

  /** The lab on the real FashionMNIST embedded in the engine; a load failure becomes an inline message. */
  public static AugmentationViewModel withFashionMnist(
      java.util.concurrent.Executor background, java.util.concurrent.Executor ui) {
    ImageDataset data = null;
    String error = null;
    try {
      data = ImageDataset.fashionMnistTestSet();
    } catch (IOException | RuntimeException e) {
      error = "FashionMNIST could not be loaded: " + e.getMessage();
    }
    return new AugmentationViewModel(data, error, background, ui);
  }

  /**
   * For the app: previews computed on one daemon thread ("augmentation-preview", at 224×224 they
   * take 10–80 ms here, more than a frame) and published on the FX thread.
   */
  public static AugmentationViewModel withFashionMnist() {
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "augmentation-preview");
      t.setDaemon(true);
      return t;
    });
    return withFashionMnist(worker, javafx.application.Platform::runLater);
  }

  // ------------------------------------------------------------------ commands

  /** New random draws for every variant. */
  public void reroll() {
    seed.set(new Random(seed.get() * 6364136223846793005L + 1442695040888963407L).nextLong() & 0xffffffffL);
  }

  /** The next test image of the current image's class (wraps around). */
  public void next() {
    step(1);
  }

  /** The previous test image of the current image's class (wraps around). */
  public void previous() {
    step(-1);
  }

  private void step(int dir) {
    if (!examples.isEmpty()) {
      index.set(examples.step(index.get(), dir));
    }
  }

  /** The first test image of a class. */
  public void selectClass(int label) {
    int i = examples.first(label);
    if (i < 0) {
      return;
    }
    if (index.get() == i) {
      useDataset();
    } else {
      index.set(i);
    }
  }

  /** Back from an opened file to the dataset image at {@link #indexProperty()}. */
  public void useDataset() {
    custom = null;
    customImage.set(false);
    imageError.set(examples.isEmpty() ? imageError.get() : "");
    recompute();
  }

  /**
   * Opens an image file (PNG, JPEG, GIF, BMP) as the example: made grey, cut to its centre square
   * and scaled to the dataset's 28×28 (area average when shrinking), as FashionMNIST's images are.
   * An unreadable file leaves the current image and sets {@link #imageErrorProperty()}.
   */
  public void openImage(Path file) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      imageError.set("Cannot read " + file.getFileName() + ": " + e.getMessage());
      return;
    }
    if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
      imageError.set("Cannot read " + file.getFileName() + ": not a PNG, JPEG, GIF or BMP image");
      return;
    }
    custom = ImageRender.greySquare(img, exampleSize());
    customImage.set(true);
    imageError.set("");
    imageTitle.set(file.getFileName().toString());
    recompute();
  }

  /** Shows an image opened before (grey, at the dataset's size), as {@link #openImage} left it. */
  public void showImage(float[] pixels, String title) {
    custom = pixels.clone();
    customImage.set(true);
    imageError.set("");
    imageTitle.set(title);
    recompute();
  }

  /** Exposes the current pipeline to training ({@link #trainingPipelineProperty()}). */
  public void useForTraining() {
    if (!error.get().isEmpty()) {
      status.set("Fix the pipeline first: " + error.get());
      return;
    }
    trainingPipeline.set(pipeline.get());
    trainingSpec.set(pipeline.get().toSpec());
    status.set(pipeline.get().isEmpty() ? "Training will use no augmentation"
        : "Training will use: " + pipeline.get().toSpec());
  }

  /**
   * Applies typed text in the engine's syntax: the sliders follow it, or the error is shown and the
   * sliders stay. The lab keeps its operations in one fixed order; a text in another order is shown
   * reordered with a note.
   */
  public void applySpecText(String text) {
    AugmentationPipeline parsed;
    try {
      parsed = AugmentationPipeline.parse(text);
    } catch (AugmentationException e) {
      specText.set(text);
      error.set(e.getMessage());
      return;
    }
    List<String> names = parsed.ops().stream().map(AugmentOp::name).toList();
    List<String> order = ops.stream().map(OpSettings::name).filter(names::contains).toList();
    String n = "";
    if (names.size() != names.stream().distinct().count()) {
      n = "Each operation appears once in the lab; the last of each repeated one was kept.";
    } else if (!names.equals(order)) {
      n = "The lab applies operations in its fixed order: " + String.join(" → ", order) + ".";
    }
    quiet = true;
    try {
      for (OpSettings op : ops) {
        op.enabledProperty().set(names.contains(op.name()));
      }
      for (AugmentOp op : parsed.ops()) {
        settings(op.name()).load(op.spec());
      }
    } finally {
      quiet = false;
    }
    settingsChanged();
    note.set(n);
  }

  // ------------------------------------------------------------------ computing

  private void settingsChanged() {
    if (quiet) {
      return;
    }
    note.set("");
    String spec = ops.stream().filter(o -> o.enabledProperty().get()).map(OpSettings::spec)
        .collect(Collectors.joining(" "));
    specText.set(spec);
    try {
      pipeline.set(AugmentationPipeline.parse(spec));
      error.set("");
    } catch (AugmentationException e) {
      error.set(e.getMessage());
      return; // keep showing the last valid pipeline's preview
    }
    recompute();
  }

  private void recompute() {
    if (quiet) {
      return;
    }
    if (!customImage.get()) {
      imageTitle.set(examples.title(index.get()));
    }
    Request r = new Request(example(), exampleSize(), pipeline.get(), seed.get(),
        model.get().defaultInputSize());
    if (pending.getAndSet(r) == null) {
      background.execute(this::drain);
    }
  }

  /** Computes the latest request (older ones are dropped) and publishes it on the UI executor. */
  private void drain() {
    Request r = pending.getAndSet(null);
    if (r == null) {
      return;
    }
    Preview p = Previews.compute(r.example(), r.size(), r.pipeline(), r.seed(), r.inputSize());
    ui.execute(() -> preview.set(p));
  }

  /** The example as floats in [0, 1], 1×S×S (the dataset image /255, or the opened file). */
  public float[] example() {
    return custom != null ? custom : examples.pixels(index.get());
  }

  /** Side of the dataset's images (28 for FashionMNIST). */
  public int exampleSize() {
    return examples.size();
  }

  // ------------------------------------------------------------------ properties

  public List<OpSettings> ops() {
    return List.copyOf(ops);
  }

  public OpSettings settings(String name) {
    return ops.stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + name));
  }

  /** The models to preview for (input size = their default input size). */
  public List<NetworkSpec> models() {
    return Zoo.all();
  }

  public List<String> classNames() {
    return examples.classNames();
  }

  public int imageCount() {
    return examples.count();
  }

  /** Index of the test image shown (0-based). */
  public IntegerProperty indexProperty() {
    return index;
  }

  /** The class of the dataset image shown, or -1. */
  public int currentLabel() {
    return examples.label(index.get());
  }

  public ObjectProperty<NetworkSpec> modelProperty() {
    return model;
  }

  public LongProperty seedProperty() {
    return seed;
  }

  /** The pipeline in the engine's text syntax, as the sliders set it (or as last typed, if bad). */
  public ReadOnlyStringProperty specTextProperty() {
    return specText;
  }

  /** Inline message for bad parameters; empty when the pipeline is valid. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** An informational note (e.g. a typed spec was reordered); empty otherwise. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  /** Inline message for an unreadable image file or a dataset that failed to load. */
  public ReadOnlyStringProperty imageErrorProperty() {
    return imageError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty imageTitleProperty() {
    return imageTitle.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty customImageProperty() {
    return customImage.getReadOnlyProperty();
  }

  /** The current valid pipeline (the last valid one while {@link #errorProperty()} is set). */
  public ReadOnlyObjectProperty<AugmentationPipeline> pipelineProperty() {
    return pipeline.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Preview> previewProperty() {
    return preview.getReadOnlyProperty();
  }

  /**
   * The pipeline the student chose with "Use this pipeline for training"; null until then. A training
   * view passes it as {@code TrainingConfig.Builder.optAugmentation(p)} with {@code
   * optAugment(p.toSpecList())}.
   */
  public ReadOnlyObjectProperty<AugmentationPipeline> trainingPipelineProperty() {
    return trainingPipeline.getReadOnlyProperty();
  }

  /** {@link #trainingPipelineProperty()} in the text syntax of {@code train --augment}. */
  public ReadOnlyStringProperty trainingSpecProperty() {
    return trainingSpec.getReadOnlyProperty();
  }

  /** Feedback of the last command ("Training will use: …"). */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
