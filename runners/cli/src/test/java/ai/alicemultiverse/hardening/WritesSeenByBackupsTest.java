package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metadata write must be visible to backups and watchers: {@code rsync -a} and most sync tools skip a file whose
 * size and mtime are unchanged, and XMP padding often keeps the size. So {@code tag} and {@code ingest} give a
 * written file a new mtime; {@code -P} / {@code --preserve-mtime} keeps the old one, as ExifTool's {@code -P}.
 */
class WritesSeenByBackupsTest {
  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  @TempDir Path work;

  @Test
  void tagMovesTheMtimeForwardUnlessAskedToKeepIt() throws Exception {
    Path moved = oldCopy("tagged.jpg", work.resolve("moved.jpg"));
    Path kept = oldCopy("tagged.jpg", work.resolve("kept.jpg"));
    byte[] keptBefore = Files.readAllBytes(kept);
    Instant started = Instant.now().minusSeconds(2);

    assertThat(run("tag", List.of("tag", moved.toString(), "--add", "style:seen"))).isZero();
    assertThat(run("tag-p", List.of("tag", "-P", kept.toString(), "--add", "style:seen"))).isZero();

    assertThat(Files.getLastModifiedTime(moved).toInstant()).isAfter(started);
    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(OLD);
    assertThat(Files.readAllBytes(kept)).as("-P still writes").isNotEqualTo(keptBefore);
    assertThat(run("help", List.of("tag", "--help"))).isZero();
    assertThat(log("help")).contains("--preserve-mtime").contains("rsync -a");
  }

  @Test
  void ingestMovesTheMtimeForwardUnlessAskedToKeepIt() throws Exception {
    Path moved = oldCopy("plain.png", work.resolve("a/moved.png"));
    Path kept = oldCopy("plain.png", work.resolve("b/kept.png"));
    byte[] keptBefore = Files.readAllBytes(kept);
    Instant started = Instant.now().minusSeconds(2);

    assertThat(run("ingest", List.of("ingest", moved.getParent().toString(),
        "--cache", work.resolve("a.duckdb").toString(), "--understand", "offline"))).isZero();
    assertThat(run("ingest-p", List.of("ingest", "--preserve-mtime", kept.getParent().toString(),
        "--cache", work.resolve("b.duckdb").toString(), "--understand", "offline"))).isZero();

    assertThat(Files.getLastModifiedTime(moved).toInstant()).isAfter(started);
    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(OLD);
    assertThat(Files.readAllBytes(kept)).as("-P still writes").isNotEqualTo(keptBefore);
  }

  private static Path oldCopy(String vector, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(HardeningCorpus.vectors().resolve(vector), to);
    Files.setLastModifiedTime(to, OLD);
    return to;
  }

  private int run(String name, List<String> args) throws Exception {
    Process child = AliceProcess.start(args, work.resolve(name + ".log"));
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return child.exitValue();
  }

  private String log(String name) throws IOException {
    return Files.readString(work.resolve(name + ".log"));
  }
}
