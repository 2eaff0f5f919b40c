package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.junit.jupiter.api.Test;

/**
 * Which object store patterns are split, and into what, from a first-level listing. The listings
 * themselves run against real servers in the pipelines module (S3SplitRootTest, GcsSplitRootTest).
 */
class SplitRootObjectStoreTest {
  @Test
  void parsesWholePrefixPatternsOnly() {
    assertThat(ObjectStoreRoot.parse("s3://media/archive/**")).isEqualTo(new ObjectStoreRoot("s3", "media", "archive/"));
    assertThat(ObjectStoreRoot.parse("gs://media/a/b/**")).isEqualTo(new ObjectStoreRoot("gs", "media", "a/b/"));
    assertThat(ObjectStoreRoot.parse("gs://media/**")).isEqualTo(new ObjectStoreRoot("gs", "media", ""));
    assertThat(ObjectStoreRoot.parse("s3://media/archive/**").pattern()).isEqualTo("s3://media/archive/**");
    assertThat(ObjectStoreRoot.parse("s3://media/*/x/**")).isNull(); // a user's glob
    assertThat(ObjectStoreRoot.parse("s3://media/archive/*.jpg")).isNull();
    assertThat(ObjectStoreRoot.parse("s3://media/a.jpg")).isNull();
    assertThat(ObjectStoreRoot.parse("hdfs://media/archive/**")).isNull();
    assertThat(ObjectStoreRoot.parse("/data/**")).isNull();
    assertThat(ObjectStoreRoot.parse("s3:///**")).isNull();
  }

  @Test
  void oneRecursivePatternPerCommonPrefixAndOneExactPatternPerObject() {
    ObjectStoreRoot root = new ObjectStoreRoot("s3", "media", "archive/");
    assertThat(root.split(List.of("archive/2025/", "archive/2024/"),
        List.of("archive/", "archive/top.jpg", "archive/odd (1)+.png")).patterns())
        .containsExactly(
            "s3://media/archive/",
            "s3://media/archive/2024/**",
            "s3://media/archive/2025/**",
            "s3://media/archive/odd (1)+.png",
            "s3://media/archive/top.jpg");
    assertThat(new ObjectStoreRoot("gs", "media", "").split(List.of("a/"), List.of("b.jpg")).patterns())
        .containsExactly("gs://media/a/**", "gs://media/b.jpg");
    assertThat(root.split(List.of(), List.<String>of()).patterns()).isEmpty();
    // a folder marker listed as an object, as S3Proxy does, stands for its common prefix
    assertThat(root.split(List.of("archive/2025/"), List.of("archive/2024/", "archive/2025/", "archive/a.jpg"))
        .patterns()).containsExactly("s3://media/archive/2024/**", "s3://media/archive/2025/**", "s3://media/archive/a.jpg");
  }

  @Test
  void namesBeamWouldReadAsWildcardsOrThatBreakLinesKeepTheWholePattern() {
    ObjectStoreRoot root = new ObjectStoreRoot("s3", "media", "archive/");
    List<String> plain = List.of("archive/a.jpg");
    for (String name : List.of("set[2]/", "what?/", "star*/", "{a,b}/", "two\nlines/", "/")) {
      assertThat(root.split(List.of("archive/" + name), plain).patterns()).as(name)
          .containsExactly("s3://media/archive/**");
      ObjectStoreRoot gcs = new ObjectStoreRoot("gs", "media", "archive/");
      assertThat(gcs.splitListed(List.of("archive/" + name), files("archive/a.jpg")))
          .as(name).isEqualTo(RootSplit.of(List.of("gs://media/archive/**")));
    }
    for (String name : List.of("set[2].jpg", "what?.jpg", "star*.jpg", "two\rlines.jpg")) {
      assertThat(root.split(List.of("archive/b/"), List.of("archive/" + name)).patterns()).as(name)
          .containsExactly("s3://media/archive/**");
    }
  }

  @Test
  void listedObjectsAreKeptAsFilesWhateverTheirNamesButLineBreaks() {
    ObjectStoreRoot root = new ObjectStoreRoot("gs", "media", "archive/");
    Map<String, MatchResult.Metadata> objects = files("archive/top.jpg", "archive/set[2] what?.jpg", "archive/2024/");

    RootSplit split = root.splitListed(List.of("archive/2025/"), objects);

    // the folder marker stands for its level, as in split(); the others need no pattern of their own
    assertThat(split.patterns()).containsExactly("gs://media/archive/2024/**", "gs://media/archive/2025/**");
    assertThat(split.files()).containsExactly(file("archive/top.jpg"), file("archive/set[2] what?.jpg"));
    assertThat(ObjectStoreRoot.listable("archive/set[2] what?.jpg")).isTrue();
    for (String name : List.of("two\nlines.jpg", "two\rlines.jpg", "two\u2028lines.jpg")) {
      assertThat(ObjectStoreRoot.listable("archive/" + name)).as(name).isFalse();
    }
  }

  /** Listed objects by key, as a listing describes them. */
  private static Map<String, MatchResult.Metadata> files(String... keys) {
    Map<String, MatchResult.Metadata> objects = new LinkedHashMap<>();
    for (String key : keys) {
      objects.put(key, file(key));
    }
    return objects;
  }

  private static MatchResult.Metadata file(String key) {
    return MatchResult.Metadata.builder()
        .setResourceId(FileSystems.matchNewResource("gs://media/" + key, key.endsWith("/")))
        .setSizeBytes(7).setLastModifiedMillis(1_700_000_000_000L).setIsReadSeekEfficient(true).build();
  }
}
