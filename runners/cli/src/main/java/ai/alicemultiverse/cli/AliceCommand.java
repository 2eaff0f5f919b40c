package ai.alicemultiverse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alice} command line: a thin layer over the pipelines and the cache. */
@Command(
    name = "alice",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Keeps every fact about a media file inside the file, and rebuilds a fast DuckDB search "
          + "cache from the files alone.",
      ""
    },
    subcommands = {
      RebuildCommand.class,
      InitCommand.class,
      IngestCommand.class,
      ScanCommand.class,
      HashCommand.class,
      ShowCommand.class,
      TagCommand.class,
      SearchCommand.class,
      LocationsCommand.class,
      DupesCommand.class,
      CoverageCommand.class,
      StatsCommand.class,
      VerifyCommand.class,
      SqlCommand.class,
      ExportCommand.class,
      WatchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Run 'alice COMMAND --help' for the options of one command.",
      "Example:",
      "  alice rebuild ~/Pictures/ai s3://my-bucket/renders --cache ~/alice.duckdb"
    })
public final class AliceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AliceCommand());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setUsageHelpAutoWidth(true); // use the terminal's width when there is one
    cli.setUsageHelpLongOptionsMaxWidth(28);
    return cli;
  }

  public static void main(String[] args) {
    RedactedOutput.install(java.util.List.of(args));
    try {
      System.exit(commandLine().execute(args));
    } catch (OutOfMemoryError e) {
      System.err.println(OUT_OF_MEMORY);
      System.exit(CommandLine.ExitCode.SOFTWARE);
    }
  }

  /** The DirectRunner holds a rebuild's shuffle in memory; the files and the cache are untouched. */
  static final String OUT_OF_MEMORY = "alice: out of memory (a " + Runtime.getRuntime().maxMemory() / (1 << 20)
      + " MB heap); the cache and the files are unchanged. Give alice more with ALICE_JAVA_OPTS=-Xmx<size>"
      + " (the DirectRunner needs about 4 GB for 1,000,000 files), or run the job on a Flink cluster"
      + " (--runner=FlinkRunner).";
}
