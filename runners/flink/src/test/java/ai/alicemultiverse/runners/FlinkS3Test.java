package ai.alicemultiverse.runners;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import ai.alicemultiverse.storage.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How users scale out with buckets: Flink workers read the media from {@code s3://} and hand their
 * Parquet shards over through {@code s3://} too, on a real S3-compatible server. The S3 options
 * (endpoint, path style, credentials) must reach the workers; the cache must be the DirectRunner's.
 */
class FlinkS3Test {
  @TempDir Path work;

  @Test
  void flinkReadsAndHandsOverThroughABucketAndBuildsTheDirectRunnersCache() throws Exception {
    Path samples = FlinkRunnerTest.samples();
    try (S3ProxyServer server = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")));
        S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket("media"));
      for (String file : List.of("renders/sunset-harbor.jpg", "renders/neon-alley.png", "inbox/ambient-tone.wav",
          "damaged/truncated.jpg")) {
        s3.putObject(b -> b.bucket("media").key("archive/" + file), RequestBody.fromFile(samples.resolve(file)));
      }
      List<String> roots = List.of(samples.resolve("renders").toString(), "s3://media/archive");
      Path directCache = work.resolve("direct/alice.duckdb");
      Path flinkCache = work.resolve("flink/alice.duckdb");

      RebuildSummary direct = RebuildPipeline.run(new RebuildConfig(roots, directCache,
          RebuildConfig.defaultParquetDir(directCache), false), S3ProxyServer.options(server.endpoint()),
          FlinkRunnerTest.quiet());
      PipelineOptions flinkOptions = S3ProxyServer.options(server.endpoint());
      flinkOptions.setRunner(FlinkRunner.class);
      flinkOptions.as(FlinkPipelineOptions.class).setFlinkMaster("[local]");
      flinkOptions.as(FlinkPipelineOptions.class).setParallelism(2);
      RebuildSummary flink = RebuildPipeline.run(new RebuildConfig(roots, flinkCache, "s3://media/alice-parquet", false),
          flinkOptions, FlinkRunnerTest.quiet());

      assertThat(CacheRows.query(flinkCache, "SELECT runner FROM runs")).containsExactly(List.of("FlinkRunner"));
      assertThat(flink.filesMatched()).isEqualTo(direct.filesMatched()).isEqualTo(7);
      assertThat(flink.errors()).isEqualTo(direct.errors()).isEqualTo(1);
      List<List<String>> assets = CacheRows.query(flinkCache, FlinkRunnerTest.ASSETS);
      assertThat(assets).hasSize(4).isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.ASSETS));
      assertThat(CacheRows.query(flinkCache, FlinkRunnerTest.LOCATIONS))
          .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.LOCATIONS))
          .anyMatch(row -> row.get(1).equals("s3://media/archive/renders/sunset-harbor.jpg"));
      assertThat(CacheRows.query(flinkCache, FlinkRunnerTest.ERRORS))
          .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.ERRORS));
      assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("alice-parquet/")).contents())
          .as("the shards the workers wrote").isNotEmpty()
          .allMatch(o -> o.key().startsWith(flink.parquetRun().substring("s3://media/".length()) + "/"));
    }
  }
}
