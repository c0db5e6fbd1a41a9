package studio.convnet.engine.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.convnet.engine.train.EngineSupport;
import studio.convnet.engine.train.MallocRestart;

/** {@code java -jar engine/target/convnet.jar <command>}: the headless face of ConvNet Studio. */
@Command(
    name = "convnet",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand
    version = "ConvNet Studio 0.1.0",
    description = "Modern CNNs from d2l, for real: layer tables, training and benchmarks.",
    subcommands = {SummaryCommand.class, InfoCommand.class, TrainCommand.class, BenchCommand.class,
        RunsCommand.class})
public final class ConvNetCli implements Runnable {

  /** Exit code for bad flags, unknown models, impossible shapes and unreadable data. */
  public static final int USAGE = 2;

  /** The commands that train, for which the malloc restart pays (it costs ~0.4 s at start). */
  private static final java.util.Set<String> TRAINS = java.util.Set.of("train", "bench");

  /** Whether the output goes to a terminal: progress then rewrites one line, else prints plain lines. */
  final boolean terminal;

  ConvNetCli(boolean terminal) {
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    if (args.length > 0 && TRAINS.contains(args[0])) {
      MallocRestart.restartIfUseful(); // first: replaces this JVM with itself under malloc tunables
    }
    EngineSupport.offline();
    // Java 17: a console only when both stdin and stdout are terminals; piped or redirected, no "\r"
    boolean terminal = System.console() != null;
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), terminal));
  }

  /** Runs the CLI with the given streams, as into files (for tests); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, false);
  }

  static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
    CommandLine cl = new CommandLine(new ConvNetCli(terminal));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          if (ex instanceof CliException || ex instanceof IllegalArgumentException
              || ex instanceof java.io.IOException) {
            line.getErr().println("error: " + ex.getMessage());
            return USAGE;
          }
          line.getErr().println("error: " + ex);
          return 1;
        });
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** A user error: printed as one line, exit code 2. */
  public static final class CliException extends RuntimeException {
    public CliException(String message) {
      super(message);
    }
  }
}
