package ai.alicemultiverse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a root a user names means: its absolute form, its pattern, and what lies under it. */
class RootTest {
  @TempDir Path work;

  @Test
  void aLocalRootIsAbsoluteAndNormalized() {
    Root root = Root.parse(work + "/a/../b/");

    assertThat(root.toString()).isEqualTo(work.resolve("b").toString());
    assertThat(root.isObjectStore()).isFalse();
    assertThat(root.isGlob()).isFalse();
    assertThat(root.storageType()).isEqualTo(StorageType.LOCAL);
    assertThat(Root.parse("relative").toString()).isEqualTo(Path.of("relative").toAbsolutePath().toString());
  }

  @Test
  void anObjectStorePrefixLosesOneTrailingSlash() {
    assertThat(Root.parse("s3://media/ai/").toString()).isEqualTo("s3://media/ai");
    assertThat(Root.parse("s3://media/ai").isObjectStore()).isTrue();
    assertThat(Root.parse("gs://team/").storageType()).isEqualTo(StorageType.GCS);
    assertThat(Root.parse("s3://media/ai").storageType()).isEqualTo(StorageType.S3);
  }

  @Test
  void thePatternListsAFolderOrPrefixRecursivelyAFileExactlyAGlobAsWritten() throws Exception {
    Path folder = Files.createDirectories(work.resolve("pics"));
    Path file = Files.writeString(folder.resolve("a.jpg"), "x");

    assertThat(Root.parse(folder + "/").pattern()).isEqualTo(folder + "/**");
    assertThat(Root.parse(file.toString()).pattern()).isEqualTo(file.toString());
    assertThat(Root.parse("s3://media/ai").pattern()).isEqualTo("s3://media/ai/**");
    assertThat(Root.parse("s3://media/ai/").pattern()).isEqualTo("s3://media/ai/**");
    assertThat(Root.parse("gs://team").pattern()).isEqualTo("gs://team/**");
    assertThat(Root.parse(folder + "/*.jpg").pattern()).isEqualTo(folder + "/*.jpg");
  }

  @Test
  void aMissingRootIsNamedAsTheUserTypedIt() {
    assertThatThrownBy(() -> Root.parse("no-such-folder").pattern())
        .isInstanceOf(NoSuchFileException.class)
        .satisfies(e -> assertThat(((NoSuchFileException) e).getFile()).isEqualTo("no-such-folder"))
        .satisfies(e -> assertThat(((NoSuchFileException) e).getReason()).isEqualTo("no such file or folder"));
  }

  @Test
  void containsByWholeSegmentsNotByStringPrefix() {
    Root sun = Root.parse("/x/sun");

    assertThat(sun.contains("/x/sun/a.jpg")).isTrue();
    assertThat(sun.contains("/x/sun/deep/b.png")).isTrue();
    assertThat(sun.contains("/x/sun")).isTrue(); // a file root holds its own file
    assertThat(sun.contains("/x/sunset.jpg")).isFalse();
    assertThat(sun.contains("/x/sunset/a.jpg")).isFalse();
    assertThat(Root.parse("/").contains("/a.jpg")).isTrue();

    Root prefix = Root.parse("s3://media/ai/");
    assertThat(prefix.contains("s3://media/ai/a.jpg")).isTrue();
    assertThat(prefix.contains("s3://media/aiden/a.jpg")).isFalse();
    assertThat(prefix.contains("s3://media/ai")).isFalse(); // the prefix's pattern does not match that key
    assertThat(Root.parse("/x/*.jpg").contains("/x/a.jpg")).isFalse(); // a glob says nothing for sure
  }

  @Test
  void theLocalBaseOfAGlobIsTheFolderBeforeItsFirstWildcard() {
    assertThat(Root.parse("/x/y/*.jpg").localBase()).isEqualTo(Path.of("/x/y"));
    assertThat(Root.parse("/x/**/a?.png").localBase()).isEqualTo(Path.of("/x"));
    assertThat(Root.parse("/*.jpg").localBase()).isEqualTo(Path.of("/"));
    assertThat(Root.parse("*.jpg").localBase()).isEqualTo(Path.of("").toAbsolutePath());
    assertThat(Root.parse("/x/y/").localBase()).isEqualTo(Path.of("/x/y"));
    assertThat(Root.parse("s3://b/p").localBase()).isNull();
  }
}
