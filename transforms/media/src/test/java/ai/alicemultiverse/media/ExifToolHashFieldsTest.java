package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.ExifTool13;
import ai.alicemultiverse.testing.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * alice writes ExifTool's own fields for an image data hash beside alice:content_hash, and ExifTool 13
 * reads them as XMP-et:OriginalImageHash / OriginalImageHashType, equal to the ImageDataHash it
 * computes itself: a user can check a file alice wrote with ExifTool alone.
 */
class ExifToolHashFieldsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "tagged.jpg", "plain.png", "plain.tif", "plain.webp", "lossless.webp",
      "plain.mp4", "plain.mov", "plain.m4a", "plain.wav"})
  void exifTool13ReadsTheHashAliceWroteAndComputesTheSame(String name) throws Exception {
    ExifTool13.assumeInstalled();
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);

    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm"));

    JsonNode seen = ExifTool13.json(file, "-api", "ImageHashType=SHA256", "-XMP-et:all", "-ImageDataHash");
    String hex = result.contentHash().substring("sha256:".length());
    assertThat(seen.path("XMP-et:OriginalImageHash").asText()).as(seen.toString()).isEqualTo(hex);
    assertThat(seen.path("XMP-et:OriginalImageHashType").asText()).isEqualTo("SHA256");
    assertThat(seen.path("File:ImageDataHash").asText()).as(seen.toString()).isEqualTo(hex);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp3"})
  void formatsWithoutAnImageDataHashStillCarryTheFields(String name) throws Exception {
    ExifTool13.assumeInstalled();
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);

    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm"));

    JsonNode seen = ExifTool13.json(file, "-XMP-et:all");
    assertThat(seen.path("XMP-et:OriginalImageHash").asText()).as(seen.toString())
        .isEqualTo(result.contentHash().substring("sha256:".length()));
    assertThat(List.of(seen.path("XMP-et:OriginalImageHashType").asText())).containsExactly("SHA256");
  }
}
