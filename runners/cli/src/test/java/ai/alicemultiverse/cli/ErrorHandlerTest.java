package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a failed command prints: one line that names the file and the reason, or what to do. */
class ErrorHandlerTest {
  private final StringWriter err = new StringWriter();

  private int handle(Exception e) {
    CommandLine cli = AliceCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return new ErrorHandler().handleExecutionException(e, cli.getSubcommands().get("rebuild"), null);
  }

  @Test
  void aWorkerOutOfMemorySaysHowToGiveMore() {
    int exit = handle(new Pipeline.PipelineExecutionException(new OutOfMemoryError("Java heap space")));

    assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(err.toString()).startsWith("alice: out of memory (a ").contains("ALICE_JAVA_OPTS=-Xmx",
        "--runner=FlinkRunner", "the cache and the files are unchanged");
  }

  @Test
  void aMissingFileIsNamedWithTheReason() {
    int exit = handle(new RuntimeException(new NoSuchFileException("/archive/gone.jpg")));

    assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(err.toString().strip()).startsWith("alice rebuild: /archive/gone.jpg: ");
  }

  /** A checked wrapper made with {@code new IOException(cause)} says only its cause's class: the cause is told. */
  @Test
  void aCheckedWrapperIsLookedThrough() {
    handle(new java.io.IOException(new NoSuchFileException("/archive/gone.jpg")));

    assertThat(err.toString().strip()).isEqualTo("alice rebuild: /archive/gone.jpg: no such file (moved or deleted?)");
  }

  /** The Flink runner's failure says only that the job failed; the innermost cause says why. */
  @Test
  void aFailedJobSaysWhyItFailed() {
    Exception lost = new Exception("TaskManager with id taskmanager-2 is no longer reachable.");
    int exit = handle(new RuntimeException("Pipeline execution failed",
        new Exception("Job execution failed.", new Exception("Recovery is suppressed by NoRestartBackoffTimeStrategy", lost))));

    assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(err.toString().strip())
        .isEqualTo("alice rebuild: the job failed: TaskManager with id taskmanager-2 is no longer reachable.");
  }
}
