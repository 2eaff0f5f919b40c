package ai.alicemultiverse.beam;

import static ai.alicemultiverse.beam.S3SplitRootTest.matched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.storage.GcsJsonApiStandIn;
import ai.alicemultiverse.storage.StorageFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
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
        "globfile/what?.jpg", "globfile/sub/g.jpg",
        "breaks/a.jpg", "breaks/line\u2028separator.jpg", // GCS names may hold U+2028, not CR or LF
        "chain/only/2024/a.jpg", "chain/only/2025/b.jpg", "chain/only/2025/x/c.jpg",
        "mix/a/x.jpg", "mix/b/set[2]/y.jpg", "mix/b/z/w.jpg")) {
      gcs.put("media", name, ("object " + name).getBytes());
    }
    for (int i = 0; i < SplitRootFn.ENOUGH_PARTS; i++) {
      gcs.put("media", String.format("wide/p%02d/deeper/a.jpg", i), "wide".getBytes());
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
  void thePartsAndTheListedFilesMatchExactlyTheObjectsTheWholePrefixMatches() throws IOException {
    int before = gcs.requests().size();
    RootSplit split = SplitRootFn.split("gs://media/tree/**", options, null, 1);

    assertThat(split.patterns()).containsExactly(
        "gs://media/tree/2024/**",
        "gs://media/tree/2025/**",
        "gs://media/tree/2026/**");
    // seven first-level entries ("tree/" itself, three prefixes, three objects) at two a page
    List<String> splitRequests = gcs.requests().subList(before, gcs.requests().size());
    assertThat(splitRequests).as("%s", splitRequests).hasSize(4)
        .allMatch(r -> r.contains("delimiter=/&") && r.endsWith("&prefix=tree/"));
    List<String> whole = matched(List.of("gs://media/tree/**"));
    assertThat(whole).containsExactlyInAnyOrder(
        object("tree/top.jpg"), object("tree/notes.txt"), object("tree/odd (1)+$.png"),
        object("tree/2024/a.jpg"), object("tree/2024/deep/er/b.mp3"), object("tree/2024/odd[1].jpg"),
        object("tree/2025/c.wav"), object("tree/2026/d.webp"));
    List<String> parts = new ArrayList<>(matched(split.patterns()));
    split.files().forEach(file -> parts.add(file.resourceId() + " " + file.sizeBytes()));
    assertThat(parts).containsExactlyInAnyOrderElementsOf(whole); // each once
    // the objects directly under the prefix cost no request of their own, and are what Beam's matcher makes
    assertThat(split.files()).containsExactlyInAnyOrderElementsOf(
        metadata(List.of("gs://media/tree/top.jpg", "gs://media/tree/notes.txt", "gs://media/tree/odd (1)+$.png")));
  }

  @Test
  void aFirstLevelNameBeamWouldReadAsAWildcardKeepsTheWholePattern() throws IOException {
    assertThat(SplitRootFn.split("gs://media/globs/**", options, null, 1))
        .isEqualTo(RootSplit.of(List.of("gs://media/globs/**")));
    // "what?.jpg" directly under the prefix is listed, not matched by name: no obstacle
    RootSplit globfile = SplitRootFn.split("gs://media/globfile/**", options, null, 1);
    assertThat(globfile.patterns()).containsExactly("gs://media/globfile/sub/**");
    assertThat(globfile.files()).containsExactlyElementsOf(metadata(List.of("gs://media/globfile/what?.jpg")));
    RootSplit bucket = SplitRootFn.split("gs://media/**", options, null, 1);
    assertThat(bucket.patterns()).containsExactly("gs://media/breaks/**", "gs://media/chain/**",
        "gs://media/globfile/**", "gs://media/globs/**", "gs://media/mix/**",
        "gs://media/tree-old/**", "gs://media/tree/**", "gs://media/wide/**");
    assertThat(bucket.files()).containsExactlyElementsOf(metadata(List.of("gs://media/tree")));
    List<String> parts = new ArrayList<>(matched(bucket.patterns()));
    bucket.files().forEach(file -> parts.add(file.resourceId() + " " + file.sizeBytes()));
    assertThat(parts).containsExactlyInAnyOrderElementsOf(matched(List.of("gs://media/**")));
  }

  @Test
  void aRootWithFewPrefixesIsSplitLevelByLevelUntilThereAreEnoughParts() throws IOException {
    assertThat(SplitRootFn.split("gs://media/chain/**", options, null, 1).patterns())
        .containsExactly("gs://media/chain/only/**");

    RootSplit chain = SplitRootFn.split("gs://media/chain/**", options, null);

    assertThat(chain.patterns()).containsExactly("gs://media/chain/only/2025/x/**");
    assertThat(chain.files()).containsExactlyInAnyOrderElementsOf(
        metadata(List.of("gs://media/chain/only/2024/a.jpg", "gs://media/chain/only/2025/b.jpg")));
    // mix/b/ cannot be split ("set[2]/" under it): it is listed once, not again at the next level
    int before = gcs.requests().size();
    RootSplit mix = SplitRootFn.split("gs://media/mix/**", options, null);
    assertThat(mix.patterns()).containsExactly("gs://media/mix/b/**");
    assertThat(gcs.requests().subList(before, gcs.requests().size()))
        .filteredOn(r -> r.contains("delimiter=/&") && r.endsWith("&prefix=mix/b/")).hasSize(1);
    // enough parts at the first level: no deeper
    assertThat(SplitRootFn.split("gs://media/wide/**", options, null).patterns())
        .hasSize(SplitRootFn.ENOUGH_PARTS).allMatch(p -> p.matches("gs://media/wide/p\\d\\d/\\*\\*"));
    // the whole bucket, split as deep as a rebuild splits it
    RootSplit bucket = SplitRootFn.split("gs://media/**", options, null);
    List<String> parts = new ArrayList<>(matched(bucket.patterns()));
    bucket.files().forEach(file -> parts.add(file.resourceId() + " " + file.sizeBytes()));
    assertThat(parts).containsExactlyInAnyOrderElementsOf(matched(List.of("gs://media/**")));
  }

  @Test
  void anObjectNameWithALineBreakKeepsTheWholePatternWhichBeamDoesNotMatchItWith() throws IOException {
    assertThat(SplitRootFn.split("gs://media/breaks/**", options, null, 1))
        .isEqualTo(RootSplit.of(List.of("gs://media/breaks/**")));
    assertThat(matched(List.of("gs://media/breaks/**"))).containsExactly(object("breaks/a.jpg"));
  }

  /** What Beam's own GCS matcher makes of each object, matched by its exact name (one at a time: no batch API here). */
  private static List<MatchResult.Metadata> metadata(List<String> paths) throws IOException {
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (String path : paths) {
      files.addAll(FileSystems.match(List.of(path)).get(0).metadata());
    }
    return files;
  }

  @Test
  void theEndpointThatADoFnsCopyOfTheOptionsLostIsPutBack() throws IOException {
    String endpoint = options.as(GcsOptions.class).getGcsEndpoint();
    PipelineOptions workerCopy = PipelineOptionsTranslation.fromProto(PipelineOptionsTranslation.toProto(options));
    assertThat(workerCopy.as(GcsOptions.class).getGcsEndpoint()).isNull(); // Beam does not serialize it

    assertThat(SplitRootFn.split("gs://media/tree/2024/deep/**", workerCopy, endpoint, 1).patterns())
        .containsExactly("gs://media/tree/2024/deep/er/**");
    assertThat(gcs.requests()).anyMatch(r -> r.endsWith("&prefix=tree/2024/deep/"));
  }

  @Test
  void aMissingBucketFailsTheSplit() {
    Throwable missing = catchThrowable(() -> SplitRootFn.split("gs://no-such-bucket/x/**", options, null, 1));
    assertThat(missing).isInstanceOf(IOException.class)
        .hasMessageStartingWith("gs://no-such-bucket/x/**: could not list its first level (");
  }
}
