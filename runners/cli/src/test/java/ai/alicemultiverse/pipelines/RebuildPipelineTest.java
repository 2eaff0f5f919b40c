package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: src/samples → DirectRunner → Parquet → a real DuckDB file, checked with SQL. */
class RebuildPipelineTest {
  @TempDir static Path work;
  static Path cache;
  static RebuildSummary summary;

  static final String ROWS = "SELECT content_hash, media_type, format, mime, size_bytes, description, provider,"
      + " model, prompt, generated_at, processed_at, metadata_version, metadata::VARCHAR, metadata_conflict,"
      + " location_count, list_sort(list_transform(locations, l -> l.path))::VARCHAR"
      + " FROM assets ORDER BY content_hash";

  @BeforeAll
  static void rebuildSamples() throws IOException {
    cache = work.resolve("cache/alice.duckdb");
    summary = RebuildPipeline.run(config(cache), directRunner(), new PrintStream(PrintStream.nullOutputStream()));
  }

  static RebuildConfig config(Path cache) {
    return new RebuildConfig(List.of(Samples.dir().toString()), cache, RebuildConfig.defaultParquetDir(cache), false);
  }

  static PipelineOptions directRunner() {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create();
  }

  /** The distinct content hashes of the samples, computed from the media one file at a time. */
  static Set<String> distinctSampleHashes() throws IOException {
    Set<String> hashes = new HashSet<>();
    try (Stream<Path> files = Files.walk(Samples.dir())) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> MediaFiles.looksLikeMedia(f.toString())).toList()) {
        try (MediaSource source = ChannelMediaSource.open(file)) {
          hashes.add(MediaInspector.inspect(source, true).contentHash());
        } catch (IOException damaged) {
          // the damaged sample: not an asset
        }
      }
    }
    return hashes;
  }

  @Test
  void oneRowPerDistinctContentHash() throws Exception {
    Set<String> expected = distinctSampleHashes();
    assertThat(expected).hasSize(6);
    List<List<String>> rows = CacheRows.query(cache, "SELECT content_hash FROM assets");
    assertThat(rows).extracting(r -> r.get(0)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary.filesMatched()).isEqualTo(8);
    assertThat(summary.filesIndexed()).isEqualTo(7);
    assertThat(summary.uniqueHashes()).isEqualTo(6);
    assertThat(summary.errors()).isEqualTo(1);
  }

  @Test
  void theDuplicateHasTwoLocations() throws Exception {
    List<List<String>> rows = CacheRows.query(cache,
        "SELECT location_count, list_sort(list_transform(locations, l -> l.path))::VARCHAR,"
            + " list_transform(locations, l -> l.storage_type)::VARCHAR"
            + " FROM assets WHERE location_count > 1");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0)).isEqualTo("2");
    assertThat(rows.get(0).get(1))
        .isEqualTo("[" + Samples.dir().resolve("backup/alley-copy.png") + ", "
            + Samples.dir().resolve("renders/neon-alley.png") + "]");
    assertThat(rows.get(0).get(2)).isEqualTo("[local, local]");
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations")).isEqualTo("7");
  }

  @Test
  void metadataJsonHoldsTheEmbeddedFields() throws Exception {
    List<List<String>> rows = CacheRows.query(cache,
        "SELECT assets.metadata->>'description', assets.metadata->'understanding'->'tags'->>'style',"
            + " assets.metadata->'generation'->>'provider', description, provider, model, assets.metadata_version,"
            + " hash_source"
            + " FROM assets JOIN locations USING (content_hash)"
            + " WHERE path LIKE '%/renders/neon-alley.png'");
    assertThat(rows).containsExactly(List.of("Neon-lit alley at night, rain on the pavement",
        "[\"cyberpunk\",\"cinematic\"]", "stable-diffusion", "Neon-lit alley at night, rain on the pavement",
        "stable-diffusion", "sdxl-1.0", "1", "embedded"));
    assertThat(CacheRows.query(cache, "SELECT category, value FROM tags WHERE content_hash ="
        + " (SELECT content_hash FROM locations WHERE path LIKE '%sunset-harbor.jpg') ORDER BY 1, 2"))
        .containsExactly(List.of("colors", "navy"), List.of("colors", "orange"), List.of("mood", "calm"),
            List.of("mood", "warm"), List.of("style", "photoreal"), List.of("subject", "boats"),
            List.of("subject", "harbor"));
  }

  @Test
  void filesWithoutMetadataAreIndexedByComputedHash() throws Exception {
    assertThat(CacheRows.query(cache, "SELECT hash_source, has_metadata, a.metadata IS NULL"
        + " FROM locations JOIN assets a USING (content_hash) WHERE path LIKE '%untagged-portrait.jpg'"))
        .containsExactly(List.of("computed", "false", "true"));
  }

  @Test
  void locationsKeepEachFilesModificationTime() throws Exception {
    // Beam's first Metadata coder drops mtimes: a coder change would show up here as 1970.
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations"
        + " WHERE last_modified < TIMESTAMPTZ '2000-01-01 00:00:00+00'")).isEqualTo("0");
  }

  @Test
  void unreadableFilesAreReportedWithTheReason() throws Exception {
    List<List<String>> errors = CacheRows.query(cache, "SELECT path, stage, reason FROM errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get(0)).isEqualTo(Samples.dir().resolve("damaged/truncated.jpg").toString());
    assertThat(errors.get(0).get(1)).isEqualTo("extract");
    assertThat(errors.get(0).get(2)).contains("past end of file");
  }

  @Test
  void aRunIsRecorded() throws Exception {
    assertThat(CacheRows.query(cache,
        "SELECT roots::VARCHAR, runner, files_matched, files_indexed, unique_hashes, errors FROM runs"))
        .containsExactly(List.of("[" + Samples.dir() + "]", "DirectRunner", "8", "7", "6", "1"));
  }

  @Test
  void rebuildAfterLosingTheCacheGivesTheSameRows() throws Exception {
    Path second = work.resolve("again/alice.duckdb");
    RebuildPipeline.run(config(second), directRunner(), new PrintStream(PrintStream.nullOutputStream()));
    List<List<String>> before = CacheRows.query(second, ROWS);
    Files.delete(second);

    RebuildPipeline.run(config(second), directRunner(), new PrintStream(PrintStream.nullOutputStream()));

    assertThat(CacheRows.query(second, ROWS)).isEqualTo(before).isEqualTo(CacheRows.query(cache, ROWS));
    assertThat(before).hasSize(6);
    assertThat(Files.list(RebuildConfig.defaultParquetDir(second))).hasSize(1); // older hand-offs removed
    try (Stream<Path> handOff = Files.walk(RebuildConfig.defaultParquetDir(second))) {
      assertThat(handOff.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".temp-beam"));
    }
  }

  @Test
  void commandLineRebuildReplacesTheCache() throws Exception {
    Path cliCache = work.resolve("cli/alice.duckdb");
    Files.createDirectories(cliCache.getParent());
    Files.writeString(cliCache, "not a database: an old cache must simply be replaced");

    int exit = AliceCommand.commandLine().execute("rebuild", Samples.dir().toString(), "--cache", cliCache.toString(),
        "--runner=DirectRunner");

    assertThat(exit).isZero();
    assertThat(CacheRows.single(cliCache, "SELECT count(*) FROM assets")).isEqualTo("6");
    assertThat(Files.list(cliCache.getParent()).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("alice.duckdb", "alice-parquet"); // no temp or lock files left
  }

  @Test
  void aMissingRootIsAClearError() {
    int exit = AliceCommand.commandLine().execute("rebuild", work.resolve("nowhere").toString(),
        "--cache", work.resolve("x.duckdb").toString());
    assertThat(exit).isEqualTo(1);
    assertThat(work.resolve("x.duckdb")).doesNotExist();
  }

  @Test
  void aFolderWithoutMediaGivesAnEmptyCache() throws Exception {
    Path empty = Files.createDirectories(work.resolve("no-media"));
    Files.writeString(empty.resolve("notes.txt"), "not media");
    Path emptyCache = work.resolve("empty/alice.duckdb");

    RebuildSummary result = RebuildPipeline.run(new RebuildConfig(List.of(empty.toString()), emptyCache,
        RebuildConfig.defaultParquetDir(emptyCache), false), directRunner(),
        new PrintStream(PrintStream.nullOutputStream()));

    assertThat(result.filesIndexed()).isZero();
    assertThat(CacheRows.single(emptyCache, "SELECT count(*) FROM assets")).isEqualTo("0");
    assertThat(CacheRows.single(emptyCache, "SELECT files_matched FROM runs")).isEqualTo("0");
  }
}
