package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        List.of("archive/", "archive/top.jpg", "archive/odd (1)+.png")))
        .containsExactly(
            "s3://media/archive/",
            "s3://media/archive/2024/**",
            "s3://media/archive/2025/**",
            "s3://media/archive/odd (1)+.png",
            "s3://media/archive/top.jpg");
    assertThat(new ObjectStoreRoot("gs", "media", "").split(List.of("a/"), List.of("b.jpg")))
        .containsExactly("gs://media/a/**", "gs://media/b.jpg");
    assertThat(root.split(List.of(), List.of())).isEmpty();
    // a folder marker listed as an object, as S3Proxy does, stands for its common prefix
    assertThat(root.split(List.of("archive/2025/"), List.of("archive/2024/", "archive/2025/", "archive/a.jpg")))
        .containsExactly("s3://media/archive/2024/**", "s3://media/archive/2025/**", "s3://media/archive/a.jpg");
  }

  @Test
  void namesBeamWouldReadAsWildcardsOrThatBreakLinesKeepTheWholePattern() {
    ObjectStoreRoot root = new ObjectStoreRoot("s3", "media", "archive/");
    List<String> plain = List.of("archive/a.jpg");
    for (String name : List.of("set[2]/", "what?/", "star*/", "{a,b}/", "two\nlines/", "/")) {
      assertThat(root.split(List.of("archive/" + name), plain)).as(name).containsExactly("s3://media/archive/**");
    }
    for (String name : List.of("set[2].jpg", "what?.jpg", "star*.jpg", "two\rlines.jpg")) {
      assertThat(root.split(List.of("archive/b/"), List.of("archive/" + name))).as(name)
          .containsExactly("s3://media/archive/**");
    }
  }
}
