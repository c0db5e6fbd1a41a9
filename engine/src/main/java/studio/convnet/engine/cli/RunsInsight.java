package studio.convnet.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.data.ImageDataset;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.FilterSnapshot;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.events.RunEvent.TopPatches;
import studio.convnet.engine.insight.FilterSpectrum;
import studio.convnet.engine.runs.Checkpoint;
import studio.convnet.engine.runs.RunFolder;
import studio.convnet.engine.runs.RunReader;
import studio.convnet.engine.runs.RunWriter;
import studio.convnet.engine.train.RecordedModel;

/** {@code runs filters} (how much of each filter the data can see, over time) and {@code runs patches}. */
final class RunsInsight {

  private RunsInsight() {}

  /** FashionMNIST's (and MNIST's) own image side. */
  static final int NATIVE = 28;

  @Command(name = "filters", description = {"The first layer's filters over time: the median share of each"
      + " filter's energy at frequencies the (upsampled) input contains, how far the filters moved since the"
      + " first snapshot, and how much of that movement is visible to the data."})
  static final class Filters implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR") Path dir;

    @Override
    public Integer call() throws IOException {
      List<RunEvent> events = RunReader.readAll(dir);
      int size = events.stream().filter(e -> e instanceof RunStarted).map(e -> ((RunStarted) e).inputSize())
          .findFirst().orElseThrow(() -> new CliException(dir + ": no RunStarted event"));
      List<FilterSnapshot> fs = events.stream().filter(e -> e instanceof FilterSnapshot).map(e -> (FilterSnapshot) e).toList();
      if (fs.isEmpty()) throw new CliException(dir + ": no filter snapshots");
      double cutoff = FilterSpectrum.cutoff(NATIVE, size);
      PrintWriter out = spec.commandLine().getOut();
      FilterSnapshot first = fs.get(0);
      int[] shape = first.shape();
      out.printf(Locale.ROOT, "%s: %s, %d filters of %d×%d×%d; input %d px from %d px: visible up to %.3f cycles per pixel%n",
          dir.getFileName(), first.layer(), shape[0], shape[1], shape[2], shape[3], size, NATIVE, cutoff);
      out.println("  step  epoch  visible share (median)  ‖w − w_first‖/‖w_first‖ (median)  visible share of that change (median)"
          + "  invisible part's norm / first's (median)");
      double[] hidden0 = hiddenNorms(first.weights(), shape, cutoff);
      for (FilterSnapshot f : fs) {
        double visible = FilterSpectrum.median(FilterSpectrum.visibleShare(f.weights(), shape, cutoff));
        float[] w = f.weights(), w0 = first.weights();
        float[] d = new float[w.length];
        for (int i = 0; i < w.length; i++) d[i] = w[i] - w0[i];
        double[] moved = new double[shape[0]];
        int per = w.length / shape[0];
        for (int o = 0; o < shape[0]; o++) {
          double dd = 0, nn = 0;
          for (int i = o * per; i < (o + 1) * per; i++) { dd += d[i] * d[i]; nn += w0[i] * w0[i]; }
          moved[o] = nn > 0 ? Math.sqrt(dd / nn) : 0;
        }
        String change = f == first ? "—" : String.format(Locale.ROOT, "%.3f",
            FilterSpectrum.median(FilterSpectrum.visibleShare(d, shape, cutoff)));
        double[] hidden = hiddenNorms(w, shape, cutoff);
        for (int o = 0; o < hidden.length; o++) hidden[o] = hidden0[o] > 0 ? hidden[o] / hidden0[o] : 0;
        out.printf(Locale.ROOT, "%6d  %5d  %22.3f  %36.3f  %38s  %42.4f%n", f.step(), f.epoch(), visible,
            FilterSpectrum.median(moved), change, FilterSpectrum.median(hidden));
      }
      return 0;
    }
  }

  /** Each filter's norm outside the visible frequencies: √((1 − share) · ‖w‖²). */
  static double[] hiddenNorms(float[] w, int[] shape, double cutoff) {
    double[] share = FilterSpectrum.visibleShare(w, shape, cutoff);
    int per = w.length / shape[0];
    double[] n = new double[shape[0]];
    for (int o = 0; o < shape[0]; o++) {
      double e = 0;
      for (int i = o * per; i < (o + 1) * per; i++) e += (double) w[i] * w[i];
      n[o] = Math.sqrt(Math.max(0, 1 - share[o]) * e);
    }
    return n;
  }

  @Command(name = "patches", description = {"Adds top patches to a run recorded without them: from each"
      + " checkpoint (epoch) given, the probe the training loop runs, written into the run folder after that"
      + " epoch's events (sidecars under patches/)."})
  static final class Patches implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR") Path dir;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "where the .ckpt files are (default: RUN_DIR/checkpoints)")
    Path checkpoints;

    @Override
    public Integer call() throws Exception {
      Path from = checkpoints != null ? checkpoints : dir.resolve(Checkpoint.FOLDER);
      List<Path> files;
      try (Stream<Path> s = Files.list(from)) {
        files = s.filter(p -> p.toString().endsWith(".ckpt")).sorted().toList();
      }
      if (files.isEmpty()) throw new CliException(from + ": no checkpoints");
      List<TopPatches> events = new ArrayList<>();
      ImageDataset data = ImageDataset.fashionMnist();
      try (RecordedModel m = RecordedModel.open(dir)) {
        for (Path f : files) {
          events.addAll(m.load(Checkpoint.read(f)).topPatches(data));
        }
      }
      splice(dir, events);
      spec.commandLine().getOut().printf("added %d TopPatches events from %d checkpoints%n", events.size(), files.size());
      return 0;
    }

    /** Writes the events through a RunWriter in a scratch folder, then moves their lines and sidecars in. */
    static void splice(Path dir, List<TopPatches> events) throws IOException {
      Path scratch = Files.createTempDirectory("convnet-patches");
      Files.copy(dir.resolve(RunFolder.CONFIG), scratch.resolve(RunFolder.CONFIG));
      try (RunWriter w = RunWriter.append(scratch)) {
        events.forEach(w::onEvent);
      }
      List<String> lines = Files.readAllLines(scratch.resolve(RunFolder.EVENTS));
      Files.createDirectories(dir.resolve("patches"));
      try (Stream<Path> s = Files.list(scratch.resolve("patches"))) {
        for (Path p : s.toList()) {
          Files.move(p, dir.resolve("patches").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      List<String> run = new ArrayList<>(Files.readAllLines(dir.resolve(RunFolder.EVENTS)));
      for (int i = 0; i < events.size(); i++) {
        int next = events.get(i).epoch() + 1;
        int at = run.size();
        for (int j = 0; j < run.size(); j++) {
          String l = run.get(j);
          if ((l.startsWith("{\"type\":\"BatchMetrics\"") && l.contains("\"epoch\":" + next + ","))
              || l.startsWith("{\"type\":\"RunFinished\"") || l.startsWith("{\"type\":\"RunFailed\"")) {
            at = j;
            break;
          }
        }
        run.add(at, lines.get(i));
      }
      RunFolder.writeAtomically(dir.resolve(RunFolder.EVENTS), (String.join("\n", run) + "\n").getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
