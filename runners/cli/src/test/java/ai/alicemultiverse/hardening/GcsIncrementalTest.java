package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import ai.alicemultiverse.storage.GcsJsonApiStandIn;
import ai.alicemultiverse.storage.StorageFlags;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental rebuild of a {@code gs://} prefix costs no GET of an unchanged object, neither its
 * metadata nor its media: the listing's MD5, size and update time (its change signature) say it is the
 * object the cache holds. A replaced object is read again. The requests are counted at the GCS JSON API
 * stand-in that Beam's GCS filesystem talks to, as {@link S3IncrementalTest} counts them for S3.
 */
@Timeout(300)
class GcsIncrementalTest {
  @TempDir Path work;

  @Test
  void unchangedObjectsAreNotFetchedAndAReplacedOneIs() throws Exception {
    Path samples = HardeningCorpus.samples();
    try (GcsJsonApiStandIn gcs = new GcsJsonApiStandIn()) {
      gcs.put("media", "archive/neon.png", Files.readAllBytes(samples.resolve("renders/neon-alley.png")));
      gcs.put("media", "archive/2025/harbor.jpg", Files.readAllBytes(samples.resolve("renders/sunset-harbor.jpg")));
      gcs.put("media", "archive/2025/fox.tif", Files.readAllBytes(samples.resolve("renders/watercolor-fox.tif")));
      Path cache = work.resolve("alice.duckdb");

      assertThat(objectReads(gcs, cache)).as("a full run reads every object").hasSizeGreaterThanOrEqualTo(3);

      assertThat(objectReads(gcs, cache)).as("GETs of objects in an unchanged re-run").isEmpty();
      assertThat(CacheRows.query(cache, "SELECT kind, files_read, files_reused FROM runs ORDER BY started_at DESC LIMIT 1"))
          .containsExactly(List.of("incremental", "0", "3"));
      assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations WHERE signature LIKE 'gs:%'")).isEqualTo("3");

      gcs.put("media", "archive/2025/harbor.jpg", Files.readAllBytes(samples.resolve("inbox/untagged-portrait.jpg")));
      assertThat(objectReads(gcs, cache)).as("GETs after one object was replaced")
          .isNotEmpty().allMatch(line -> line.contains("/o/archive%2F2025%2Fharbor.jpg"));
      assertThat(CacheRows.query(cache, "SELECT format FROM locations WHERE path = 'gs://media/archive/2025/harbor.jpg'"))
          .containsExactly(List.of("jpeg"));
      assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("3");
    }
  }

  /**
   * Rebuilds {@code cache} from the prefix; the requests of this run that GET an object under it (its
   * metadata or its media, alone or in a batch); listings are not counted.
   */
  private static List<String> objectReads(GcsJsonApiStandIn gcs, Path cache) throws Exception {
    int before = gcs.requests().size();
    RebuildSummary summary = RebuildPipeline.run(new RebuildConfig(List.of("gs://media/archive"), cache,
        RebuildConfig.defaultParquetDir(cache), false), options(gcs), new PrintStream(PrintStream.nullOutputStream()));
    assertThat(summary.errors()).as("errors; requests: %s", gcs.requests()).isZero();
    List<String> requests = gcs.requests();
    return requests.subList(before, requests.size()).stream()
        .filter(line -> line.matches("(BATCH )?GET \\S*/b/media/o/archive%2F.*")).toList();
  }

  /** Options as the command line makes them from --gcs-endpoint and --gcs-anonymous. */
  private static PipelineOptions options(GcsJsonApiStandIn gcs) {
    StorageFlags flags = new StorageFlags(null, null, false, gcs.endpoint(), true);
    return PipelineOptionsFactory.fromArgs(flags.withBeamArgs(
        List.of("--runner=DirectRunner", "--project=alice-test")).toArray(String[]::new)).create();
  }
}
