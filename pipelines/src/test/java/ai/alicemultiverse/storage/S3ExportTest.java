package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.pipelines.ExportConfig;
import ai.alicemultiverse.pipelines.ExportJob;
import ai.alicemultiverse.pipelines.ExportSummary;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An export from a cache built over src/samples to an S3 prefix on a real S3-compatible server. */
class S3ExportTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @TempDir static Path work;
  static S3ProxyServer server;
  static S3Client s3;
  static Path cache;

  @BeforeAll
  static void startServerAndBuildCache() throws Exception {
    server = S3ProxyServer.start(work);
    s3 = server.client();
    s3.createBucket(b -> b.bucket("bucket"));
    cache = work.resolve("cache/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
        RebuildConfig.defaultParquetDir(cache), false), PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        QUIET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ExportConfig toS3(String to) {
    return new ExportConfig(to, cache, List.of(), null, List.of(), 122_880, null, false);
  }

  private static List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).sorted().toList();
  }

  @Test
  void aCacheExportIsUploadedWithItsManifestAndSuccessMarker(@TempDir Path tmp) throws Exception {
    ExportSummary summary = ExportJob.run(toS3("s3://bucket/exports"), S3ProxyServer.options(server.endpoint()), QUIET);

    assertThat(summary.published()).isTrue();
    assertThat(summary.rows()).isEqualTo(6);
    String run = "exports/" + summary.runId() + "/";
    assertThat(summary.location()).isEqualTo("s3://bucket/" + run.substring(0, run.length() - 1));
    assertThat(keys("bucket", "exports/")).containsExactly("exports/LATEST", run + "_SUCCESS", run + "data/data_0.parquet",
        run + "manifest.json");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("bucket").key("exports/LATEST")).asUtf8String())
        .as("the newest-run pointer names the run").isEqualTo(summary.runId());
    assertThat(s3.headObject(b -> b.bucket("bucket").key(run + "_SUCCESS")).contentLength()).isZero();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("bucket").key(run + "manifest.json")).asUtf8String())
        .contains("\"" + summary.runId() + "\"").contains("data/data_0.parquet");

    Path parquet = tmp.resolve("data_0.parquet");
    s3.getObject(b -> b.bucket("bucket").key(run + "data/data_0.parquet"), parquet);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT content_hash) FROM read_parquet('"
            + parquet + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(6);
      assertThat(rs.getLong(2)).isEqualTo(6);
    }
  }

  @Test
  void keepPrunesTheOlderRunFromTheBucket() throws Exception {
    ExportSummary first = ExportJob.run(toS3("s3://bucket/kept"), S3ProxyServer.options(server.endpoint()), QUIET);
    Thread.sleep(1_100); // run names order by their start second
    ExportSummary second = ExportJob.run(new ExportConfig("s3://bucket/kept", cache, List.of(), null, List.of(),
        122_880, 1, false), S3ProxyServer.options(server.endpoint()), QUIET);

    assertThat(second.pruned()).containsExactly(first.runId());
    assertThat(s3.getObjectAsBytes(b -> b.bucket("bucket").key("kept/LATEST")).asUtf8String())
        .isEqualTo(second.runId());
    assertThat(keys("bucket", "kept/")).containsExactly("kept/LATEST", "kept/" + second.runId() + "/_SUCCESS",
        "kept/" + second.runId() + "/data/data_0.parquet", "kept/" + second.runId() + "/manifest.json");
  }

  @Test
  void aFailedUploadPublishesNothing() throws Exception {
    List<String> before = keys("bucket", "");

    // No such bucket: the first upload fails; the run must not look published anywhere.
    assertThatThrownBy(() -> ExportJob.run(toS3("s3://missing-bucket/exports"), S3ProxyServer.options(server.endpoint()), QUIET))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("s3://missing-bucket/exports/run-")
        .hasMessageContaining("upload failed");

    assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("missing-bucket");
    assertThat(keys("bucket", "")).isEqualTo(before);
  }
}
