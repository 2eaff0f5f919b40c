package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** One rebuild over a local folder and an S3 prefix served by a real S3-compatible server. */
class S3RebuildTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));

  @TempDir static Path serverDir;
  static S3ProxyServer server;

  @BeforeAll
  static void startServerAndUpload() throws Exception {
    server = S3ProxyServer.start(serverDir);
    try (S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket("media"));
      put(s3, "archive/2025/harbor.jpg", SAMPLES.resolve("renders/sunset-harbor.jpg"));
      put(s3, "archive/neon-alley.png", SAMPLES.resolve("renders/neon-alley.png"));
      s3.putObject(b -> b.bucket("media").key("archive/notes.txt"), RequestBody.fromString("not media"));
      // Outside the prefix: a sibling whose name only starts like it, and another folder.
      put(s3, "archive-old/harbor.jpg", SAMPLES.resolve("renders/sunset-harbor.jpg"));
      put(s3, "other/pattern.png", SAMPLES.resolve("inbox/pattern.png"));
    }
  }

  private static void put(S3Client s3, String key, Path file) {
    s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(file));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theSameMediaLocallyAndInABucketIsOneAssetWithTwoLocations(@TempDir Path tmp) throws Exception {
    Path local = tmp.resolve("pictures");
    Files.createDirectories(local);
    Files.copy(SAMPLES.resolve("renders/sunset-harbor.jpg"), local.resolve("sunset-harbor.jpg"));
    Path cache = tmp.resolve("alice.duckdb");

    RebuildSummary summary = RebuildPipeline.run(
        new RebuildConfig(List.of(local.toString(), "s3://media/archive"), cache, tmp.resolve("parquet"), false),
        S3ProxyServer.options(server.endpoint()), new PrintStream(new ByteArrayOutputStream()));

    assertThat(summary.filesMatched()).isEqualTo(3);
    assertThat(summary.filesIndexed()).isEqualTo(3);
    assertThat(summary.uniqueHashes()).isEqualTo(2);
    assertThat(summary.errors()).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement()) {
      assertThat(rows(sql, "SELECT format, location_count, len(locations) FROM assets ORDER BY format"))
          .containsExactly("jpeg|2|2", "png|1|1");
      assertThat(rows(sql, "SELECT l.storage_type, l.path, l.size_bytes = " + Files.size(local.resolve("sunset-harbor.jpg"))
          + " FROM locations l JOIN assets a USING (content_hash) WHERE a.format = 'jpeg' ORDER BY l.storage_type"))
          .containsExactly(
              "local|" + local.resolve("sunset-harbor.jpg") + "|true",
              "s3|s3://media/archive/2025/harbor.jpg|true");
      assertThat(rows(sql, "SELECT storage_type, path FROM locations JOIN assets USING (content_hash)"
          + " WHERE assets.format = 'png'"))
          .containsExactly("s3|s3://media/archive/neon-alley.png");
      // the object's Last-Modified survives listing and the shuffles (not 1970)
      assertThat(rows(sql, "SELECT count(*) FROM locations WHERE last_modified < TIMESTAMPTZ '2000-01-01 00:00:00+00'"))
          .containsExactly("0");
    }
  }

  /** Workers that share no disk with the loading process hand their shards over through a bucket. */
  @Test
  void aHandOffOnS3LoadsTheSameCacheAsALocalOneAndKeepsOnlyTheNewestRun(@TempDir Path tmp) throws Exception {
    List<String> roots = List.of(SAMPLES.toString(), "s3://media/archive");
    Path viaDisk = tmp.resolve("disk/alice.duckdb");
    Path viaBucket = tmp.resolve("bucket/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(roots, viaDisk, tmp.resolve("disk/parquet"), false),
        S3ProxyServer.options(server.endpoint()), new PrintStream(new ByteArrayOutputStream()));

    RebuildSummary first = RebuildPipeline.run(new RebuildConfig(roots, viaBucket, "s3://media/alice-parquet", false),
        S3ProxyServer.options(server.endpoint()), new PrintStream(new ByteArrayOutputStream()));
    RebuildSummary second = RebuildPipeline.run(new RebuildConfig(roots, viaBucket, "s3://media/alice-parquet/", false),
        S3ProxyServer.options(server.endpoint()), new PrintStream(new ByteArrayOutputStream()));

    assertThat(second.errors()).as("the damaged sample").isEqualTo(1);
    String everyRow = "SELECT a.content_hash, a.format, a.metadata::VARCHAR, a.standard::VARCHAR, list_sort(list_transform("
        + " a.locations, l -> l.path)), (SELECT list_sort(list(t.value)) FROM tags t WHERE t.content_hash = a.content_hash)"
        + " FROM assets a ORDER BY 1";
    String errors = "SELECT path, reason FROM errors ORDER BY 1";
    try (Connection disk = DriverManager.getConnection("jdbc:duckdb:" + viaDisk);
        Connection bucket = DriverManager.getConnection("jdbc:duckdb:" + viaBucket)) {
      List<String> expected = rows(disk.createStatement(), everyRow);
      assertThat(expected).hasSize(6);
      assertThat(rows(bucket.createStatement(), everyRow)).isEqualTo(expected);
      assertThat(rows(bucket.createStatement(), errors)).isEqualTo(rows(disk.createStatement(), errors)).hasSize(1);
    }
    assertThat(second.parquetRun()).startsWith("s3://media/alice-parquet/run-").isNotEqualTo(first.parquetRun());
    List<String> keys;
    try (S3Client s3 = server.client()) {
      keys = s3.listObjectsV2Paginator(b -> b.bucket("media").prefix("alice-parquet/")).contents().stream()
          .map(o -> "s3://media/" + o.key()).toList();
    }
    assertThat(keys).as("the newest run's shards only").isNotEmpty()
        .allMatch(k -> k.startsWith(second.parquetRun() + "/assets/assets-") && k.endsWith(".parquet")
            || k.startsWith(second.parquetRun() + "/errors/errors-") && k.endsWith(".parquet"))
        .anyMatch(k -> k.contains("/errors/"));
    try (java.util.stream.Stream<Path> beside = Files.list(viaBucket.getParent())) {
      assertThat(beside.map(p -> p.getFileName().toString())).as("the copies for the load are gone")
          .containsExactly("alice.duckdb");
    }
  }

  @Test
  void aHandOffThatCannotBeWrittenFailsBeforeAnyFileIsReadNamingIt(@TempDir Path tmp) throws Exception {
    Path cache = tmp.resolve("alice.duckdb");

    // the check before the pipeline says this, not a failed pipeline ("the rebuild of … failed")
    assertThatThrownBy(() -> RebuildPipeline.run(new RebuildConfig(List.of(SAMPLES.toString(), "s3://media/archive"),
        cache, "s3://no-such-bucket/alice-parquet", false), S3ProxyServer.options(server.endpoint()),
        new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("s3://no-such-bucket/alice-parquet/run-")
        .hasMessageContaining(": the Parquet hand-off cannot be written there: ")
        .hasMessageContaining("bucket does not exist");
    assertThat(cache).doesNotExist();
    try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("no lock, no copy left behind").isEmpty();
    }
  }

  @Test
  void anUnreachableEndpointFailsWithoutShowingTheSecretKey(@TempDir Path tmp) throws Exception {
    String endpoint = "http://127.0.0.1:" + S3ProxyServer.freePort();
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream err = System.err;
    Throwable failure;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      failure = org.assertj.core.api.Assertions.catchThrowable(() -> RebuildPipeline.run(
          new RebuildConfig(List.of("s3://media/archive"), tmp.resolve("alice.duckdb"), tmp.resolve("parquet"), false),
          S3ProxyServer.options(java.net.URI.create(endpoint)), new PrintStream(logged, true, StandardCharsets.UTF_8)));
    } finally {
      System.setErr(err);
    }

    assertThat(failure).isNotNull();
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String everything = trace + "\n" + logged.toString(StandardCharsets.UTF_8);
    assertThat(everything).contains(endpoint.substring("http://".length())); // it says where it failed
    assertThat(everything).doesNotContain(S3ProxyServer.CREDENTIAL);
    assertThat(Files.exists(tmp.resolve("alice.duckdb"))).isFalse();
  }

  static List<String> rows(Statement sql, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }
}
