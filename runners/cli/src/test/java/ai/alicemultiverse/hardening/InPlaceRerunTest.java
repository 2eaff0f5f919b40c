package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental rebuild changes the cache in place by what changed, instead of writing a new cache: one that
 * finds nothing changed leaves every row as it was (a mark the test puts into an asset's row survives it, and
 * the cache is the same file), one that finds some files changed, added, gone or broken makes of the cache what
 * a full rebuild of the same files makes in a fresh folder ({@link CacheEquality}).
 */
class InPlaceRerunTest {
  @TempDir Path work;

  private Path root;
  private Path cache;

  @BeforeEach
  void firstRebuild() throws Exception {
    root = work.resolve("library");
    cache = work.resolve("cache/alice.duckdb");
    for (String sample : List.of("renders/neon-alley.png", "renders/sunset-harbor.jpg", "inbox/pattern.png",
        "inbox/ambient-tone.wav", "backup/alley-copy.png")) {
      Path copy = root.resolve(sample);
      Files.createDirectories(copy.getParent());
      Files.copy(HardeningCorpus.samples().resolve(sample), copy);
      copy.toFile().setWritable(true);
    }
    alice("rebuild", root.toString(), "--cache", cache.toString(), "--full");
  }

  /**
   * Regression: a re-run that found nothing changed still wrote the whole cache again (Parquet hand-off, a new
   * DuckDB file swapped in, the search tables): as long as a full run, whatever the archive's size.
   */
  @Test
  void anUnchangedReRunLeavesEveryRowAsItWas() throws Exception {
    Object inode = Files.getAttribute(cache, "unix:ino");
    // a mark no rebuild would write: a rebuild that rewrites the asset's row from the files loses it
    execute("UPDATE assets SET description = 'left alone' WHERE content_hash = (SELECT content_hash FROM locations"
        + " WHERE path = '" + root.resolve("inbox/pattern.png") + "')");

    alice("rebuild", root.toString(), "--cache", cache.toString());

    assertThat(CacheEquality.rows(cache, "SELECT kind, files_read, files_reused FROM runs ORDER BY started_at DESC"
        + " LIMIT 1")).containsExactly("kind=incremental | files_read=0 | files_reused=5");
    assertThat(CacheEquality.rows(cache, "SELECT count(*) FROM assets WHERE description = 'left alone'"))
        .containsExactly("count_star()=1");
    assertThat(Files.getAttribute(cache, "unix:ino")).as("the same cache file").isEqualTo(inode);
  }

  /** What a re-run finds changed it applies in place, and the cache is then what a full rebuild makes. */
  @Test
  void aReRunAppliesWhatChangedAsAFullRebuildWould() throws Exception {
    Object inode = Files.getAttribute(cache, "unix:ino");
    // the copy of neon-alley gets newer metadata than the original: the asset takes it, and the copies disagree
    Path copy = root.resolve("backup/alley-copy.png");
    MetadataEmbedder.embed(copy, m -> m.toBuilder().description("the copy, described later").build());
    Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 86_400_000L));
    Files.delete(root.resolve("inbox/ambient-tone.wav"));
    Files.copy(HardeningCorpus.samples().resolve("renders/watercolor-fox.tif"), root.resolve("inbox/fox.tif"));
    // read fine before, broken now: its location goes, an error row comes
    Files.write(root.resolve("renders/sunset-harbor.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    alice("rebuild", root.toString(), "--cache", cache.toString());

    assertThat(CacheEquality.rows(cache, "SELECT kind, files_read, files_reused FROM runs ORDER BY started_at DESC"
        + " LIMIT 1")).containsExactly("kind=incremental | files_read=3 | files_reused=2");
    assertThat(Files.getAttribute(cache, "unix:ino")).as("changed in place").isEqualTo(inode);
    Path fresh = work.resolve("fresh/alice.duckdb");
    alice("rebuild", root.toString(), "--cache", fresh.toString(), "--full");
    assertThat(CacheEquality.differences(cache, fresh)).isEmpty();
    assertThat(CacheEquality.rows(cache, "SELECT description, metadata_conflict FROM assets WHERE location_count = 2"))
        .containsExactly("description=the copy, described later | metadata_conflict=true");
  }

  private void execute(String statement) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache); Statement sql = db.createStatement()) {
      sql.execute(statement);
    }
  }

  private static void alice(String... args) {
    int exit = AliceCommand.commandLine().execute(args);
    assertThat(exit).as("alice " + String.join(" ", args)).isZero();
  }
}
