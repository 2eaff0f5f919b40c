package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.ExportConfig;
import ai.alicemultiverse.pipelines.ExportJob;
import ai.alicemultiverse.pipelines.ExportSummary;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export from a cache built over src/samples to a {@code gs://} prefix, through Beam's own GCS
 * filesystem pointed at {@link GcsJsonApiStandIn}: published in order, and {@code --keep} prunes.
 */
class GcsExportTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @TempDir Path work;

  @Test
  void runsArePublishedWithTheMarkerLastAndKeepPrunesTheOlderOne() throws Exception {
    Path cache = work.resolve("cache/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
        RebuildConfig.defaultParquetDir(cache), false), PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        QUIET);
    try (GcsJsonApiStandIn gcs = new GcsJsonApiStandIn()) {
      gcs.put("lake", "README", "not ours".getBytes());
      PipelineOptions options = PipelineOptionsFactory.fromArgs(new StorageFlags(null, null, false, gcs.endpoint(), true)
          .withBeamArgs(List.of("--project=alice-test")).toArray(String[]::new)).create();

      ExportSummary first = ExportJob.run(new ExportConfig("gs://lake/exports", cache, List.of(), null, List.of(),
          122_880, null, false), options, QUIET);
      Thread.sleep(1_100); // run names order by their start second
      ExportSummary second = ExportJob.run(new ExportConfig("gs://lake/exports/", cache, List.of(), null, List.of(),
          122_880, 1, false), options, QUIET);

      assertThat(first.published()).isTrue();
      assertThat(first.rows()).isEqualTo(6);
      assertThat(second.location()).isEqualTo("gs://lake/exports/" + second.runId());
      assertThat(second.pruned()).containsExactly(first.runId());
      String run = "exports/" + second.runId() + "/";
      assertThat(gcs.names("lake", "")).containsExactly("README", "exports/LATEST", run + "_SUCCESS",
          run + "data/data_0.parquet", run + "manifest.json");
      List<String> uploads = gcs.requests().stream().filter(r -> r.startsWith("POST /upload/"))
          .filter(r -> r.contains(second.runId())).toList();
      assertThat(uploads).hasSize(3);
      assertThat(uploads.get(2)).as("the marker last: until then the run is not published").contains("_SUCCESS");
      List<String> all = gcs.requests().stream().filter(r -> r.startsWith("POST /upload/")).toList();
      assertThat(all.get(all.size() - 1)).as("the newest-run pointer after the marker").contains("LATEST");
    }
  }
}
