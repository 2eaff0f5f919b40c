package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared test vector gives its listed content hash through the codec registry, and keeps it
 * after alice embeds metadata into it.
 */
class ContentHashVectorsTest {
  @TempDir Path dir;

  static Stream<Arguments> vectors() {
    return Vectors.expectedHashes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void everyFormatIsCovered() {
    assertThat(Vectors.expectedHashes()).hasSize(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void hashBeforeEmbedding(String name, String expected) throws IOException {
    try (MediaSource source = new BytesMediaSource(Vectors.bytes(name))) {
      Inspection seen = MediaInspector.inspect(source, true);
      assertThat(seen.contentHash()).isEqualTo(expected);
      assertThat(seen.hashSource()).isEqualTo(HashSource.COMPUTED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void hashSurvivesEmbedding(String name, String expected) throws IOException {
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);

    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> m.toBuilder()
        .addTag("style", "test-vector").description("embedded by the vector test").build());

    assertThat(result.changed()).isTrue();
    assertThat(result.contentHash()).isEqualTo(expected);
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection fast = MediaInspector.inspect(source, false);
      assertThat(fast.hashSource()).isEqualTo(HashSource.EMBEDDED);
      assertThat(fast.contentHash()).isEqualTo(expected);
      assertThat(fast.metadata().tags()).containsEntry("style", java.util.List.of("test-vector"));
      assertThat(fast.metadata().description()).isEqualTo("embedded by the vector test");
      Inspection verified = MediaInspector.inspect(source, true);
      assertThat(verified.contentHash()).isEqualTo(expected);
      assertThat(verified.hashMismatch()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void embeddingTheSameThingTwiceWritesNothing(String name, String expected) throws IOException {
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);
    MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm"));
    byte[] once = Files.readAllBytes(file);

    MetadataEmbedder.Result again = MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm"));

    assertThat(again.changed()).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(once);
  }

  @Test
  void identicalMediaSharesOneHashAcrossTaggedAndPlainFiles() {
    Map<String, String> expected = Vectors.expectedHashes();
    for (String plain : expected.keySet()) {
      if (plain.startsWith("plain.") && expected.containsKey("tagged." + plain.substring(6))) {
        assertThat(expected.get("tagged." + plain.substring(6))).isEqualTo(expected.get(plain));
      }
    }
  }
}
