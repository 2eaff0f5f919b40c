package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alice tag --title --rating} and tags written as the standard properties other tools read: dc:title,
 * xmp:Rating and lr:hierarchicalSubject ({@code category|value}, as Lightroom and digiKam write it), read back
 * by ExifTool and exiv2 rather than by alice, on a JPEG, a PNG, an MP4 and an MP3. Another tool's hierarchical
 * keyword and a rating alice cannot read stay as they were; removing a tag removes its hierarchical keyword;
 * the content hash never changes.
 */
@Timeout(300)
class TagStandardFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void titleRatingAndCategoriesAreWrittenWhereOtherToolsReadThem() throws Exception {
    RequiredTools.assumeCommands("exiftool", "exiv2");
    List<Path> files = copies("plain.jpg", "plain.png", "plain.mp4", "plain.mp3");
    Path jpeg = files.get(0);
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-lr:HierarchicalSubject=places|Europe|Paris",
        jpeg.toString());
    Map<Path, String> hashes = hashes(files);

    AliceRun tag = alice(files, "tag", "--add", "style:noir", "--add", "mood:dark", "--title", "Neon alley",
        "--rating", "4");
    assertThat(tag.code()).as(tag.err()).isZero();

    for (JsonNode file : exifTool(files)) {
      String name = file.get("SourceFile").asText();
      assertThat(file.path("Title").asText()).as(name + " dc:title").isEqualTo("Neon alley");
      assertThat(file.path("Rating").asInt(-99)).as(name + " xmp:Rating").isEqualTo(4);
      List<String> expected = name.endsWith(".jpg")
          ? List.of("places|Europe|Paris", "mood|dark", "style|noir") : List.of("mood|dark", "style|noir");
      assertThat(texts(file.path("HierarchicalSubject"))).as(name + " lr:hierarchicalSubject")
          .containsExactlyElementsOf(expected);
    }
    for (Path image : files.subList(0, 2)) { // exiv2 reads XMP in images, not in MP4 or MP3
      String exiv2 = AliceRun.tool("exiv2", "-px", image.toString());
      assertThat(exiv2).as("exiv2 -px " + image)
          .containsPattern("Xmp\\.lr\\.hierarchicalSubject +XmpBag +\\d+ +(places\\|Europe\\|Paris, )?mood\\|dark,"
              + " style\\|noir")
          .containsPattern("Xmp\\.dc\\.title +LangAlt +1 +lang=\"x-default\" Neon alley")
          .containsPattern("Xmp\\.xmp\\.Rating +XmpText +1 +4");
    }

    AliceRun remove = alice(files, "tag", "--remove", "style:noir", "--rating", "-1");
    assertThat(remove.code()).as(remove.err()).isZero();
    for (JsonNode file : exifTool(files)) {
      String name = file.get("SourceFile").asText();
      List<String> expected = name.endsWith(".jpg") ? List.of("places|Europe|Paris", "mood|dark") : List.of("mood|dark");
      assertThat(texts(file.path("HierarchicalSubject"))).as(name + " after --remove style:noir")
          .containsExactlyElementsOf(expected);
      assertThat(file.path("Rating").asInt(-99)).as(name + " rejected").isEqualTo(-1);
      assertThat(file.path("Title").asText()).as(name + " title kept").isEqualTo("Neon alley");
    }
    assertThat(hashes(files)).as("content hashes after both writes").isEqualTo(hashes);

    AliceRun show = alice(List.of(jpeg), "show");
    assertThat(show.out()).containsPattern("title +Neon alley").containsPattern("rating +-1 \\(rejected\\)")
        .containsPattern("hierarchy +places\\|Europe\\|Paris").containsPattern("tag mood +dark");
  }

  @Test
  void aRatingOutsideTheScaleIsRefusedAndAnotherToolsRatingIsKept() throws Exception {
    RequiredTools.assumeCommands("exiftool");
    Path jpeg = copies("plain.jpg").get(0);
    byte[] before = Files.readAllBytes(jpeg);

    for (String wrong : List.of("6", "-2")) {
      AliceRun refused = alice(List.of(jpeg), "tag", "--rating", wrong);
      assertThat(refused.code()).as("alice tag --rating " + wrong).isEqualTo(2);
      assertThat(refused.err()).contains("--rating " + wrong).contains("1 to 5").contains("-1 for rejected");
    }
    assertThat(Files.readAllBytes(jpeg)).as("the file after refused ratings").isEqualTo(before);

    // xmp:Rating is an XMP Real: a value alice does not write (2.5) is another tool's, not alice's to drop.
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-xmp:Rating=2.5", jpeg.toString());
    assertThat(alice(List.of(jpeg), "tag", "--add", "style:noir").code()).isZero();
    JsonNode file = exifTool(List.of(jpeg)).get(0);
    assertThat(file.path("Rating").asDouble()).as("another tool's rating").isEqualTo(2.5);
    assertThat(texts(file.path("HierarchicalSubject"))).containsExactly("style|noir");
  }

  private List<Path> copies(String... names) throws Exception {
    List<Path> copies = new ArrayList<>();
    for (String name : names) {
      Path copy = work.resolve(name);
      Files.copy(HardeningCorpus.vectors().resolve(name), copy);
      copy.toFile().setWritable(true);
      copies.add(copy);
    }
    return copies;
  }

  private AliceRun alice(List<Path> files, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    files.forEach(f -> all.add(f.toString()));
    return AliceRun.of(work, all.toArray(String[]::new));
  }

  private Map<Path, String> hashes(List<Path> files) throws Exception {
    AliceRun hash = alice(files, "hash", "--json");
    assertThat(hash.code()).as(hash.err()).isZero();
    Map<Path, String> hashes = new LinkedHashMap<>();
    for (JsonNode file : hash.json()) {
      hashes.put(Path.of(file.get("SourceFile").asText()), file.toString());
    }
    assertThat(hashes).hasSize(files.size());
    return hashes;
  }

  private static JsonNode exifTool(List<Path> files) throws Exception {
    List<String> command = new ArrayList<>(
        List.of("exiftool", "-q", "-j", "-XMP-lr:HierarchicalSubject", "-XMP-dc:Title", "-XMP-xmp:Rating"));
    files.forEach(f -> command.add(f.toString()));
    JsonNode all = JSON.readTree(AliceRun.tool(command.toArray(String[]::new)));
    assertThat(all).hasSize(files.size());
    return all;
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText()); // ExifTool prints a one-item list as a plain value
    }
    return out;
  }
}
