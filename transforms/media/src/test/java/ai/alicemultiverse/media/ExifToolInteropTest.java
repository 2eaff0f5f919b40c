package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After alice writes into a file, ExifTool reads the alice and dc fields, still reports every tag
 * it reported before with the same value, and finds no new problem with the file.
 */
class ExifToolInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Stream<String> vectors() {
    return Vectors.expectedHashes().keySet().stream();
  }

  /**
   * Tags that describe where things are, not what they are: they move when a packet is added.
   * (ExifTool derives a WAV's Duration from the file size, so the new _PMX chunk lengthens it.)
   */
  private static final java.util.Set<String> LAYOUT = java.util.Set.of(
      "File:ID3Size", "QuickTime:MediaDataOffset");

  /** Every tag ExifTool reports, by group:name, except what a metadata write is allowed to change. */
  static Map<String, String> tags(Path file) throws IOException {
    JsonNode all = JSON.readTree(ExifTool.run("-j", "-a", "-G1", "-n", file.toString())).get(0);
    Map<String, String> tags = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      String name = tag.getKey();
      if (name.equals("SourceFile") || name.startsWith("System:") || name.startsWith("ExifTool:")
          || name.startsWith("XMP") // the XMP is what we rewrite (checked below)
          || name.startsWith("File:FileSize") || name.startsWith("File:FileModifyDate")
          || LAYOUT.contains(name)) {
        continue;
      }
      tags.put(name, tag.getValue().toString());
    }
    return tags;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void exifToolSeesOurFieldsAndEverythingItSawBefore(String name) throws IOException {
    assumeTrue(ExifTool.available(), "exiftool is not installed");
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);
    Map<String, String> before = tags(file);
    var warningsBefore = ExifTool.warnings(file);

    MetadataEmbedder.embed(file, m -> m.toBuilder().description("written by alice")
        .addTag("style", "interop").build());

    JsonNode xmp = JSON.readTree(ExifTool.run("-j", "-G1", "-XMP:all", file.toString())).get(0);
    assertThat(xmp.path("XMP-dc:Description").asText()).isEqualTo("written by alice");
    assertThat(xmp.path("XMP-dc:Subject").toString()).contains("interop");
    assertThat(xmp.path("XMP-alice:Content_hash").asText(xmp.path("XMP-alice:Content_Hash").asText()))
        .isEqualTo(Vectors.expectedHashes().get(name));
    Map<String, String> after = tags(file);
    after.keySet().retainAll(before.keySet()); // new tags (e.g. a VP8X chunk's) may appear
    if (name.endsWith(".wav")) {
      before.remove("Composite:Duration"); // see LAYOUT
      after.remove("Composite:Duration");
    }
    if (name.endsWith(".webp")) {
      // a simple WebP becomes an extended one (VP8X) to carry XMP: the only allowed change of type
      before.replace("File:FileType", "\"Extended WEBP\"", "\"WEBP\"");
      after.replace("File:FileType", "\"Extended WEBP\"", "\"WEBP\"");
    }
    assertThat(after).isEqualTo(before);
    assertThat(ExifTool.warnings(file)).isSubsetOf(warningsBefore);
  }
}
