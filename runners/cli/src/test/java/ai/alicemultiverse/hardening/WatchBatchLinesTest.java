package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code alice watch} prints one line per committed batch: how many files (or errors) and which, each file
 * named once, so a user sees the watch working without opening the cache.
 */
@Timeout(300)
class WatchBatchLinesTest {
  private static final Pattern BATCH = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d batch: (\\d+) (files?|errors?) (into the cache|recorded \\(SELECT \\* FROM errors\\)): (.*)$");

  @TempDir Path work;

  @Test
  void eachCommittedBatchIsOneLineNamingItsFiles() throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path log = work.resolve("watch.log");
    Process watch = AliceProcess.start(List.of("watch", inbox.toString(), "--interval", "300ms", "--cache",
        work.resolve("alice.duckdb").toString()), log);
    try {
      await(log, "watching ");
      Path samples = HardeningCorpus.samples();
      arrive(samples.resolve("renders/neon-alley.png"), inbox.resolve("a.png"));
      arrive(samples.resolve("renders/sunset-harbor.jpg"), inbox.resolve("b.jpg"));
      arrive(samples.resolve("damaged/truncated.jpg"), inbox.resolve("bad.jpg"));

      Set<String> files = new TreeSet<>();
      Set<String> errors = new TreeSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while ((files.size() < 2 || errors.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        files.clear();
        errors.clear();
        for (String line : Files.readString(log).lines().filter(l -> l.contains(" batch: ")).toList()) {
          Matcher m = BATCH.matcher(line);
          assertThat(m.matches()).as("a batch line: " + line).isTrue();
          List<String> named = new ArrayList<>(Arrays.asList(m.group(4).split(", ")));
          assertThat(named).as(line).hasSize(Integer.parseInt(m.group(1)));
          (m.group(2).startsWith("file") ? files : errors).addAll(named);
        }
      }
      assertThat(files).as(Files.readString(log))
          .containsExactly(inbox.resolve("a.png").toString(), inbox.resolve("b.jpg").toString());
      assertThat(errors).containsExactly(inbox.resolve("bad.jpg").toString());
    } finally {
      watch.destroy();
      watch.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Copied under a name the watch skips, then renamed: the watch sees the whole file at once. */
  private static void arrive(Path from, Path to) throws Exception {
    Path partial = to.resolveSibling(to.getFileName() + ".part");
    Files.copy(from, partial);
    Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void await(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' in " + Files.readString(log));
  }
}
