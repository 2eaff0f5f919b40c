package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheVerifier;
import ai.alicemultiverse.pipelines.CacheVerifier.Drift;
import ai.alicemultiverse.pipelines.CacheVerifier.Kind;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.search.CacheFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** verify reads S3 copies through Beam's file system, from a real S3-compatible server, when asked. */
class S3VerifyTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));

  @TempDir Path work;

  @Test
  void objectsGoneOrReplacedAreDriftWhenAskedForAndCountedAsUncheckedOtherwise() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start(java.nio.file.Files.createDirectories(work.resolve("s3")));
        S3Client s3 = server.client()) {
      putArchive(s3);
      Path cache = work.resolve("alice.duckdb");
      PipelineOptions options = S3ProxyServer.options(server.endpoint());
      RebuildPipeline.run(new RebuildConfig(List.of("s3://media/archive"), cache, work.resolve("parquet"), false),
          options, new PrintStream(new ByteArrayOutputStream()));
      FileSystems.setDefaultPipelineOptions(options);

      assertThat(verify(cache, true)).isEmpty();
      s3.deleteObject(b -> b.bucket("media").key("archive/harbor.jpg"));
      put(s3, "archive/neon-alley.png", SAMPLES.resolve("inbox/pattern.png")); // other media under the same key

      try (Connection db = CacheFiles.openReadOnly(cache)) {
        CacheVerifier skipping = new CacheVerifier(db, 2, false);
        assertThat(skipping.verify(List.of())).isEmpty();
        assertThat(skipping.objectsNotChecked()).isEqualTo(3);
        assertThat(skipping.checked()).isZero();
      }
      List<Drift> drift = verify(cache, true);
      assertThat(drift).extracting(Drift::kind, Drift::path).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Kind.MISSING, "s3://media/archive/harbor.jpg"),
          org.assertj.core.groups.Tuple.tuple(Kind.CHANGED, "s3://media/archive/neon-alley.png"));
      assertThat(drift.get(0).detail()).isEqualTo("the object is gone");
      assertThat(drift.get(1).detail()).startsWith("the media now hashes to sha256:");
    }
  }

  @Test
  void anS3RootIsCheckedAndListedForNewAndMovedObjectsAndNothingElse() throws Exception {
    Path local = java.nio.file.Files.createDirectories(work.resolve("local"));
    java.nio.file.Files.copy(SAMPLES.resolve("inbox/untagged-portrait.jpg"), local.resolve("portrait.jpg"));
    try (S3ProxyServer server = S3ProxyServer.start(java.nio.file.Files.createDirectories(work.resolve("s3")));
        S3Client s3 = server.client()) {
      putArchive(s3);
      put(s3, "other/tone.wav", SAMPLES.resolve("inbox/ambient-tone.wav"));
      Path cache = work.resolve("alice.duckdb");
      PipelineOptions options = S3ProxyServer.options(server.endpoint());
      RebuildPipeline.run(new RebuildConfig(List.of("s3://media/archive", "s3://media/other", local.toString()),
          cache, work.resolve("parquet"), false), options, new PrintStream(new ByteArrayOutputStream()));
      FileSystems.setDefaultPipelineOptions(options);

      s3.deleteObject(b -> b.bucket("media").key("archive/harbor.jpg"));
      put(s3, "archive/2026/fox.tif", SAMPLES.resolve("renders/watercolor-fox.tif"));
      s3.deleteObject(b -> b.bucket("media").key("archive/fox.tif"));
      put(s3, "archive/new/pattern.png", SAMPLES.resolve("inbox/pattern.png"));
      // outside the root: not looked at
      s3.deleteObject(b -> b.bucket("media").key("other/tone.wav"));
      java.nio.file.Files.delete(local.resolve("portrait.jpg"));

      try (Connection db = CacheFiles.openReadOnly(cache)) {
        CacheVerifier verifier = new CacheVerifier(db, 2, false);
        List<Drift> drift = verifier.verify(CacheVerifier.Roots.parse(List.of("s3://media/archive")));
        assertThat(drift).extracting(d -> d.kind() + " " + d.path() + ": " + d.detail()).containsExactly(
            "MOVED s3://media/archive/fox.tif: now at s3://media/archive/2026/fox.tif",
            "MISSING s3://media/archive/harbor.jpg: the object is gone",
            "NEW s3://media/archive/new/pattern.png: not in the cache (run 'alice rebuild')");
        assertThat(verifier.objectsNotChecked()).as("other/tone.wav").isEqualTo(1);
        assertThat(verifier.checked()).as("three cached copies, two unknown objects hashed").isEqualTo(5);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(
            CacheVerifier.Roots.parse(List.of("s3://media/archve")))))
            .isInstanceOf(java.io.IOException.class)
            .hasMessage("s3://media/archve/: no objects there, and the cache lists none");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(
            CacheVerifier.Roots.parse(List.of("s3://no-such-bucket/archive")))))
            .isInstanceOf(java.io.IOException.class)
            .hasMessageStartingWith("s3://no-such-bucket/archive/: could not list it: ")
            .hasMessageContaining("bucket does not exist");
      }
    }
  }

  private static List<Drift> verify(Path cache, boolean objects) throws Exception {
    try (Connection db = CacheFiles.openReadOnly(cache)) {
      CacheVerifier verifier = new CacheVerifier(db, 2, objects);
      List<Drift> drift = verifier.verify(List.of());
      assertThat(verifier.objectsNotChecked()).isZero();
      assertThat(verifier.checked()).isEqualTo(3);
      return drift;
    }
  }

  /** Bucket {@code media} with three renders under {@code archive/}. */
  private static void putArchive(S3Client s3) {
    s3.createBucket(b -> b.bucket("media"));
    put(s3, "archive/harbor.jpg", SAMPLES.resolve("renders/sunset-harbor.jpg"));
    put(s3, "archive/neon-alley.png", SAMPLES.resolve("renders/neon-alley.png"));
    put(s3, "archive/fox.tif", SAMPLES.resolve("renders/watercolor-fox.tif"));
  }

  private static void put(S3Client s3, String key, Path file) {
    s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(file));
  }
}
