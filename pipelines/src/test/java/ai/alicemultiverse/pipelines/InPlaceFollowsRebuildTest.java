package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.understanding.OfflineProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest and scan leave every asset as a rebuild of the same locations would make it: they merge an
 * asset again from all its present copies, the cache's and the run's, by the one rule ({@code
 * AssetMerge}). Real files: copies of one render whose embedded metadata disagree.
 */
class InPlaceFollowsRebuildTest {
  @TempDir Path work;

  private long clock = 1_000_000_000_000L;

  /**
   * A copy of the sample render at {@code file} carrying {@code description}; each call's copy is newer
   * than the last one's (a later processed_at and file time), so it wins the merge.
   */
  private Path render(Path file, String description) throws Exception {
    Files.createDirectories(file.getParent());
    Files.copy(Samples.dir().resolve("renders/neon-alley.png"), file);
    file.toFile().setWritable(true);
    MetadataEmbedder.embed(file, m -> m.toBuilder().description(description).build());
    clock += 86_400_000L;
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(clock));
    Thread.sleep(5);
    return file;
  }

  private ScanSummary scan(Path cache, Path... roots) throws Exception {
    return ScanPipeline.run(new ScanConfig(java.util.Arrays.stream(roots).map(Path::toString).toList(), cache),
        IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET);
  }

  private static List<String> asset(Path cache) throws Exception {
    List<List<String>> rows = CacheRows.query(cache, "SELECT description, metadata_conflict, location_count FROM assets");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void ingestKeepsANewerCopyThatIsElsewhereInTheCacheAndFlagsTheDisagreement() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    Path rootA = work.resolve("a");
    Path rootB = work.resolve("b");
    render(rootB.resolve("older.png"), "older copy");
    render(rootA.resolve("newer.png"), "newer copy");
    scan(cache, rootA);
    IngestPipelineTest.ingest(rootB, cache, new OfflineProvider(), false, false);
    // ingest stamps the copy it processes, which may then win: the flag and the rebuild's row are the rule
    assertThat(asset(cache).subList(1, 3)).containsExactly("true", "2");
    assertSameAsRebuild(cache, rootA, rootB);
  }

  @Test
  void scanTakesTheNewerCopyItFindsAndFlagsTheDisagreement() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    Path rootA = work.resolve("a");
    render(rootA.resolve("older.png"), "older copy");
    scan(cache, rootA);
    Path rootB = work.resolve("b");
    render(rootB.resolve("newer.png"), "newer copy");
    scan(cache, rootB);
    assertThat(asset(cache)).containsExactly("newer copy", "true", "2");
    assertSameAsRebuild(cache, rootA, rootB);
  }

  @Test
  void aCopyLeavingLeavesTheAssetAsTheRemainingCopiesMakeIt() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    Path rootA = work.resolve("a");
    Path rootB = work.resolve("b");
    render(rootB.resolve("older.png"), "older copy");
    Path newer = render(rootA.resolve("newer.png"), "newer copy");
    scan(cache, rootA, rootB);
    assertThat(asset(cache)).containsExactly("newer copy", "true", "2");
    Files.delete(newer);
    scan(cache, rootA);
    assertThat(asset(cache)).containsExactly("older copy", "false", "1");
    assertSameAsRebuild(cache, rootA, rootB);
  }

  /**
   * A tree of copies that disagree, changed by scans and an ingest in place: every column of assets,
   * present locations and tags equals a fresh rebuild's of the same roots (run times and
   * last_verified aside), the files ingest has just stamped included (their hash source and standard
   * values are read from the written file, as a rebuild reads them).
   */
  @Test
  void ingestAndScanInPlaceMakeWhatARebuildMakes() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    Path rootA = work.resolve("a");
    Path rootB = work.resolve("b");
    render(rootB.resolve("old.png"), "old copy");
    render(rootA.resolve("y/middle.png"), "middle copy");
    Path gone = render(rootA.resolve("x/newest.png"), "newest copy");
    Files.copy(IngestPipelineTest.vector("plain.jpg"), rootA.resolve("plain.jpg"));
    scan(cache, rootA);
    Files.copy(IngestPipelineTest.vector("a1111.png"), rootB.resolve("a1111.png"));
    rootB.resolve("a1111.png").toFile().setWritable(true);
    IngestPipelineTest.ingest(rootB, cache, new OfflineProvider(), false, false);
    Files.delete(gone);
    scan(cache, rootA);
    assertThat(CacheRows.single(cache, "SELECT metadata_conflict FROM assets WHERE location_count = 2"))
        .isEqualTo("true");
    assertSameAsRebuild(cache, rootA, rootB);
  }

  private void assertSameAsRebuild(Path cache, Path... roots) throws Exception {
    Path rebuilt = work.resolve("rebuilt/alice.duckdb");
    Files.createDirectories(rebuilt.getParent());
    Files.deleteIfExists(rebuilt);
    RebuildPipeline.run(new RebuildConfig(java.util.Arrays.stream(roots).map(Path::toString).toList(), rebuilt,
        RebuildConfig.defaultParquetDir(rebuilt), false), IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET);
    for (String query : new String[] {
        "SELECT * EXCLUDE (locations), list_transform(locations, l -> l.path || ' ' || l.storage_type"
            + " || ' ' || coalesce(l.metadata_version::VARCHAR, '-') || ' ' || l.size_bytes || ' ' || l.last_modified"
            + " || ' ' || l.hash_source || ' ' || l.has_metadata) FROM assets WHERE location_count > 0"
            + " ORDER BY content_hash",
        "SELECT * EXCLUDE (last_verified) FROM locations WHERE state = 'present' ORDER BY path",
        "SELECT * FROM tags WHERE content_hash IN (SELECT content_hash FROM assets WHERE location_count > 0)"
            + " ORDER BY ALL"}) {
      assertThat(CacheRows.query(cache, query)).as(query).isEqualTo(CacheRows.query(rebuilt, query));
    }
  }
}
