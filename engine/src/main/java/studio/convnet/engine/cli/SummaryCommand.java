package studio.convnet.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.convnet.engine.arch.CodeExport;
import studio.convnet.engine.arch.NetworkFile;
import studio.convnet.engine.arch.NetworkSpec;
import studio.convnet.engine.arch.ShapeInference;
import studio.convnet.engine.arch.ShapeInference.Summary;
import studio.convnet.engine.arch.Summaries;
import studio.convnet.engine.arch.Zoo;
import studio.convnet.engine.cli.ConvNetCli.CliException;

/**
 * {@code convnet summary alexnet --input 224 [--json]}, {@code convnet summary --network FILE},
 * {@code convnet summary lenet --save-network FILE}, {@code --code pytorch|djl} and {@code --list}.
 */
@Command(name = "summary", description = "Print a model's layers with output shapes, parameters,"
    + " multiply-adds and activation memory (no engine needed).")
final class SummaryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "a zoo id (summary --list shows them)")
  String model;

  @Option(names = "--input", paramLabel = "SIZE", description = "input side length in pixels (default: the book's)")
  Integer input;

  @Option(names = "--network", paramLabel = "FILE",
      description = "summarise a network file (a variant saved by the app or written by hand) instead of a zoo model")
  java.nio.file.Path network;

  @Option(names = "--save-network", paramLabel = "FILE",
      description = "also write the network as a network file, a starting point for a variant")
  java.nio.file.Path saveNetwork;

  @Option(names = "--code", paramLabel = "LANG",
      description = "print the network as code instead of a table: pytorch (the book's nn.Sequential) or djl (Java)")
  String code;

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
    if (model == null && network == null) {
      throw new CliException("name a model (summary --list shows them) or give --network FILE");
    }
    if (model != null && network != null) {
      throw new CliException("give a zoo model or --network FILE, not both");
    }
    if (depth != null && depth < 1) {
      throw new CliException("--depth must be ≥ 1, got " + depth);
    }
    NetworkSpec net = network != null ? NetworkFile.load(network) : Zoo.get(model);
    if (saveNetwork != null) {
      try {
        NetworkFile.save(net, saveNetwork);
      } catch (java.io.IOException e) {
        throw new CliException(saveNetwork + ": cannot be written: " + e.getMessage());
      }
      spec.commandLine().getErr().println("wrote " + saveNetwork);
    }
    if (code != null) {
      switch (code.toLowerCase(java.util.Locale.ROOT)) {
        case "pytorch" -> out.print(CodeExport.pytorch(net));
        case "djl" -> out.print(CodeExport.djl(net));
        default -> throw new CliException("--code must be pytorch or djl, got '" + code + "'");
      }
      return 0;
    }
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
