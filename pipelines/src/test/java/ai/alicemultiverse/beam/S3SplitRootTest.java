package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import ai.alicemultiverse.storage.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Splitting an {@code s3://} root by its first-level key prefixes, against a real S3-compatible
 * server: the parts match exactly the objects the whole pattern matches, and a rebuild over a split
 * root finds every file.
 */
class S3SplitRootTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));

  @TempDir static Path serverDir;
  static S3ProxyServer server;

  @BeforeAll
  static void startServerAndUpload() throws Exception {
    server = S3ProxyServer.start(serverDir);
    try (S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket("media"));
      for (String key : List.of(
          "tree", // outside tree/**: no slash
          "tree/", // a key equal to the prefix (a "folder" marker): Beam's S3 matcher keeps it
          "tree/top.jpg", "tree/notes.txt", "tree/odd (1)+$.png",
          "tree/2024/", "tree/2024/a.jpg", "tree/2024/deep/er/b.mp3", "tree/2024/odd[1].jpg",
          "tree/2025/c.wav",
          "tree-old/x.jpg", // a sibling whose name only starts like the prefix
          "globs/set[2]/e.jpg", "globs/f.jpg",
          "globfile/what?.jpg", "globfile/sub/g.jpg",
          "chain/only/2024/a.jpg", "chain/only/2025/b.jpg", "chain/only/2025/x/c.jpg")) {
        s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromString("object " + key));
      }
      put(s3, "album/cover.jpg", "renders/sunset-harbor.jpg");
      put(s3, "album/notes.txt", "README.md");
      put(s3, "album/2024/neon.png", "renders/neon-alley.png");
      put(s3, "album/2024/deep/tone.wav", "inbox/ambient-tone.wav");
      put(s3, "album/2025/portrait.jpg", "inbox/untagged-portrait.jpg");
      put(s3, "album/2025/fox.tif", "renders/watercolor-fox.tif");
    }
  }

  private static void put(S3Client s3, String key, String sample) {
    s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(SAMPLES.resolve(sample)));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** "path size" of every object the patterns match, listed as ListPatternFn lists them. */
  static List<String> matched(List<String> patterns) throws IOException {
    List<String> found = new ArrayList<>();
    for (String pattern : patterns) {
      MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
      assertThat(match.status()).as(pattern).isIn(MatchResult.Status.OK, MatchResult.Status.NOT_FOUND);
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata file : match.metadata()) {
          found.add(file.resourceId() + " " + file.sizeBytes());
        }
      }
    }
    return found;
  }

  private static String object(String key) {
    return "s3://media/" + key + " " + ("object " + key).length();
  }

  @Test
  void thePartsMatchExactlyTheObjectsTheWholePrefixMatches() throws IOException {
    PipelineOptions options = S3ProxyServer.options(server.endpoint());
    FileSystems.setDefaultPipelineOptions(options);

    List<String> parts = SplitRootFn.split("s3://media/tree/**", options, null, 1).patterns();

    assertThat(parts).containsExactly(
        "s3://media/tree/",
        "s3://media/tree/2024/**",
        "s3://media/tree/2025/**",
        "s3://media/tree/notes.txt",
        "s3://media/tree/odd (1)+$.png",
        "s3://media/tree/top.jpg");
    List<String> whole = matched(List.of("s3://media/tree/**"));
    assertThat(whole).containsExactlyInAnyOrder(
        object("tree/"), object("tree/top.jpg"), object("tree/notes.txt"), object("tree/odd (1)+$.png"),
        object("tree/2024/"), object("tree/2024/a.jpg"), object("tree/2024/deep/er/b.mp3"),
        object("tree/2024/odd[1].jpg"), object("tree/2025/c.wav"));
    assertThat(matched(parts)).containsExactlyInAnyOrderElementsOf(whole); // each once
  }

  @Test
  void aFirstLevelNameBeamWouldReadAsAWildcardKeepsTheWholePattern() throws IOException {
    PipelineOptions options = S3ProxyServer.options(server.endpoint());
    FileSystems.setDefaultPipelineOptions(options);

    assertThat(SplitRootFn.split("s3://media/globs/**", options, null, 1).patterns()).containsExactly("s3://media/globs/**");
    assertThat(SplitRootFn.split("s3://media/globfile/**", options, null, 1).patterns()).containsExactly("s3://media/globfile/**");
    assertThat(matched(List.of("s3://media/globs/**")))
        .containsExactlyInAnyOrder(object("globs/set[2]/e.jpg"), object("globs/f.jpg"));
    // the whole bucket splits by its top-level prefixes and keys, "tree" included
    List<String> bucket = SplitRootFn.split("s3://media/**", options, null, 1).patterns();
    assertThat(bucket).containsExactly("s3://media/album/**", "s3://media/chain/**", "s3://media/globfile/**",
        "s3://media/globs/**",
        "s3://media/tree", "s3://media/tree-old/**", "s3://media/tree/**");
    assertThat(matched(bucket)).containsExactlyInAnyOrderElementsOf(matched(List.of("s3://media/**")));
  }

  @Test
  void aRootWithFewPrefixesIsSplitLevelByLevelAndStillMatchesExactlyTheSameObjects() throws IOException {
    PipelineOptions options = S3ProxyServer.options(server.endpoint());
    FileSystems.setDefaultPipelineOptions(options);
    assertThat(SplitRootFn.split("s3://media/chain/**", options, null, 1).patterns())
        .containsExactly("s3://media/chain/only/**");

    List<String> parts = SplitRootFn.split("s3://media/chain/**", options, null).patterns();

    assertThat(parts).containsExactly(
        "s3://media/chain/only/2024/a.jpg", "s3://media/chain/only/2025/b.jpg", "s3://media/chain/only/2025/x/**");
    assertThat(matched(parts)).containsExactlyInAnyOrderElementsOf(matched(List.of("s3://media/chain/**")));
    // the whole bucket, split as deep as a rebuild splits it
    assertThat(matched(SplitRootFn.split("s3://media/**", options, null).patterns()))
        .containsExactlyInAnyOrderElementsOf(matched(List.of("s3://media/**")));
  }

  @Test
  void aMissingBucketOrAnUnreachableServerFailsTheSplitWithoutShowingTheSecretKey() throws IOException {
    Throwable missing = catchThrowable(() -> SplitRootFn.split("s3://no-such-bucket/x/**", S3ProxyServer.options(server.endpoint()), null, 1));
    assertThat(missing).isInstanceOf(IOException.class)
        .hasMessageStartingWith("s3://no-such-bucket/x/**: could not list its first level (");

    URI down = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
    Throwable unreachable = catchThrowable(() -> SplitRootFn.split("s3://media/tree/**", S3ProxyServer.options(down), null, 1));
    assertThat(unreachable).isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("s3://media/tree/**: the storage failed (listing its first level: ")
        .hasMessageContaining(down.getAuthority());
    StringWriter trace = new StringWriter();
    unreachable.printStackTrace(new PrintWriter(trace));
    missing.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(S3ProxyServer.CREDENTIAL);
  }

  @Test
  void aRebuildOverASplitRootFindsEveryFile(@TempDir Path tmp) throws Exception {
    assertThat(SplitRootFn.split("s3://media/album/**", S3ProxyServer.options(server.endpoint()), null, 1).patterns()).containsExactly(
        "s3://media/album/2024/**", "s3://media/album/2025/**", "s3://media/album/cover.jpg",
        "s3://media/album/notes.txt");
    Path cache = tmp.resolve("alice.duckdb");

    RebuildSummary summary = RebuildPipeline.run(
        new RebuildConfig(List.of("s3://media/album"), cache, tmp.resolve("parquet"), false),
        S3ProxyServer.options(server.endpoint()), new PrintStream(new ByteArrayOutputStream()));

    assertThat(summary.filesMatched()).isEqualTo(5);
    assertThat(summary.filesIndexed()).isEqualTo(5);
    assertThat(summary.errors()).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("SELECT storage_type || ' ' || path FROM locations ORDER BY path")) {
      List<String> locations = new ArrayList<>();
      while (rs.next()) {
        locations.add(rs.getString(1));
      }
      assertThat(locations).containsExactly(
          "s3 s3://media/album/2024/deep/tone.wav",
          "s3 s3://media/album/2024/neon.png",
          "s3 s3://media/album/2025/fox.tif",
          "s3 s3://media/album/2025/portrait.jpg",
          "s3 s3://media/album/cover.jpg");
    }
  }
}
