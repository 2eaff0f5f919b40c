package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.model.StorageLabels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds and scans are incremental by default: a location whose path and change signature are unchanged
 * keeps its row without its file being opened, and the cache equals what {@code --full} makes of the same
 * files. A file edited in place with its mtime kept (a temp+rename write, or a same-size copy over it with
 * {@code touch -r}) or truncated is read again.
 */
class IncrementalRunsTest {
  @TempDir Path work;
  Path pics;
  Path cache;

  @BeforeEach
  void setUp() throws Exception {
    pics = Files.createDirectories(work.resolve("pics"));
    for (String sample : List.of("renders/neon-alley.png", "renders/sunset-harbor.jpg", "renders/watercolor-fox.tif",
        "inbox/pattern.png", "inbox/untagged-portrait.jpg", "inbox/ambient-tone.wav")) {
      Files.copy(Samples.dir().resolve(sample), pics.resolve(Path.of(sample).getFileName()));
    }
    cache = work.resolve("alice.duckdb");
  }

  @Test
  void aSecondRebuildOfAnUnchangedFolderReadsNoFileAndEqualsAFullRebuild() throws Exception {
    RebuildSummary first = rebuild(cache, false);
    assertThat(first.runLine()).isEqualTo("full run (no cache yet): read 6 files");

    RebuildSummary second = rebuild(cache, false);

    assertThat(second.runLine()).isEqualTo("incremental run: read 0 files, reused 6 unchanged (--full reads every file)");
    assertThat(second.filesIndexed()).isEqualTo(6);
    assertThat(CacheRows.query(cache, "SELECT kind, files_matched, files_read, files_reused FROM runs ORDER BY started_at"))
        .containsExactly(List.of("full", "6", "6", "0"), List.of("incremental", "6", "0", "6"));
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations WHERE signature LIKE 'local:%'")).isEqualTo("6");
    assertEqualsFullRebuild();
  }

  @Test
  void filesChangedWithTheirMtimeKeptOrTruncatedAreReadAgain() throws Exception {
    Path neon = pics.resolve("neon-alley.png");
    Path harbor = pics.resolve("sunset-harbor.jpg");
    Path pattern = pics.resolve("pattern.png");
    // two versions of one photo that differ only in a description of the same length
    Path cat = Files.copy(harbor, work.resolve("cat.jpg"));
    Path dog = Files.copy(harbor, work.resolve("dog.jpg"));
    MetadataEmbedder.embed(cat, m -> m.toBuilder().description("A cat").build());
    MetadataEmbedder.embed(dog, m -> m.toBuilder().description("A dog").build());
    assertThat(Files.size(dog)).isEqualTo(Files.size(cat));
    Files.copy(cat, harbor, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    rebuild(cache, false);
    FileTime neonModified = Files.getLastModifiedTime(neon);
    FileTime harborModified = Files.getLastModifiedTime(harbor);
    Object harborInode = Files.getAttribute(harbor, "unix:ino");

    // `alice tag -P`: a temporary copy renamed over the file, its mtime kept
    MetadataEmbedder.embed(neon, m -> m.toBuilder().description("tagged, mtime kept").build(),
        SafeFileWriter.Mtime.KEEP);
    // `cp dog.jpg sunset-harbor.jpg; touch -r cat.jpg sunset-harbor.jpg`: same file, size and mtime
    Files.write(harbor, Files.readAllBytes(dog));
    Files.setLastModifiedTime(harbor, harborModified);
    // truncated
    try (var channel = java.nio.channels.FileChannel.open(pattern, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(pattern) / 2);
    }
    assertThat(Files.getLastModifiedTime(neon)).isEqualTo(neonModified);
    assertThat(Files.getLastModifiedTime(harbor)).isEqualTo(harborModified);
    assertThat(Files.getAttribute(harbor, "unix:ino")).isEqualTo(harborInode);

    RebuildSummary again = rebuild(cache, false);

    assertThat(again.runLine()).isEqualTo("incremental run: read 3 files, reused 3 unchanged (--full reads every file)");
    assertThat(CacheRows.query(cache, "SELECT l.path, a.description FROM locations l JOIN assets a USING (content_hash)"
        + " WHERE l.path IN ('" + neon + "', '" + harbor + "') ORDER BY l.path"))
        .containsExactly(List.of(neon.toString(), "tagged, mtime kept"), List.of(harbor.toString(), "A dog"));
    assertEqualsFullRebuild();
  }

  @Test
  void aScanReusesUnchangedFilesAndReadsOneTaggedWithItsMtimeKept() throws Exception {
    rebuild(cache, false);
    Path neon = pics.resolve("neon-alley.png");
    MetadataEmbedder.embed(neon, m -> m.toBuilder().description("scanned after tag -P").build(),
        SafeFileWriter.Mtime.KEEP);

    ScanSummary scan = ScanPipeline.run(new ScanConfig(List.of(pics.toString()), cache, work.resolve("alice-parquet")),
        options(), quiet());

    assertThat(scan.runLine()).isEqualTo("incremental run: read 1 files, reused 5 unchanged (--full reads every file)");
    assertThat(CacheRows.single(cache, "SELECT a.description FROM locations l JOIN assets a USING (content_hash)"
        + " WHERE l.path = '" + neon + "'")).isEqualTo("scanned after tag -P");
    // an in-place update numbers new search terms after the old ones, a rebuild in order: the search
    // tables hold the same postings under other ids, so only the other tables are compared here
    assertThat(withoutSearchTables(tables(cache))).isEqualTo(withoutSearchTables(tables(fullRebuild())));
    ScanSummary full = ScanPipeline.run(new ScanConfig(List.of(pics.toString()), cache, work.resolve("alice-parquet"), true,
        StorageLabels.none()), options(), quiet());
    assertThat(full.runLine()).isEqualTo("full run (--full): read 6 files");
  }

  @Test
  void fullAndOlderCachesReadEveryFileAndSaySo() throws Exception {
    rebuild(cache, false);
    assertThat(rebuild(cache, true).runLine()).isEqualTo("full run (--full): read 6 files");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement()) {
      // a cache as the previous version made it: no change signatures
      sql.execute("ALTER TABLE locations DROP COLUMN signature");
    }

    RebuildSummary afterOlder = rebuild(cache, false);

    assertThat(afterOlder.runLine())
        .isEqualTo("full run (the cache was made by an older version of alice): read 6 files");
    assertThat(CacheRows.query(cache, "SELECT kind, files_read, files_reused FROM runs ORDER BY started_at DESC LIMIT 1"))
        .containsExactly(List.of("full", "6", "0"));
    assertThat(rebuild(cache, false).runLine()).startsWith("incremental run: read 0 files, reused 6");
  }

