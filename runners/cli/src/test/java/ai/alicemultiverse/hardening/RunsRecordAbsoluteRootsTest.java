package ai.alicemultiverse.hardening;

import static ai.alicemultiverse.hardening.AliceInFolder.png;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.hardening.AliceInFolder.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache says what made it: the runs table records every root absolute, however it was typed, so the
 * record still names the locations once the working folder it was typed in is forgotten. (Defect: roots
 * were stored as typed, {@code media/a}.)
 */
class RunsRecordAbsoluteRootsTest {
  @TempDir Path work;

  @Test
  @Timeout(200)
  void relativeRootsAndGlobsAreRecordedAbsolute() throws Exception {
    png(work.resolve("media/a/one.png"), 1);
    png(work.resolve("media/b/two.png"), 2);
    AliceInFolder alice = new AliceInFolder(Files.createDirectories(work.resolve("xdg")));

    Run rebuild = alice.run(work, "rebuild", "media/a", "./media/b/../b/*.png", "--cache", "c.duckdb");
    assertThat(rebuild.exit()).as(rebuild.output()).isZero();
    assertThat(HostileInputTest.column(work.resolve("c.duckdb"), "SELECT roots::VARCHAR FROM runs"))
        .containsExactly("[" + work.resolve("media/a") + ", " + work.resolve("media/b/*.png") + "]");

    Run scan = alice.run(work.resolve("media"), "scan", "b", "--cache", "../c.duckdb");
    assertThat(scan.exit()).as(scan.output()).isZero();
    assertThat(HostileInputTest.column(work.resolve("c.duckdb"),
        "SELECT roots::VARCHAR FROM runs WHERE run_id LIKE 'scan-%'"))
        .containsExactly("[" + work.resolve("media/b") + "]");
  }
}
