package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.storage.GcsJsonApiStandIn;
import ai.alicemultiverse.storage.StorageFlags;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.services.storage.Storage;
import com.google.cloud.hadoop.gcsio.GoogleCloudStorageReadOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.GcsUtil;
import org.apache.beam.sdk.extensions.gcp.util.Transport;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GCS root whose server answers 500 to every read of an object's media: once Beam's GCS client has
 * given up, the rebuild fails with a message naming the object, as for S3, instead of replacing the
 * cache with one that lacks every object of the bucket.
 *
 * <p>The client's retries are cut short here: by default it retries a 500 ten times with a growing
 * pause, then reads again, which takes about a minute and a half per request.
 */
@Timeout(120)
class GcsFaultsTest {
  static final String ROOT = "gs://media/archive";

  @TempDir Path work;

  @Test
  void persistent500sFailTheRebuildClearlyAndKeepThePreviousCache() throws Exception {
    try (GcsJsonApiStandIn gcs = standInWithSamples();
        FaultyHttpProxy proxy = new FaultyHttpProxy(gcs.endpoint(), (n, line) -> line.contains("alt=media")
            ? FaultyHttpProxy.Fault.ERROR_500 : FaultyHttpProxy.Fault.PASS, 0)) {
      Path cache = work.resolve("cache/alice.duckdb");
      rebuild(options(gcs.endpoint()), cache);
      Set<String> rows = S3FaultsTest.rows(cache);
      assertThat(rows).anyMatch(r -> r.contains("gs://media/archive/"));

      long start = System.nanoTime();
      Throwable failure = catchThrowable(() -> rebuild(withoutRetries(options(proxy.endpoint())), cache));
      System.out.printf("GCS 500s: the rebuild failed after %.1f s and %d requests%n",
          (System.nanoTime() - start) / 1e9, proxy.requests());

      assertThat(failure).isNotNull();
      assertThat(S3FaultsTest.describe(failure)).containsPattern(
          "the rebuild of gs://media/archive failed: gs://media/archive/[^ ]+: the storage failed \\(.*500.*\\);"
              + " the job stops rather than leave it out");
      assertThat(S3FaultsTest.rows(cache)).isEqualTo(rows);
    }
  }

  private static GcsJsonApiStandIn standInWithSamples() throws Exception {
    GcsJsonApiStandIn gcs = new GcsJsonApiStandIn();
    for (Path file : S3FaultsTest.samples()) {
      gcs.put("media", "archive/" + file.getParent().getFileName() + "/" + file.getFileName(),
          Files.readAllBytes(file));
    }
    return gcs;
  }

  /** Options as the command line makes them from --gcs-endpoint and --gcs-anonymous. */
  private static PipelineOptions options(URI endpoint) {
    StorageFlags flags = new StorageFlags(null, null, false, endpoint, true);
    return PipelineOptionsFactory.fromArgs(flags.withBeamArgs(
        List.of("--runner=DirectRunner", "--project=alice-test")).toArray(String[]::new)).create();
  }

  /** The options with a GCS client that gives up on the first failed request and does not read again. */
  private static PipelineOptions withoutRetries(PipelineOptions options) {
    GcsOptions gcs = options.as(GcsOptions.class);
    HttpRequestInitializer noRetries = request -> { };
    Storage storage = Transport.newStorageClient(gcs).setHttpRequestInitializer(noRetries).build();
    GoogleCloudStorageReadOptions readOnce = GoogleCloudStorageReadOptions.builder()
        .setBackoffInitialIntervalMillis(1).setBackoffMaxElapsedTimeMillis(1).build();
    gcs.setGcsUtil(GcsUtil.GcsUtilFactory.create(options, storage, noRetries, gcs.getExecutorService(),
        gcs.getGcpCredential(), gcs.getGcsUploadBufferSizeBytes(), GcsUtil.GcsCountersOptions.create(null, null),
        readOnce));
    return options;
  }

  private static void rebuild(PipelineOptions options, Path cache) throws Exception {
    RebuildPipeline.run(new RebuildConfig(List.of(ROOT), cache, RebuildConfig.defaultParquetDir(cache), false),
        options, new PrintStream(PrintStream.nullOutputStream()));
  }
}
