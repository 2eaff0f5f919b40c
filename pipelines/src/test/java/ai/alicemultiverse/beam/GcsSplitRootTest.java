package ai.alicemultiverse.beam;

import static ai.alicemultiverse.beam.S3SplitRootTest.matched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.storage.GcsJsonApiStandIn;
import ai.alicemultiverse.storage.StorageFlags;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.construction.PipelineOptionsTranslation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Splitting a {@code gs://} root by its first-level prefixes through Beam's GcsUtil, against the GCS
 * JSON API stand-in (objects.list with {@code delimiter}, paged): the parts match exactly the objects
 * the whole pattern matches. The rebuild over a split {@code gs://} root is GcsRebuildTest.
 */
class GcsSplitRootTest {
  private static GcsJsonApiStandIn gcs;

  @BeforeAll
  static void startStandIn() throws IOException {
    gcs = new GcsJsonApiStandIn();
    for (String name : List.of(
        "tree", // outside tree/**: no slash
        "tree/", // a name equal to the prefix: Beam's GCS matcher skips names ending in "/"
        "tree/top.jpg", "tree/notes.txt", "tree/odd (1)+$.png",
        "tree/2024/", "tree/2024/a.jpg", "tree/2024/deep/er/b.mp3", "tree/2024/odd[1].jpg",
        "tree/2025/c.wav", "tree/2026/d.webp",
        "tree-old/x.jpg", // a sibling whose name only starts like the prefix
        "globs/set[2]/e.jpg", "globs/f.jpg",
        "globfile/what?.jpg", "globfile/sub/g.jpg")) {
      gcs.put("media", name, ("object " + name).getBytes());
    }
  }

  @AfterAll
  static void stopStandIn() {
    gcs.close();
  }

  private PipelineOptions options;

  /** Options as the command line makes them from --gcs-endpoint and --gcs-anonymous. */
  @BeforeEach
  void options() {
    StorageFlags flags = new StorageFlags(null, null, false, gcs.endpoint(), true);
    options = PipelineOptionsFactory.fromArgs(flags.withBeamArgs(
        List.of("--runner=DirectRunner", "--project=alice-test")).toArray(String[]::new)).create();
    FileSystems.setDefaultPipelineOptions(options);
  }

  private static String object(String name) {
    return "gs://media/" + name + " " + ("object " + name).length();
  }

  @Test
  void thePartsMatchExactlyTheObjectsTheWholePrefixMatches() throws IOException {
    List<String> parts = SplitRootFn.split("gs://media/tree/**", options, null);

    assertThat(parts).containsExactly(
        "gs://media/tree/2024/**",
        "gs://media/tree/2025/**",
        "gs://media/tree/2026/**",
        "gs://media/tree/notes.txt",
        "gs://media/tree/odd (1)+$.png",
        "gs://media/tree/top.jpg");
    // seven first-level entries ("tree/" itself, three prefixes, three objects) at two a page
    assertThat(gcs.requests()).as("%s", gcs.requests())
        .filteredOn(r -> r.contains("delimiter=/&") && r.endsWith("&prefix=tree/"))
        .hasSize(4);
    List<String> whole = matched(List.of("gs://media/tree/**"));
    assertThat(whole).containsExactlyInAnyOrder(
        object("tree/top.jpg"), object("tree/notes.txt"), object("tree/odd (1)+$.png"),
        object("tree/2024/a.jpg"), object("tree/2024/deep/er/b.mp3"), object("tree/2024/odd[1].jpg"),
        object("tree/2025/c.wav"), object("tree/2026/d.webp"));
    assertThat(matched(parts)).containsExactlyInAnyOrderElementsOf(whole); // each once
  }

  @Test
  void aFirstLevelNameBeamWouldReadAsAWildcardKeepsTheWholePattern() throws IOException {
    assertThat(SplitRootFn.split("gs://media/globs/**", options, null)).containsExactly("gs://media/globs/**");
    assertThat(SplitRootFn.split("gs://media/globfile/**", options, null)).containsExactly("gs://media/globfile/**");
    List<String> bucket = SplitRootFn.split("gs://media/**", options, null);
    assertThat(bucket).containsExactly("gs://media/globfile/**", "gs://media/globs/**", "gs://media/tree",
        "gs://media/tree-old/**", "gs://media/tree/**");
    assertThat(matched(bucket)).containsExactlyInAnyOrderElementsOf(matched(List.of("gs://media/**")));
  }

  @Test
  void theEndpointThatADoFnsCopyOfTheOptionsLostIsPutBack() throws IOException {
    String endpoint = options.as(GcsOptions.class).getGcsEndpoint();
    PipelineOptions workerCopy = PipelineOptionsTranslation.fromProto(PipelineOptionsTranslation.toProto(options));
    assertThat(workerCopy.as(GcsOptions.class).getGcsEndpoint()).isNull(); // Beam does not serialize it

    assertThat(SplitRootFn.split("gs://media/tree/2024/deep/**", workerCopy, endpoint))
        .containsExactly("gs://media/tree/2024/deep/er/**");
    assertThat(gcs.requests()).anyMatch(r -> r.endsWith("&prefix=tree/2024/deep/"));
  }

  @Test
  void aMissingBucketFailsTheSplit() {
    Throwable missing = catchThrowable(() -> SplitRootFn.split("gs://no-such-bucket/x/**", options, null));
    assertThat(missing).isInstanceOf(IOException.class)
        .hasMessageStartingWith("gs://no-such-bucket/x/**: could not list its first level (");
  }
}
