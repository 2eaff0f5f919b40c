package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dupes} never counts a copy whose embedded metadata no other copy has as reclaimable
 * (following it must not delete the only tagged copy), and counts each copy at its own size;
 * {@code coverage} lists the media with too few copies. The differing copies are written by
 * ExifTool, as a user's other tools would.
 */
class CopiesReportTest {
  @TempDir static Path work;
  static Path library;

  @BeforeAll
  static void library() throws Exception {
    assumeTrue(AliceRun.installed("exiftool"), "exiftool is not installed (.ci/run installs it)");
    library = Files.createDirectories(work.resolve("library"));
    Path tagged = jpeg(library.resolve("tagged.jpg"), 1);
    assertThat(AliceRun.of(work, "tag", tagged.toString(), "--add", "style:ink").code()).isZero();
    Files.copy(tagged, library.resolve("tagged-copy.jpg"));
    Files.copy(tagged, library.resolve("tagged-edited.jpg"));
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-dc:Subject+=extra",
        library.resolve("tagged-edited.jpg").toString());

    Path plain = jpeg(library.resolve("holiday.jpg"), 2);
    Files.copy(plain, library.resolve("holiday-untagged.jpg"));
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-dc:Subject=beach",
        "-XMP-dc:Description=Only this copy says where", plain.toString());

    jpeg(library.resolve("alone.jpg"), 3);
    AliceRun rebuild = AliceRun.of(work, "rebuild", library.toString(), "--cache", cache());
    assertThat(rebuild.code()).as(rebuild.err()).isZero();
  }

  private static String cache() {
    return work.resolve("alice.duckdb").toString();
  }

  private static Path jpeg(Path file, int seed) throws Exception {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, (x * 7919 + y * 104729) * seed);
      }
    }
    ImageIO.write(image, "jpg", file.toFile());
    return file;
  }

  private static Map<String, JsonNode> byName(JsonNode array) {
    Map<String, JsonNode> out = new HashMap<>();
    array.forEach(n -> out.put(Path.of(n.get("SourceFile").asText()).getFileName().toString(), n));
    return out;
  }

  @Test
  void onlyCopiesWhoseMetadataAnotherCopyHasAreReclaimable() throws Exception {
    AliceRun dupes = AliceRun.of(work, "dupes", "--cache", cache(), "--json");
    assertThat(dupes.code()).as(dupes.err()).isZero();
    Map<String, JsonNode> copies = byName(dupes.json());
    assertThat(copies).containsOnlyKeys("tagged.jpg", "tagged-copy.jpg", "tagged-edited.jpg", "holiday.jpg",
        "holiday-untagged.jpg");

    JsonNode edited = copies.get("tagged-edited.jpg");
    assertThat(edited.get("reclaimable").asBoolean()).as("the only copy with the extra keyword").isFalse();
    assertThat(edited.get("metadata").asText()).isNotEqualTo(copies.get("tagged.jpg").get("metadata").asText());
    assertThat(copies.get("tagged.jpg").get("metadata")).isEqualTo(copies.get("tagged-copy.jpg").get("metadata"));
    assertThat(copies.get("tagged.jpg").get("reclaimable").asBoolean()
        ^ copies.get("tagged-copy.jpg").get("reclaimable").asBoolean()).as("one of the two identical copies").isTrue();
    assertThat(copies.get("holiday.jpg").get("reclaimable").asBoolean()).as("the only tagged copy").isFalse();
    assertThat(copies.get("holiday-untagged.jpg").get("reclaimable").asBoolean()).isFalse();
    assertThat(edited.get("size_bytes").asLong()).isEqualTo(Files.size(library.resolve("tagged-edited.jpg")));
    assertThat(copies.get("tagged.jpg").get("size_bytes").asLong()).isEqualTo(Files.size(library.resolve("tagged.jpg")));
  }

  @Test
  void theReclaimableBytesAreTheReclaimableCopysOwnSize() throws Exception {
    AliceRun dupes = AliceRun.of(work, "dupes", "--cache", cache());
    assertThat(dupes.code()).as(dupes.err()).isZero();
    long copySize = Files.size(library.resolve("tagged-copy.jpg"));
    assertThat(Files.size(library.resolve("tagged-edited.jpg"))).as("ExifTool's edit grew the file")
        .isNotEqualTo(copySize);
    String reclaimable = String.format(Locale.ROOT, "%.1f kB", copySize / 1000.0);
    assertThat(Files.size(library.resolve("tagged-edited.jpg")) / 100).as("the asset's size reads otherwise")
        .isNotEqualTo(copySize / 100);
    assertThat(dupes.out()).contains("3 copies, 2 different metadata, " + reclaimable + " reclaimable")
        .contains("2 copies, 2 different metadata, 0 B reclaimable")
        .contains("2 duplicated hashes; " + reclaimable + " reclaimable by deleting the copies marked 'same'")
        .contains("2 of them have copies with different metadata, each kept")
        .containsPattern("keep \\[A\\]  \\S+tagged-edited\\.jpg");
  }

  @Test
  void coverageListsTheMediaWithTooFewCopiesByStorage() throws Exception {
    AliceRun single = AliceRun.of(work, "coverage", "--cache", cache(), "--json");
    assertThat(single.code()).as(single.err()).isZero();
    assertThat(byName(single.json())).containsOnlyKeys("alone.jpg");
    JsonNode alone = single.json().get(0);
    assertThat(alone.get("storage").asText()).isEqualTo("local");
    assertThat(alone.get("copies").asInt()).isEqualTo(1);

    AliceRun three = AliceRun.of(work, "coverage", "--cache", cache(), "--copies", "3");
    assertThat(three.code()).as(three.err()).isZero();
    assertThat(three.out()).contains("local        2 media with fewer than 3 copies")
        .contains("holiday-untagged.jpg").contains("alone.jpg").doesNotContain("/tagged.jpg")
        .contains("2 of 3 media have fewer than 3 copies");
  }
}
