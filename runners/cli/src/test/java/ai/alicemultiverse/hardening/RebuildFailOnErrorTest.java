package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alice rebuild --fail-on-error} exits 3 when a file could not be read (the samples' truncated JPEG), so a
 * script or CI notices; without it the same run exits 0, as the README's first command expects, and with it a run
 * that read every file exits 0 too.
 */
@Timeout(300)
class RebuildFailOnErrorTest {
  @TempDir Path work;

  @Test
  void anUnreadableFileGivesCodeThreeOnlyWhenAskedFor() throws Exception {
    String samples = HardeningCorpus.samples().toAbsolutePath().toString();

    AliceRun plain = AliceRun.of(work, "rebuild", samples, "--cache", work.resolve("a.duckdb").toString());
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(plain.out()).contains(" 1 errors ").contains("truncated.jpg");

    AliceRun strict = AliceRun.of(work, "rebuild", samples, "--cache", work.resolve("b.duckdb").toString(),
        "--fail-on-error");
    assertThat(strict.code()).as(strict.err()).isEqualTo(3);
    assertThat(strict.out()).as("the cache is still rebuilt and the errors listed")
        .contains(" 1 errors ").contains("truncated.jpg");

    AliceRun clean = AliceRun.of(work, "rebuild", samples + "/renders", "--cache",
        work.resolve("c.duckdb").toString(), "--fail-on-error");
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out()).contains(" 0 errors ");
  }
}
