package studio.convnet.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.cli.ConvNetCli.CliException;

/** {@code convnet summary alexnet --input 224 [--json]} and {@code convnet summary --list}. */
@Command(name = "summary", description = "Print a model's layers with output shapes, parameters,"
    + " multiply-adds and activation memory (no engine needed).")
final class SummaryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "a zoo id (summary --list shows them)")
  String model;

  @Option(names = "--input", paramLabel = "SIZE", description = "input side length in pixels (default: the book's)")
  Integer input;

  @Option(names = "--json", description = "print one JSON document instead of a table")
  boolean json;

  @Option(names = "--list", description = "list the models in the zoo")
  boolean list;

  @Option(names = "--depth", paramLabel = "N",
      description = "fold blocks nested deeper than N levels into one line (default: show all)")
  Integer depth;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (list) {
      for (NetworkSpec s : Zoo.all()) {
        Summary sum = ShapeInference.infer(s, s.defaultInputSize());
        out.printf("%-13s %-22s input %3d  %,12d params  %,15d multiply-adds%n", s.id(), s.title(),
            s.defaultInputSize(), sum.totalParams(), sum.totalMacs());
      }
      return 0;
    }
    if (model == null) {
      throw new CliException("name a model (summary --list shows them)");
    }
    if (depth != null && depth < 1) {
      throw new CliException("--depth must be ≥ 1, got " + depth);
    }
    NetworkSpec net = Zoo.get(model);
    int size = input == null ? net.defaultInputSize() : input;
    Summary s = ShapeInference.infer(net, size);
    if (s.error().isPresent()) {
      var e = s.error().get();
      throw new CliException(net.id() + " at " + size + "×" + size + ": layer " + e.layer() + ": " + e.message());
    }
    out.print(json ? Summaries.jsonText(s) + "\n" : Summaries.table(s, depth == null ? Integer.MAX_VALUE : depth));
    return 0;
  }
}
