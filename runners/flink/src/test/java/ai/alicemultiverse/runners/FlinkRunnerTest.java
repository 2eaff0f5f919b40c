package ai.alicemultiverse.runners;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rebuild on the DirectRunner and on an embedded Flink cluster ({@code [local]}, two
 * parallel slots) must give the same cache, row for row. Only what records when the job ran
 * (last_verified, the run's id and times, the runner's name) may differ.
 */
@ExtendWith(DirectBaseline.Resolver.class)
class FlinkRunnerTest {
  @TempDir static Path work;
  static Path directCache;
  static Path flinkCache;
  static RebuildSummary direct;
  static RebuildSummary flink;

  /** Every assets column; locations without their last_verified (the time the job saw the file). */
  static final String ASSETS = "SELECT content_hash, media_type, format, mime, size_bytes, description,"
      + " generated_prompt, provider, model, prompt, generated_at, processed_at, metadata_version,"
      + " metadata::VARCHAR, metadata_conflict, location_count,"
      + " list_sort(list_transform(locations, l -> {'path': l.path, 'storage_type': l.storage_type,"
      + "   'metadata_version': l.metadata_version, 'size_bytes': l.size_bytes,"
      + "   'last_modified': l.last_modified, 'hash_source': l.hash_source,"
      + "   'has_metadata': l.has_metadata}))::VARCHAR"
      + " FROM assets ORDER BY content_hash";
  static final String LOCATIONS = "SELECT content_hash, path, storage_type, metadata_version, size_bytes,"
      + " last_modified, hash_source, has_metadata, state FROM locations ORDER BY path";
  static final String TAGS = "SELECT content_hash, category, value FROM tags ORDER BY ALL";
  static final String ERRORS = "SELECT path, stage, reason FROM errors ORDER BY ALL";
  static final String RUN_COUNTS =
      "SELECT roots::VARCHAR, files_matched, files_indexed, unique_hashes, errors FROM runs";

  @BeforeAll
  static void rebuildOnBothRunners(DirectBaseline baseline) throws Exception {
    directCache = baseline.cache();
    direct = baseline.summary();
    flinkCache = work.resolve("flink/alice.duckdb");
    flink = RebuildPipeline.run(config(flinkCache),
        options("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"), quiet());
  }

  static RebuildConfig config(Path cache) {
    return new RebuildConfig(List.of(samples().toString()), cache, RebuildConfig.defaultParquetDir(cache), false);
  }

  static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().create();
  }

  static PrintStream quiet() {
    return new PrintStream(PrintStream.nullOutputStream());
  }

  static Path samples() {
    Path dir = Path.of(System.getProperty("alice.samples", "../src/samples"));
    assertThat(dir).as("sample media (set -Dalice.samples)").isDirectory();
    return dir.toAbsolutePath().normalize();
  }

  @Test
  void assetsAreTheSameOnBothRunners() throws Exception {
    List<List<String>> rows = CacheRows.query(flinkCache, ASSETS);
    assertThat(rows).hasSize(6).isEqualTo(CacheRows.query(directCache, ASSETS));
  }

  @Test
  void locationsTagsAndErrorsAreTheSameOnBothRunners() throws Exception {
    assertThat(CacheRows.query(flinkCache, LOCATIONS)).hasSize(7)
        .isEqualTo(CacheRows.query(directCache, LOCATIONS));
    assertThat(CacheRows.query(flinkCache, TAGS)).hasSize(21)
        .isEqualTo(CacheRows.query(directCache, TAGS));
    assertThat(CacheRows.query(flinkCache, ERRORS))
        .containsExactly(List.of(samples().resolve("damaged/truncated.jpg").toString(), "extract",
            CacheRows.query(directCache, ERRORS).get(0).get(2)));
  }

  @Test
  void flinkCountsTheSameFilesAsTheDirectRunner() throws Exception {
    // Flink reports attempted metrics only; the summary must still count every file once.
    assertThat(List.of(flink.filesMatched(), flink.filesIndexed(), flink.uniqueHashes(), flink.errors()))
        .containsExactly(8L, 7L, 6L, 1L)
        .isEqualTo(List.of(direct.filesMatched(), direct.filesIndexed(), direct.uniqueHashes(), direct.errors()));
    assertThat(CacheRows.query(flinkCache, RUN_COUNTS))
        .containsExactly(List.of("[" + samples() + "]", "8", "7", "6", "1"))
        .isEqualTo(CacheRows.query(directCache, RUN_COUNTS));
    assertThat(CacheRows.query(flinkCache, "SELECT runner FROM runs")).containsExactly(List.of("FlinkRunner"));
  }
}
