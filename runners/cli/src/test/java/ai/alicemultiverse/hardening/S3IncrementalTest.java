package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import ai.alicemultiverse.storage.S3ProxyServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An incremental rebuild of an S3 prefix costs no GET for an unchanged object: the listing's ETag, size and
 * Last-Modified (its change signature) say it is the object the cache holds. A replaced object is read again.
 * The requests are counted at a loopback proxy in front of a real S3-compatible server.
 */
@Timeout(300)
class S3IncrementalTest {
  @TempDir Path work;

  @Test
  void unchangedObjectsAreNotFetchedAndAReplacedOneIs() throws Exception {
    Path samples = HardeningCorpus.samples();
    try (S3ProxyServer server = S3ProxyServer.start(java.nio.file.Files.createDirectories(work.resolve("s3")))) {
      try (S3Client s3 = server.client()) {
        s3.createBucket(b -> b.bucket("media"));
        put(s3, "archive/neon.png", samples.resolve("renders/neon-alley.png"));
        put(s3, "archive/2025/harbor.jpg", samples.resolve("renders/sunset-harbor.jpg"));
        put(s3, "archive/2025/fox.tif", samples.resolve("renders/watercolor-fox.tif"));
      }
      Path cache = work.resolve("alice.duckdb");
      List<String> first = objectReads(server.endpoint(), cache);
      assertThat(first).as("a full run reads every object").hasSizeGreaterThanOrEqualTo(3);

      assertThat(objectReads(server.endpoint(), cache)).as("GETs of objects in an unchanged re-run").isEmpty();
      assertThat(CacheRows.query(cache, "SELECT kind, files_read, files_reused FROM runs ORDER BY started_at DESC LIMIT 1"))
          .containsExactly(List.of("incremental", "0", "3"));
      assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations WHERE signature LIKE 's3:%'")).isEqualTo("3");

      try (S3Client s3 = server.client()) {
        put(s3, "archive/2025/harbor.jpg", samples.resolve("inbox/untagged-portrait.jpg"));
      }
      assertThat(objectReads(server.endpoint(), cache)).as("GETs after one object was replaced")
          .isNotEmpty().allMatch(line -> line.startsWith("GET /media/archive/2025/harbor.jpg "));
      assertThat(CacheRows.query(cache, "SELECT format FROM locations WHERE path = 's3://media/archive/2025/harbor.jpg'"))
          .containsExactly(List.of("jpeg"));
      assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("3");
    }
  }

  /** Rebuilds {@code cache} through a counting proxy; the GETs of objects under the prefix it made. */
  private List<String> objectReads(URI endpoint, Path cache) throws Exception {
    List<String> reads = new CopyOnWriteArrayList<>();
    try (FaultyHttpProxy proxy = new FaultyHttpProxy(endpoint, (n, line) -> {
      if (line.startsWith("GET /media/archive/")) {
        reads.add(line);
      }
      return FaultyHttpProxy.Fault.PASS;
    }, 0)) {
      RebuildSummary summary = RebuildPipeline.run(new RebuildConfig(List.of("s3://media/archive"), cache,
          RebuildConfig.defaultParquetDir(cache), false), S3ProxyServer.options(proxy.endpoint()),
          new PrintStream(PrintStream.nullOutputStream()));
      assertThat(summary.errors()).isZero();
    }
    return reads;
  }

  private static void put(S3Client s3, String key, Path file) {
    s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(file));
  }
}
