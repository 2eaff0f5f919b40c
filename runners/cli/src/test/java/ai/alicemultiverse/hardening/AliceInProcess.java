package ai.alicemultiverse.hardening;

import ai.alicemultiverse.cli.AliceCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line run in this process (on the DirectRunner, as a user's {@code alice} runs it), its
 * output kept for the test: no JVM start per command, so a sequence of many commands stays fast.
 */
final class AliceInProcess {
  private AliceInProcess() {}

  record Ran(int exit, String output) {}

  /** Runs {@code alice ARGS}; what it printed to stdout and stderr is in {@link Ran#output}. */
  static synchronized Ran run(String... args) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream captured = new PrintStream(output, true, StandardCharsets.UTF_8);
    System.setOut(captured);
    System.setErr(captured);
    try {
      int exit = AliceCommand.commandLine().execute(args);
      return new Ran(exit, output.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
