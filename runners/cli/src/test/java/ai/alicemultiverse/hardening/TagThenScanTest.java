package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's sequence, each command a real {@code alice} child process: rebuild, {@code alice tag} a file,
 * {@code alice scan} its folder, {@code alice verify}, then search by the new tag and description.
 * Regression: the scan recorded the location but not the tags, description or new size, verify said
 * "no drift" and the search found nothing.
 */
@Timeout(300)
class TagThenScanTest {
  @TempDir Path work;

  @Test
  void aTagWrittenThenScannedIsFoundBySearch() throws Exception {
    Path pics = Files.createDirectories(work.resolve("pics"));
    Path file = pics.resolve("a.png");
    Files.copy(HardeningCorpus.samples().resolve("renders/neon-alley.png"), file);
    file.toFile().setWritable(true);
    String cache = work.resolve("alice.duckdb").toString();
    assertThat(alice("rebuild", pics.toString(), "--cache", cache).exit).isZero();

    assertThat(alice("tag", file.toString(), "--add", "subject:cat", "--description", "A cat").exit).isZero();
    assertThat(alice("scan", pics.toString(), "--cache", cache).exit).isZero();
    Result verify = alice("verify", pics.toString(), "--cache", cache);
    assertThat(verify.exit).as(verify.output).isZero();

    Result byTag = alice("search", "--tag", "subject:cat", "--cache", cache);
    assertThat(byTag.output).as("search --tag subject:cat after the scan").contains(file.toString());
    Result byText = alice("search", "--text", "cat", "--cache", cache);
    assertThat(byText.output).as("search --text cat after the scan").contains(file.toString());
    assertThat(HostileInputTest.column(Path.of(cache), "SELECT size_bytes FROM assets"))
        .containsExactly(String.valueOf(Files.size(file)));
  }

  private record Result(int exit, String output) {}

  private Result alice(String... args) throws Exception {
    Path log = Files.createTempFile(work, args[0], ".log");
    Process child = AliceProcess.start(List.of(args), log);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("alice " + String.join(" ", args) + " finished").isTrue();
    return new Result(child.exitValue(), Files.readString(log));
  }
}
