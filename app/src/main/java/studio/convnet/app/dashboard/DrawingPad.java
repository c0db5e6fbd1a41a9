package studio.convnet.app.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.stage.FileChooser;
import studio.convnet.app.common.ImageRender;
import studio.convnet.engine.events.RunEvent.ActivationSnapshot;
import studio.convnet.engine.events.RunEvent.LayerActivation;
import studio.convnet.engine.events.RunState;

/**
 * Your own image: draw with the mouse (or open a picture) and the network — the live run as it is
 * now, or a recording's final weights — classifies it: the input it gets (the training resize),
 * the class probabilities and a few channels of every layer's output.
 */
public final class DrawingPad {

  /** Side of the dataset's images the drawing is reduced to. */
  static final int SIDE = 28;
  private static final int PAD = 224;

  private final BorderPane root = new BorderPane();
  private final Canvas canvas = new Canvas(PAD, PAD);
  private final Label source = new Label("Nothing to ask yet: start a run, or open a recording with its weights.");
  private final Label prediction = new Label("Draw a garment: a shoe, a shirt, trousers…");
  private final VBox bars = new VBox(2);
  private final ImageView input = new ImageView();
  private final VBox layers = new VBox(4);
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private Classifier classifier;
  private List<String> classNames = List.of();
  private ActivationSnapshot last;
  /** What was last sent (the drawing or the opened picture), re-sent to a live run as its weights change. */
  private float[] asked;
  private long askedAtStep = -1;
  private String askedRun = "";
  private double lx, ly;

  public DrawingPad() {
    canvas.setId("padCanvas");
    clear();
    canvas.setOnMousePressed(e -> {
      lx = e.getX();
      ly = e.getY();
      stroke(lx, ly);
    });
    canvas.setOnMouseDragged(e -> {
      stroke(e.getX(), e.getY());
      if (!inFlight.get()) send();
    });
    canvas.setOnMouseReleased(e -> send());
    Button clear = new Button("Clear");
    clear.setId("padClear");
    clear.setOnAction(e -> clear());
    Button open = new Button("Open image…");
    open.setId("padOpen");
    open.setOnAction(e -> {
      FileChooser fc = new FileChooser();
      fc.setTitle("Open an image");
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
      File f = fc.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
      if (f != null) openFile(f.toPath());
    });
    source.setId("padSource");
    source.setWrapText(true);
    prediction.setId("padPrediction");
    prediction.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold");
    bars.setId("padProbabilities");
    input.setId("padInput");
    layers.setId("padLayers");
    VBox left = new VBox(8, new Label("Draw here (a bright garment on black, like FashionMNIST):"), canvas,
        new HBox(8, clear, open), source);
    left.setPadding(new Insets(6));
    VBox right = new VBox(8, prediction, new HBox(10, new VBox(4, new Label("What the network gets:"), input), bars),
        new Label("Every layer's output (first channels):"), layers);
    right.setPadding(new Insets(6));
    root.setLeft(left);
    root.setCenter(new ScrollPane(right));
  }

  public Node view() {
    return root;
  }

  /** Who answers (null: nobody; the pad says so). */
  public void setClassifier(Classifier c) {
    classifier = c;
    source.setText(c == null ? "Nothing to ask yet: start a run, or open a recording with its weights."
        : "Answered by " + c.source() + ".");
  }

  /**
   * Follows the run: its class names, and — answered by a live run — the drawing asked again once the
   * weights have moved on by a batch, so the answer changes as the network learns.
   */
  public void refresh(RunState s) {
    s.started().ifPresent(st -> classNames = st.classNames());
    Classifier c = classifier;
    long step = s.lastBatch().map(b -> b.step()).orElse(-1L);
    String run = s.started().map(st -> st.runId()).orElse("");
    if (!run.equals(askedRun)) {
      askedRun = run; // a new run counts its steps from the start again
      askedAtStep = -1;
    }
    if (c != null && c.live() && asked != null && !inFlight.get() && step > askedAtStep) {
      askedAtStep = step;
      ask(asked);
    }
  }

  /** True while a question is out and its answer not yet shown (tests). */
  public boolean waiting() {
    return inFlight.get();
  }

  /** The last answer shown (tests). */
  public ActivationSnapshot lastAnswer() {
    return last;
  }