  private RebuildSummary rebuild(Path cacheFile, boolean full) throws Exception {
    return RebuildPipeline.run(new RebuildConfig(List.of(pics.toString()), cacheFile,
        RebuildConfig.defaultParquetDir(cacheFile).toString(), false, full), options(), quiet());
  }

  /** Every table of the cache equals a full rebuild's of the same folder, but for run times and last_verified. */
  /**
   * Every table as a full rebuild makes it; the search tables (which an incremental rebuild updates in place)
   * by what their internal ids name: the asset's content hash and newest-first rank, the term, the tag.
   */
  private void assertEqualsFullRebuild() throws Exception {
    Path fresh = fullRebuild();
    assertThat(withoutSearchTables(tables(cache))).isEqualTo(withoutSearchTables(tables(fresh)));
    assertThat(searchByName(cache)).isEqualTo(searchByName(fresh));
  }

  private static List<List<String>> searchByName(Path cacheFile) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (String query : List.of(
        "SELECT * EXCLUDE (asset_id), row_number() OVER (ORDER BY asset_id) FROM search_assets ORDER BY content_hash",
        "SELECT a.content_hash, l.* EXCLUDE (asset_id) FROM search_locations l JOIN search_assets a USING (asset_id)"
            + " ORDER BY ALL",
        "SELECT * EXCLUDE (tag_id) FROM search_tag_values ORDER BY ALL",
        "SELECT v.category, v.value, a.content_hash FROM search_tags t JOIN search_tag_values v USING (tag_id)"
            + " JOIN search_assets a USING (asset_id) ORDER BY ALL",
        "SELECT * EXCLUDE (term_id) FROM search_terms ORDER BY ALL",
        "SELECT t.term, a.content_hash, p.* EXCLUDE (term_id, asset_id) FROM search_postings p"
            + " JOIN search_terms t USING (term_id) JOIN search_assets a USING (asset_id) ORDER BY ALL",
        "SELECT * FROM search_info ORDER BY ALL")) {
      for (List<String> row : CacheRows.query(cacheFile, "SELECT * FROM (" + query + ")")) {
        List<String> named = new ArrayList<>(row);
        named.add(0, query);
        rows.add(named);
      }
    }
    return rows;
  }

  /** A {@code --full} rebuild of the same folder into a cache of its own. */
  private Path fullRebuild() throws Exception {
    Path fresh = Files.createDirectories(work.resolve("fresh-" + System.nanoTime())).resolve("alice.duckdb");
    rebuild(fresh, true);
    return fresh;
  }

  private static Map<String, List<List<String>>> withoutSearchTables(Map<String, List<List<String>>> tables) {
    Map<String, List<List<String>>> kept = new TreeMap<>(tables);
    kept.keySet().removeIf(name -> name.startsWith("search_"));
    return kept;
  }

  static Map<String, List<List<String>>> tables(Path cacheFile) throws Exception {
    Map<String, List<List<String>>> tables = new TreeMap<>();
    for (List<String> table : CacheRows.query(cacheFile, "SELECT table_name FROM duckdb_tables()"
        + " WHERE table_name NOT IN ('runs', 'cache_info') ORDER BY 1")) {
      String name = table.get(0);
      List<String> columns = new ArrayList<>();
      for (List<String> column : CacheRows.query(cacheFile, "SELECT column_name FROM duckdb_columns()"
          + " WHERE table_name = '" + name + "' AND column_name NOT IN ('last_verified', 'seen_at') ORDER BY column_index")) {
        columns.add(column.get(0).equals("locations") && name.equals("assets")
            ? "list_transform(locations, l -> l.path || ' ' || l.size_bytes || ' ' || l.last_modified || ' '"
                + " || l.hash_source || ' ' || coalesce(l.metadata_version::VARCHAR, '-'))::VARCHAR"
            : "\"" + column.get(0) + "\"::VARCHAR");
      }
      String select = columns.stream().collect(Collectors.joining(", "));
      tables.put(name, CacheRows.query(cacheFile, "SELECT " + select + " FROM \"" + name + "\" ORDER BY ALL"));
    }
    assertThat(tables).containsKeys("assets", "locations", "tags");
    return tables;
  }

  private static PipelineOptions options() {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }
}
