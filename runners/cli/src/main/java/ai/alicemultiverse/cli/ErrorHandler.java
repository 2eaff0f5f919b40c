package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.storage.Secrets;
import picocli.CommandLine;

/**
 * Turns failures into one clear line naming what failed and why (no stack trace unless
 * ALICE_DEBUG is set). Exit code 2 for usage problems is picocli's; failures exit 1.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) { // a worker thread's, reported through the pipeline
        cli.getErr().println(cli.getColorScheme().errorText(AliceCommand.OUT_OF_MEMORY));
        return CommandLine.ExitCode.SOFTWARE;
      }
    }
    cli.getErr().println(cli.getColorScheme().errorText("alice " + cli.getCommandName() + ": "
        + Secrets.redact(describe(e))));
    if (System.getenv("ALICE_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
  }

  static String describe(Throwable e) {
    Throwable root = Reasons.telling(e);
    if (root instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
      return Reasons.printable(fse.getFile()) + ": " + Reasons.of(fse);
    }
    return Reasons.of(root);
  }
}
