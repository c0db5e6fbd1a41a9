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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.events.HealthHistory;
import studio.convnet.engine.events.RunEvent.Distribution;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.LayerHealth;
import studio.convnet.engine.events.RunEvent.LayerStats;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.RunReader;

/** {@code convnet runs health RUN_DIR}: each weighted layer's health records as a table. */
@Command(name = "health", description = {"Filter health over time: for each convolution and dense layer, at each"
    + " record (the start, a few times in epoch 1, every epoch's end), how much its weights changed since the"
    + " previous record (relative), how many of its units never fire on the probe images (ReLU layers), and the"
    + " median and 7th–93rd percentile band of its weights and of their gradient on the batch just trained."})
final class RunsHealth implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR") Path dir;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) throw new CliException(dir + ": no such run folder");
    RunReader.Recording rec = RunReader.read(dir);
    RunState s = RunState.of(rec.events());
    HealthHistory h = s.health();
    if (h.isEmpty()) {
      throw new CliException(dir + ": no LayerHealth events: filter health was not recorded in this run"
          + " (recorded before it existed)");
    }
    PrintWriter o = spec.commandLine().getOut();
    List<LayerHealth> records = h.records();
    double made = records.stream().mapToDouble(LayerHealth::seconds).sum();
    double epochs = s.epochs().stream().mapToDouble(EpochMetrics::seconds).sum();
    o.printf(Locale.ROOT, "%s: %d health records, steps %d–%d, dead units counted on %d probe images%n", dir,
        records.size(), records.get(0).step(), records.get(records.size() - 1).step(), records.get(0).probeImages());
    o.printf(Locale.ROOT, "cost      %.2f s to make them%s%n", made, epochs > 0
        ? String.format(Locale.ROOT, " against %.1f s of %d epochs (%.2f %%)", epochs, s.epochs().size(),
            100 * made / epochs) : "");
    for (String layer : h.layers()) {
      List<HealthHistory.Point> series = h.series(layer);
      LayerStats first = series.get(0).stats();
      o.printf(Locale.ROOT, "%n%s  (%s, %d units)%n", layer, first.type(), first.units());
      o.println("  epoch    step    change  dead  weights median [p7, p93]           gradient median [p7, p93]");
      for (HealthHistory.Point p : series) {
        LayerStats st = p.stats();
        o.printf(Locale.ROOT, "  %5.2f  %6d  %8s  %4s  %-34s  %s%n", p.epochX(), p.step(),
            Double.isNaN(st.change()) ? "—" : String.format(Locale.ROOT, "%.3g", st.change()),
            st.deadCounted() ? Integer.toString(st.dead()) : "—", band(st.weights()), band(st.gradients()));
      }
    }
    o.println();
    o.println("change: ‖W − W_prev‖ / ‖W_prev‖ since the previous record; a layer whose change falls to ~0 has"
        + " stopped learning. dead: — where no ReLU follows the layer directly (or it sits in an Inception or"
        + " residual unit).");
    return 0;
  }

  private static String band(Distribution d) {
    if (d == null) return "—";
    float[] p = d.percentiles();
    return String.format(Locale.ROOT, "%+.3e [%+.3e, %+.3e]", d.median(), p[1], p[p.length - 2]);
  }
}
