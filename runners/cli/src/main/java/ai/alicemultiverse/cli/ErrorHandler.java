package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.storage.Secrets;
import java.util.Set;
import picocli.CommandLine;

/**
 * Turns failures into one clear line naming what failed and why (no stack trace unless
 * ALICE_DEBUG is set). Exit code 2 for usage problems is picocli's; failures exit 1.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  /**
   * What the Flink runner and Flink say when a job failed, whatever the reason: the reason is the
   * innermost cause (e.g. a TaskManager that is no longer reachable), which would otherwise show only in
   * the stack trace Beam logs.
   */
  private static final Set<String> JOB_FAILED = Set.of("Pipeline execution failed", "Job execution failed.");

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
    if (JOB_FAILED.contains(root.getMessage()) && root.getCause() != null) {
      Throwable innermost = root;
      while (innermost.getCause() != null && innermost.getCause() != innermost) {
        innermost = innermost.getCause();
      }
      return "the job failed: " + describe(innermost);
    }
    if (root instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
      return Reasons.printable(fse.getFile()) + ": " + Reasons.of(fse);
    }
    return Reasons.of(root);
  }
}
