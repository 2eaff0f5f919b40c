package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-file commands speak ExifTool's conventions: {@code -r} for folders (a folder without it
 * is an error naming it), {@code --json} as one array with one object per file and {@code
 * "SourceFile"} first, a failed file as {@code {"SourceFile", "Error"}} with exit 1; and {@code
 * locations FILE} answers where that file's media lives, as {@code git annex whereis FILE}.
 */
class PerFileJsonTest {
  @TempDir static Path work;
  static Path library;

  @BeforeAll
  static void library() throws Exception {
    library = Files.createDirectories(work.resolve("library"));
    image(library.resolve("a.png"), "png", 1);
    image(Files.createDirectories(library.resolve("sub")).resolve("b.jpg"), "jpg", 2);
    Files.writeString(library.resolve("notes.txt"), "not media");
    byte[] jpeg = Files.readAllBytes(library.resolve("sub/b.jpg"));
    Files.write(library.resolve("sub/broken.jpg"), java.util.Arrays.copyOf(jpeg, 40)); // cut inside its headers
    Files.createSymbolicLink(library.resolve("sub/up"), library); // -r follows links, but not round a loop
  }

  private static void image(Path file, String format, int seed) throws Exception {
    BufferedImage image = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 24; x++) {
        image.setRGB(x, y, (x * 7919 + y * 104729) * seed);
      }
    }
    ImageIO.write(image, format, file.toFile());
  }

  /** File name to object, after checking that each object names its file first. */
  private static Map<String, JsonNode> byName(JsonNode array) {
    assertThat(array.isArray()).isTrue();
    Map<String, JsonNode> out = new LinkedHashMap<>();
    array.forEach(n -> {
      assertThat(n.fieldNames().next()).isEqualTo("SourceFile");
      out.put(Path.of(n.get("SourceFile").asText()).getFileName().toString(), n);
    });
    return out;
  }

  @Test
  void aFolderNeedsRecurse() throws Exception {
    for (String command : new String[] {"hash", "show", "tag"}) {
      AliceRun run = command.equals("tag") ? AliceRun.of(work, command, library.toString(), "--add", "x:y")
          : AliceRun.of(work, command, library.toString());
      assertThat(run.code()).as(command).isEqualTo(2);
      assertThat(run.err()).as(command).contains(library + " is a folder: give -r");
    }
  }

  @Test
  void hashRecursesAndReportsEachFileAsExifToolDoes() throws Exception {
    AliceRun run = AliceRun.of(work, "hash", "-r", library.toString(), "--json");
    assertThat(run.code()).as("broken.jpg failed").isEqualTo(1);
    Map<String, JsonNode> files = byName(run.json());
    assertThat(files.keySet()).containsExactly("a.png", "b.jpg", "broken.jpg");
    assertThat(files.get("broken.jpg").get("Error").asText()).isNotBlank();
    assertThat(files.get("broken.jpg").has("content_hash")).isFalse();
    AliceRun one = AliceRun.of(work, "hash", library.resolve("a.png").toString());
    assertThat(one.out()).startsWith(files.get("a.png").get("content_hash").asText() + "  ");
  }

  @Test
  void showRecursesWithSourceFileFirstAndAnErrorObject() throws Exception {
    AliceRun run = AliceRun.of(work, "show", "-r", library.toString(), "-j");
    assertThat(run.code()).isEqualTo(1);
    Map<String, JsonNode> files = byName(run.json());
    assertThat(files.keySet()).containsExactly("a.png", "b.jpg", "broken.jpg");
    assertThat(files.get("b.jpg").get("mime").asText()).isEqualTo("image/jpeg");
    assertThat(files.get("broken.jpg").get("Error").asText()).isNotBlank();
  }

  @Test
  void tagRecursesAndSaysWhatItWrote() throws Exception {
    Path folder = Files.createDirectories(work.resolve("to-tag"));
    image(folder.resolve("c.png"), "png", 3);
    image(Files.createDirectories(folder.resolve("deeper")).resolve("d.jpg"), "jpg", 4);
    AliceRun run = AliceRun.of(work, "tag", "-r", folder.toString(), "--add", "project:spring", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    Map<String, JsonNode> files = byName(run.json());
    assertThat(files.keySet()).containsExactly("c.png", "d.jpg");
    assertThat(files.values()).allSatisfy(n -> assertThat(n.get("written").asBoolean()).isTrue());
    AliceRun shown = AliceRun.of(work, "show", folder.resolve("deeper/d.jpg").toString());
    assertThat(shown.out()).contains("tag project").contains("spring");
  }

  @Test
  void locationsTakesAFileAndReportsPerCopy() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    AliceRun rebuild = AliceRun.of(work, "rebuild", library.toString(), "--cache", cache.toString());
    assertThat(cache).as(rebuild.err()).isRegularFile(); // broken.jpg is an error row; the rest is indexed
    Path elsewhere = Files.createDirectories(work.resolve("downloads")).resolve("copy-of-a.png");
    Files.copy(library.resolve("a.png"), elsewhere);
    Path unknown = work.resolve("downloads/new.png");
    image(unknown, "png", 9);

    AliceRun where = AliceRun.of(work, "locations", elsewhere.toString(), "--cache", cache.toString());
    assertThat(where.code()).as(where.err()).isZero();
    assertThat(where.out()).contains("(1 copy)").contains("local   " + library.resolve("a.png"));

    AliceRun json = AliceRun.of(work, "locations", elsewhere.toString(), unknown.toString(), "--cache",
        cache.toString(), "--json");
    assertThat(json.code()).as("new.png is not in the cache").isEqualTo(1);
    Map<String, JsonNode> copies = byName(json.json());
    assertThat(copies.keySet()).containsExactly("a.png", "new.png");
    assertThat(copies.get("a.png").get("storage_type").asText()).isEqualTo("local");
    assertThat(copies.get("new.png").get("Error").asText()).isEqualTo("not in the cache");

    AliceRun stats = AliceRun.of(work, "stats", "--cache", cache.toString(), "--json");
    assertThat(stats.json().get("assets").asLong()).isEqualTo(2);
    assertThat(stats.json().get("storage").get("local").asLong()).isEqualTo(2);

    AliceRun clean = AliceRun.of(work, "verify", "--cache", cache.toString(), "--json");
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.json().size()).isZero();
  }
}