  private void clear() {
    asked = null;
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(Color.BLACK);
    g.fillRect(0, 0, PAD, PAD);
  }

  private void stroke(double x, double y) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setStroke(Color.WHITE);
    g.setLineWidth(PAD / 11.0);
    g.setLineCap(StrokeLineCap.ROUND);
    g.strokeLine(lx, ly, x, y);
    lx = x;
    ly = y;
  }

  /**
   * Opens a picture file onto the pad and classifies it; a file that is not a picture JavaFX reads
   * (PNG, JPEG, GIF, BMP) is named in one line instead.
   */
  public void openFile(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    Image image;
    try (InputStream in = Files.newInputStream(file)) {
      image = new Image(in);
    } catch (IOException | RuntimeException e) {
      prediction.setText("Could not open " + name + ": " + (e instanceof NoSuchFileException ? "no such file"
          : e.getMessage()));
      return;
    }
    if (image.isError() || image.getWidth() <= 0 || image.getHeight() <= 0) {
      prediction.setText("Could not open " + name + ": not a picture this app can read (PNG, JPEG, GIF or BMP).");
      return;
    }
    prediction.setText("Opened " + name + ".");
    open(image);
  }

  /** Shows a picture on the pad (fitted, inverted when on a light background) and classifies it. */
  public void open(Image image) {
    int w = (int) image.getWidth(), h = (int) image.getHeight();
    if (w <= 0 || h <= 0) return;
    int[] argb = new int[w * h];
    image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    float[] px = PadPixels.toInput(argb, w, h, SIDE, true);
    clear();
    canvas.getGraphicsContext2D().drawImage(ImageRender.greyImage(px, SIDE, SIDE).toImage(), 0, 0, PAD, PAD);
    ask(px);
  }

  private void send() {
    WritableImage snap = canvas.snapshot(null, null);
    int w = (int) snap.getWidth(), h = (int) snap.getHeight();
    int[] argb = new int[w * h];
    snap.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    ask(PadPixels.toInput(argb, w, h, SIDE, false));
  }

  private void ask(float[] pixels) {
    asked = pixels;
    Classifier c = classifier;
    if (c == null) return;
    inFlight.set(true);
    c.classify(pixels, SIDE, a -> Platform.runLater(() -> {
      inFlight.set(false);
      show(a);
    }), why -> Platform.runLater(() -> {
      inFlight.set(false);
      prediction.setText(why);
    }));
  }

  private void show(ActivationSnapshot a) {
    last = a;
    float[] p = a.probabilities();
    int best = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    prediction.setText(String.format(Locale.ROOT, "%s — %.0f %%", name(best), p[best] * 100));
    bars.getChildren().clear();
    for (int i = 0; i < p.length; i++) {
      ProgressBar b = new ProgressBar(p[i]);
      b.setPrefWidth(140);
      Label l = new Label(String.format(Locale.ROOT, "%-12s %5.1f %%", name(i), p[i] * 100));
      l.setMinWidth(130);
      HBox row = new HBox(6, l, b);
      row.setAlignment(Pos.CENTER_LEFT);
      bars.getChildren().add(row);
    }
    int s = a.inputSize();
    input.setImage(ImageRender.greyImage(a.image(), s, s).toImage());
    input.setFitWidth(112);
    input.setPreserveRatio(true);
    layers.getChildren().clear();
    for (LayerActivation l : a.layers()) {
      int[] sh = l.shape();
      HBox row = new HBox(4);
      row.setAlignment(Pos.CENTER_LEFT);
      Label name = new Label(l.layer());
      name.setMinWidth(90);
      row.getChildren().add(name);
      float[] v = l.values();
      if (sh.length == 3) {
        int plane = sh[1] * sh[2];
        int scale = Math.max(1, 48 / Math.max(1, sh[2]));
        for (int c = 0; c < Math.min(8, sh[0]); c++) {
          float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
          for (int i = c * plane; i < (c + 1) * plane; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
          }
          row.getChildren().add(new ImageView(ImageRender.featureMap(v, c * plane, sh[2], sh[1], scale, lo, hi).toImage()));
        }
      } else {
        row.getChildren().add(new Label(v.length + " values"));
      }
      layers.getChildren().add(row);
    }
  }

  private String name(int i) {
    return i < classNames.size() ? classNames.get(i) : "class " + i;
  }
}
