package ai.alicemultiverse.bench;

import ai.alicemultiverse.cli.ErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benches and the sample maker, apart from the product: the launcher runs {@code alice bench...}
 * and {@code alice make-samples} from this module's jar, which the product jar does not ship.
 */
@Command(
    name = "alice",
    mixinStandardHelpOptions = true,
    description = {"Benchmarks of alice against its baselines, and the sample media maker.", ""},
    subcommands = {
      BenchCommand.class,
      BenchHashCommand.class,
      BenchErrorsCommand.class,
      BenchExtractCommand.class,
      BenchSearchCommand.class,
      MakeSamplesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AliceBench implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AliceBench());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
