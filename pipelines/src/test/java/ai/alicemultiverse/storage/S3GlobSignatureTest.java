package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.WatchConfig;
import ai.alicemultiverse.pipelines.WatchPipeline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Every S3 object gets its change signature (ETag, size, Last-Modified), however it was listed: by the
 * rebuild's split listing, which matches the objects it reaches one by one, or by a glob, which Beam's S3
 * filesystem answers from the listing without the ETag (a watch's poll, and a rebuild's prefixes below
 * the split's last level). Regression: a watch batch over an S3 prefix wrote its objects with no
 * signature, unlike the rebuild of the same objects (the model campaign, seed 3000), and an object deeper
 * than the split's levels had none either, so every incremental run read it again.
 */
@Timeout(300)
class S3GlobSignatureTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));
  private static final String DEEP = "lib/a/b/c/d/deep.png";

  @TempDir Path work;

  @Test
  void aWatchBatchAndADeepObjectCarryTheSignatureARebuildRecords() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")))) {
      try (var s3 = server.client()) {
        s3.createBucket(b -> b.bucket("media"));
        s3.putObject(b -> b.bucket("media").key("lib/top.png"),
            RequestBody.fromFile(SAMPLES.resolve("inbox/pattern.png")));
        s3.putObject(b -> b.bucket("media").key(DEEP), RequestBody.fromFile(SAMPLES.resolve("renders/neon-alley.png")));
      }
      Path rebuilt = work.resolve("rebuilt.duckdb");
      rebuild(server, rebuilt);
      rebuild(server, rebuilt);
      assertThat(CacheRows.query(rebuilt, "SELECT files_read, files_reused FROM runs ORDER BY started_at DESC LIMIT 1"))
          .as("the second rebuild reuses both objects, the deep one too").containsExactly(List.of("0", "2"));
      String signatures = "SELECT path, signature FROM locations ORDER BY path";
      assertThat(CacheRows.query(rebuilt, signatures)).hasSize(2)
          .allMatch(row -> row.get(1) != null && row.get(1).startsWith("s3:"));

      Path watched = work.resolve("watched.duckdb");
      WatchPipeline.Running watch = WatchPipeline.start(new WatchConfig(List.of("s3://media/lib"), watched,
          Duration.ofHours(1), false), S3ProxyServer.options(server.endpoint()));
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (watch.committed() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        watch.stop(Duration.ofSeconds(30));
      }
      assertThat(CacheRows.query(watched, signatures)).as("a watch batch records what a rebuild records")
          .isEqualTo(CacheRows.query(rebuilt, signatures));
    }
  }

  private static void rebuild(S3ProxyServer server, Path cache) throws Exception {
    RebuildPipeline.run(new RebuildConfig(List.of("s3://media/lib"), cache, RebuildConfig.defaultParquetDir(cache),
        false), S3ProxyServer.options(server.endpoint()), new PrintStream(PrintStream.nullOutputStream()));
  }
}
