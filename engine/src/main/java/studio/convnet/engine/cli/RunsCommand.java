package studio.convnet.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.cli.ConvNetCli.CliException;
import studio.convnet.engine.events.RunConfig;
import studio.convnet.engine.events.RunEvent;
import studio.convnet.engine.events.RunEvent.EpochMetrics;
import studio.convnet.engine.events.RunEvent.RunFailed;
import studio.convnet.engine.events.RunEvent.RunFinished;
import studio.convnet.engine.events.RunEvent.RunStarted;
import studio.convnet.engine.events.RunState;
import studio.convnet.engine.runs.RunFolder;
import studio.convnet.engine.runs.RunReader;

/** {@code convnet runs show RUN_DIR}: a run folder read through the same fold the app draws from. */
@Command(name = "runs", description = "Read recorded run folders.",
    subcommands = {RunsCommand.Show.class, RunsInsight.Filters.class, RunsInsight.Patches.class,
        RunsLooks.class, RunsHealth.class})
final class RunsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "show", description = {"A run's settings, one line per epoch, the result, and any problems"
      + " found in its files (finished runs, stopped ones, or one still being written)."})
  static final class Show implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "a run folder (runs/<date>-<model>, or assets/runs/...)")
    Path dir;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new CliException(dir + ": no such run folder");
      }
      RunReader.Recording rec = RunReader.read(dir);
      RunState s = RunState.of(rec.events());
      rec.problems().forEach(s::problem);
      List<String> fileProblems = new ArrayList<>();
      RunConfig recorded = null;
      try {
        recorded = RunFolder.readConfig(dir).config();
      } catch (IOException e) {
        fileProblems.add(e.getMessage());
      }
      PrintWriter o = spec.commandLine().getOut();
      RunStarted st = s.started().orElse(null);
      if (st == null) {
        o.println("run       " + dir + ": no RunStarted event (" + rec.events().size() + " events)");
      } else {
        if (recorded != null && !recorded.equals(st.config())) {
          fileProblems.add(RunFolder.CONFIG + " differs from the RunStarted event: " + recorded + " vs " + st.config());
        }
        header(o, st);
      }
      epochs(o, s);
      o.println("result    " + result(s));
      List<String> problems = new ArrayList<>(s.problems());
      problems.addAll(fileProblems);
      if (problems.isEmpty()) {
        o.println("problems  none");
      } else {
        o.println("problems  " + problems.size() + ":");
        problems.forEach(p -> o.println("  - " + p));
      }
      return 0;
    }

    private void header(PrintWriter o, RunStarted st) {
      RunConfig c = st.config();
      o.printf(Locale.ROOT, "run       %s (%s)%n", st.runId(), dir);
      o.printf(Locale.ROOT, "model     %s (%s) at %d px: %,d parameters, %.2f M multiply-adds per image%n",
          st.modelTitle(), st.model(), st.inputSize(), st.params(), st.macs() / 1e6);
      o.printf(Locale.ROOT, "device    %s%n", st.device());
      o.printf(Locale.ROOT, "data      %s: %,d training and %,d test images, %d batches per epoch%n",
          c.embeddedData() ? "FashionMNIST (embedded)" : c.dataset(), st.trainSize(), st.testSize(),
          st.batchesPerEpoch());
      o.printf(Locale.ROOT, "settings  %s lr %s%s, batch %d, %d epochs, weight decay %s, init %s, seed %d%n",
          c.optimizer(), c.learningRate(), c.optimizer().equals("SGD_MOMENTUM") ? " momentum " + c.momentum() : "",
          c.batchSize(), c.epochs(), c.weightDecay(), c.init(), c.seed());
      o.printf(Locale.ROOT, "augment   %s%n", c.augment().isEmpty() ? "none" : String.join(" ", c.augment()));
      o.printf(Locale.ROOT, "format    config format %d%s%n", c.format(),
          st.startEpoch() > 0 ? "; resumed after epoch " + st.startEpoch() : "");
    }

    private static void epochs(PrintWriter o, RunState s) {
      if (s.epochs().isEmpty()) {
        o.println("epochs    none finished");
        return;
      }
      o.println("epoch  train loss  train acc  test acc  seconds");
      for (EpochMetrics m : s.epochs()) {
        o.printf(Locale.ROOT, "%5d  %10.4f  %9.4f  %8.4f  %7.1f%n", m.epoch(), m.trainLoss(), m.trainAccuracy(),
            m.testAccuracy(), m.seconds());
      }
    }

    static String result(RunState s) {
      RunEvent end = s.terminal().orElse(null);
      if (end instanceof RunFinished f) {
        return String.format(Locale.ROOT, "%s after %d of %d epochs in %.1f s; test accuracy %.4f",
            f.completed() ? "finished" : "stopped (resumable)", f.epochsDone(), s.totalEpochs(), f.elapsed(),
            f.testAccuracy());
      }
      if (end instanceof RunFailed f) {
        return String.format(Locale.ROOT, "failed at epoch %d, batch %d after %.1f s: %s", f.epoch(), f.batch(),
            f.elapsed(), f.message());
      }
      return String.format(Locale.ROOT, "no end recorded: still being written, or the process died (%d of %d"
          + " epochs, %.0f%% of the batches, last event at %.1f s)", s.epochs().size(), s.totalEpochs(),
          100 * s.progress(), s.lastElapsed());
    }
  }
}
