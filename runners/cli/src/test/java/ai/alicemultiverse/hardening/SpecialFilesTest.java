package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO named like media ({@code x.jpg}): opening it blocks until a writer appears, so show, hash and tag
 * hung forever, and so did a rebuild given it as a PATH. Each is now refused by name before it is opened.
 * Real {@code alice} child JVMs, killed if they do not end.
 */
class SpecialFilesTest {
  @TempDir Path work;

  @Test
  @Timeout(180)
  void aFifoNamedLikeMediaIsRefusedByNameByShowHashAndTag() throws Exception {
    Path fifo = mkfifo(work.resolve("x.jpg"));
    List<Run> runs = new ArrayList<>();
    for (List<String> args : List.of(List.of("show", fifo.toString()), List.of("hash", fifo.toString()),
        List.of("tag", fifo.toString(), "--add", "style:test"))) {
      runs.add(Run.start(args, work.resolve(args.get(0) + ".log")));
    }
    for (Run run : runs) {
      String output = run.finish();
      assertThat(output).as(run.args().toString()).contains(fifo.toString(), "not a regular file (a FIFO)");
      assertThat(run.exitCode()).as(output).isEqualTo(1);
    }
  }

  @Test
  @Timeout(180)
  void aRebuildNeverOpensAFifoUnderItsRootsAndRefusesOneGivenAsAPath() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Path good = root.resolve("good.jpg");
    Files.copy(HardeningCorpus.vectors().resolve("plain.jpg"), good);
    mkfifo(root.resolve("in-folder.jpg"));
    Path globbed = Files.createDirectories(work.resolve("globbed"));
    mkfifo(globbed.resolve("in-glob.jpg"));
    Path given = mkfifo(work.resolve("given.jpg"));
    Path cache = work.resolve("cache/alice.duckdb");

    Run listed = Run.start(List.of("rebuild", root.toString(), globbed + "/*.jpg", "--cache", cache.toString()),
        work.resolve("rebuild.log"));
    Run named = Run.start(List.of("rebuild", given.toString(), "--cache", work.resolve("other.duckdb").toString()),
        work.resolve("named.log"));

    String output = listed.finish();
    assertThat(listed.exitCode()).as(output).isZero();
    assertThat(HostileInputTest.column(cache, "SELECT path FROM locations")).containsExactly(good.toString());
    assertThat(HostileInputTest.column(cache, "SELECT path FROM errors")).isEmpty(); // listings skip them
    String refused = named.finish();
    assertThat(refused).contains(given + ": not a regular file or folder (a FIFO)");
    assertThat(named.exitCode()).isNotZero();
  }

  static Path mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return path;
  }

  /** One alice child process, killed if it has not ended within a minute. */
  record Run(List<String> args, Process process, Path log) {
    static Run start(List<String> args, Path log) throws IOException {
      return new Run(args, AliceProcess.start(args, log), log);
    }

    String finish() throws Exception {
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log);
      assertThat(ended).as("alice " + args + " ended (a FIFO open blocks forever); output: " + output).isTrue();
      return output;
    }

    int exitCode() {
      return process.exitValue();
    }
  }
}
