package studio.convnet.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.LookMaps;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.insight.Saliency;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.train.RecordedModel;

/** {@code convnet runs looks}: where a network looks, as recorded or from a run's last checkpoint. */
@Command(name = "looks", description = {"Where the network looks: for each recorded class activation map"
    + " (networks with global average pooling) and saliency map, the class, its score, the peak, and the share of"
    + " the map on the garment (pixels brighter than 0.1) against the garment's share of the image (chance).",
    "With --image, computes them now from the run's newest checkpoint, for any test image and class, and draws"
    + " each map as text."})
final class RunsLooks implements Callable<Integer> {

  /** An input pixel counts as garment above this brightness (FashionMNIST is bright on black). */
  static final float GARMENT = 0.1f;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR") Path dir;

  @Option(names = "--image", paramLabel = "N", description = "a test image: compute from the newest checkpoint")
  Integer image;

  @Option(names = "--class", paramLabel = "C", description = "with --image: the class (default: the true and the predicted one)")
  Integer cls;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) throw new CliException(dir + ": no such run folder");
    PrintWriter out = spec.commandLine().getOut();
    List<RunEvent> events = RunReader.readAll(dir);
    List<String> names = events.stream().filter(e -> e instanceof RunStarted).map(e -> ((RunStarted) e).classNames())
        .findFirst().orElse(List.of());
    if (image == null) {
      List<LookMaps> looks = events.stream().filter(e -> e instanceof LookMaps).map(e -> (LookMaps) e).toList();
      if (looks.isEmpty()) {
        throw new CliException(dir + ": no LookMaps events (recorded before they existed?); try --image N with a checkpoint");
      }
      looks.forEach(l -> print(out, l, names, false));
      return 0;
    }
    if (cls != null && (cls < 0 || cls >= Math.max(1, names.size()))) {
      throw new CliException("--class " + cls + ": the classes are 0.." + (names.size() - 1));
    }
    var model = RecordedModel.withLatestWeights(dir)
        .orElseThrow(() -> new CliException(dir + ": no checkpoint with weights to look with"));
    try (model) {
      List<LookMaps> looks;
      try {
        looks = model.look(ImageDataset.fashionMnist(), image, cls == null ? -1 : cls);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      looks.forEach(l -> print(out, l, names, true));
    }
    return 0;
  }

  static void print(PrintWriter out, LookMaps l, List<String> names, boolean draw) {
    int h = l.mapShape()[0], w = l.mapShape()[1];
    float[] maps = l.maps();
    float[] img = l.image();
    int side = l.inputSize();
    float[] grey = java.util.Arrays.copyOf(img, side * side); // first channel
    out.printf(Locale.ROOT, "epoch %d step %d  test #%d (%s), predicted %s  %s %s, %d×%d%n", l.epoch(), l.step(),
        l.testIndex(), name(names, l.label()), name(names, l.predicted()), l.method(), l.layer(), h, w);
    double chance = Saliency.brightShare(grey, GARMENT);
    for (int i = 0; i < l.classes().length; i++) {
      int c = l.classes()[i];
      if (l.method().equals(LookMaps.CAM) && c != l.label() && c != l.predicted()) continue;
      int[] peak = Saliency.peak(maps, i, h, w);
      double on = Saliency.shareOn(maps, i, h, w, grey, side, GARMENT);
      out.printf(Locale.ROOT, "  class %-12s score %8.3f  peak at (%d, %d) of %d×%d  on the garment %.2f (garment is %.2f of"
          + " the image)%n", name(names, c), l.scores()[i], peak[0], peak[1], h, w, on, chance);
      if (draw) {
        drawMap(out, maps, i, h, w);
      }
    }
  }

  /** A map as text, at most 24 columns: darker characters for larger values (negative as blank). */
  static void drawMap(PrintWriter out, float[] maps, int m, int h, int w) {
    String ramp = " .:-=+*#%@";
    int step = Math.max(1, (Math.max(h, w) + 23) / 24);
    float max = 0;
    for (int p = m * h * w; p < (m + 1) * h * w; p++) max = Math.max(max, maps[p]);
    for (int y = 0; y < h; y += step) {
      StringBuilder b = new StringBuilder("    ");
      for (int x = 0; x < w; x += step) {
        float v = 0;
        for (int yy = y; yy < Math.min(h, y + step); yy++) {
          for (int xx = x; xx < Math.min(w, x + step); xx++) v = Math.max(v, maps[m * h * w + yy * w + xx]);
        }
        int k = max > 0 ? (int) Math.round(Math.max(0, v) / max * (ramp.length() - 1)) : 0;
        b.append(ramp.charAt(k)).append(ramp.charAt(k));
      }
      out.println(b);
    }
  }

  private static String name(List<String> names, int c) {
    return c >= 0 && c < names.size() ? names.get(c) : String.valueOf(c);
  }
}
