package ai.alicemultiverse.storage;

import static ai.alicemultiverse.storage.S3RebuildTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rebuild over a local folder and a {@code gs://} prefix through Beam's own GCS filesystem,
 * pointed with {@code --gcs-endpoint} at {@link GcsJsonApiStandIn} (no GCS emulator can run here).
 */
class GcsRebuildTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));

  private GcsJsonApiStandIn gcs;

  @BeforeEach
  void startStandIn() throws Exception {
    gcs = new GcsJsonApiStandIn();
    gcs.put("media", "archive/2025/harbor.jpg", Files.readAllBytes(SAMPLES.resolve("renders/sunset-harbor.jpg")));
    gcs.put("media", "archive/neon-alley.png", Files.readAllBytes(SAMPLES.resolve("renders/neon-alley.png")));
    gcs.put("media", "archive/tone.wav", Files.readAllBytes(SAMPLES.resolve("inbox/ambient-tone.wav")));
    gcs.put("media", "archive/notes.txt", "not media".getBytes());
    gcs.put("media", "archive-old/harbor.jpg", Files.readAllBytes(SAMPLES.resolve("renders/sunset-harbor.jpg")));
    gcs.put("media", "other/pattern.png", Files.readAllBytes(SAMPLES.resolve("inbox/pattern.png")));
  }

  @AfterEach
  void stopStandIn() {
    gcs.close();
  }

  /** Options as the command line makes them from --gcs-endpoint and --gcs-anonymous. */
  private PipelineOptions options() {
    StorageFlags flags = new StorageFlags(null, null, false, gcs.endpoint(), true);
    return PipelineOptionsFactory.fromArgs(flags.withBeamArgs(
        List.of("--runner=DirectRunner", "--project=alice-test")).toArray(String[]::new)).create();
  }

  @Test
  void theSameMediaLocallyAndInAGcsBucketIsOneAssetWithTwoLocations(@TempDir Path tmp) throws Exception {
    Path local = tmp.resolve("pictures");
    Files.createDirectories(local);
    Files.copy(SAMPLES.resolve("renders/sunset-harbor.jpg"), local.resolve("sunset-harbor.jpg"));
    Path cache = tmp.resolve("alice.duckdb");

    RebuildSummary summary = RebuildPipeline.run(
        new RebuildConfig(List.of(local.toString(), "gs://media/archive"), cache, tmp.resolve("parquet"), false),
        options(), new PrintStream(new ByteArrayOutputStream()));

    assertThat(summary.errors()).as("errors; requests: %s", gcs.requests()).isZero();
    assertThat(summary.filesMatched()).isEqualTo(4);
    assertThat(summary.uniqueHashes()).isEqualTo(3);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement()) {
      assertThat(rows(sql, "SELECT format, location_count FROM assets ORDER BY format"))
          .containsExactly("jpeg|2", "png|1", "wav|1");
      assertThat(rows(sql, "SELECT l.storage_type, l.path, l.size_bytes = " + Files.size(local.resolve("sunset-harbor.jpg"))
          + " FROM locations l JOIN assets a USING (content_hash) WHERE a.format = 'jpeg' ORDER BY l.storage_type"))
          .containsExactly(
              "gcs|gs://media/archive/2025/harbor.jpg|true",
              "local|" + local.resolve("sunset-harbor.jpg") + "|true");
    }
    // Beam listed the prefix page by page and read the media in ranges, as it would from GCS.
    assertThat(gcs.requests()).anyMatch(r -> r.contains("/b/media/o?") && r.contains("pageToken="));
    assertThat(gcs.requests()).anyMatch(r -> r.contains("alt=media") && r.contains(" bytes="));
    assertThat(gcs.requests()).noneMatch(r -> r.contains("archive-old") || r.contains("other%2F"));

    // verify --objects reads the bucket's copies again: other media under a known name is drift
    gcs.put("media", "archive/neon-alley.png", Files.readAllBytes(SAMPLES.resolve("inbox/pattern.png")));
    org.apache.beam.sdk.io.FileSystems.setDefaultPipelineOptions(options());
    try (Connection db = ai.alicemultiverse.search.CacheFiles.openReadOnly(cache)) {
      var verifier = new ai.alicemultiverse.pipelines.CacheVerifier(db, 2, true);
      assertThat(verifier.verify(List.of())).extracting(d -> d.kind() + " " + d.path())
          .containsExactly("CHANGED gs://media/archive/neon-alley.png");
      assertThat(verifier.checked()).isEqualTo(4);
    }
  }

  /** A hand-off through a bucket, for workers that share no disk with the loading process. */
  @Test
  void aHandOffOnGcsLoadsTheSameCacheAsALocalOneAndKeepsOnlyTheNewestRun(@TempDir Path tmp) throws Exception {
    List<String> roots = List.of(SAMPLES.toString(), "gs://media/archive");
    Path viaDisk = tmp.resolve("disk/alice.duckdb");
    Path viaBucket = tmp.resolve("bucket/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(roots, viaDisk, tmp.resolve("disk/parquet"), false), options(),
        new PrintStream(new ByteArrayOutputStream()));

    RebuildSummary first = RebuildPipeline.run(new RebuildConfig(roots, viaBucket, "gs://media/alice-parquet", false),
        options(), new PrintStream(new ByteArrayOutputStream()));
    RebuildSummary second = RebuildPipeline.run(new RebuildConfig(roots, viaBucket, "gs://media/alice-parquet", false),
        options(), new PrintStream(new ByteArrayOutputStream()));

    assertThat(second.errors()).as("the damaged sample").isEqualTo(1);
    String everyRow = "SELECT a.content_hash, a.metadata::VARCHAR, list_sort(list_transform(a.locations, l -> l.path))"
        + " FROM assets a ORDER BY 1";
    try (Connection disk = DriverManager.getConnection("jdbc:duckdb:" + viaDisk);
        Connection bucket = DriverManager.getConnection("jdbc:duckdb:" + viaBucket)) {
      List<String> expected = rows(disk.createStatement(), everyRow);
      assertThat(expected).hasSize(6);
      assertThat(rows(bucket.createStatement(), everyRow)).isEqualTo(expected);
      assertThat(rows(bucket.createStatement(), "SELECT path FROM errors"))
          .isEqualTo(rows(disk.createStatement(), "SELECT path FROM errors")).hasSize(1);
    }
    assertThat(second.parquetRun()).startsWith("gs://media/alice-parquet/run-").isNotEqualTo(first.parquetRun());
    // uploaded in resumable sessions, renamed and cleaned up in batches, as on GCS
    assertThat(gcs.requests()).anyMatch(r -> r.startsWith("POST /upload/") && r.contains("uploadType=resumable"))
        .anyMatch(r -> r.startsWith("BATCH POST ") && r.contains("/rewriteTo/"))
        .anyMatch(r -> r.startsWith("BATCH DELETE ") && r.contains(first.parquetRun().substring(11).replace("/", "%2F")));
    assertThat(gcs.names("media", "alice-parquet/")).as("the newest run's shards only").isNotEmpty()
        .allMatch(n -> n.matches("alice-parquet/" + second.parquetRun().substring(25) + "/(assets|errors)/\\w+-\\d+-of-\\d+\\.parquet"));
    try (java.util.stream.Stream<Path> beside = Files.list(viaBucket.getParent())) {
      assertThat(beside.map(p -> p.getFileName().toString())).containsExactly("alice.duckdb");
    }
  }
}
