package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keywords, titles, ratings, captions, capture times and GPS positions written by ExifTool, exiv2 and ffmpeg
 * (never by alice), in XMP, IPTC, EXIF, ID3 and QuickTime item lists, were shown by {@code alice show} but could not be found: {@code exiftool -XMP-dc:Subject+=beach
 * -IPTC:Keywords+=holiday a.jpg; alice rebuild; alice search --tag beach} found nothing, nor did {@code --text
 * holiday}. Now they reach typed cache columns and the tags table on a rebuild and on an in-place scan alike, and
 * {@code search} filters on them. Real {@code alice} child JVMs, a real DuckDB cache.
 */
class OtherToolsMetadataSearchTest {
  @TempDir Path work;
  private Path root;
  private Path cache;

  @BeforeEach
  void filesWrittenByOtherTools() throws Exception {
    RequiredTools.assumeCommands("exiftool", "exiv2", "ffmpeg");
    root = Files.createDirectories(work.resolve("photos"));
    cache = work.resolve("alice.duckdb");
    Path paris = jpeg("paris.jpg", Color.ORANGE);
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-dc:Subject+=beach", "-IPTC:Keywords+=holiday",
        "-XMP-dc:Title=Sunset walk", "-XMP-xmp:Rating=4", "-XMP-xmp:Label=Red",
        "-XMP-lr:HierarchicalSubject+=mood|calm", "-XMP-digiKam:TagsList+=places/Europe/Paris",
        "-IPTC:Caption-Abstract=Old caption", "-XMP-dc:Description=Evening by the river",
        "-EXIF:DateTimeOriginal=2023:07:14 18:30:00", "-GPSLatitude=48.8566", "-GPSLatitudeRef=N",
        "-GPSLongitude=2.3522", "-GPSLongitudeRef=E", paris.toString());
    Path harbour = jpeg("harbour.jpg", Color.BLUE);
    AliceRun.tool("exiv2", "-M", "set Xmp.dc.subject XmpBag sunset", "-M", "set Xmp.xmp.Rating 2",
        "-M", "set Iptc.Application2.Caption harbour at dusk",
        "-M", "set Exif.Photo.DateTimeOriginal 2019:05:04 20:15:00",
        "-M", "set Exif.GPSInfo.GPSLatitudeRef N", "-M", "set Exif.GPSInfo.GPSLatitude 40/1 42/1 4614/100",
        "-M", "set Exif.GPSInfo.GPSLongitudeRef W", "-M", "set Exif.GPSInfo.GPSLongitude 74/1 0/1 2156/100",
        "-M", "set Xmp.lr.hierarchicalSubject XmpBag places|America|New York", harbour.toString());
    AliceRun.tool("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
        "-t", "0.3", "-metadata", "title=Night drive", "-metadata", "genre=Ambient",
        root.resolve("song.mp3").toString());
    Path clip = root.resolve("clip.mp4");
    AliceRun.tool("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=32x24:rate=5", "-t", "0.4",
        "-metadata", "creation_time=2021-03-04T05:06:07Z", clip.toString());
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-ItemList:Title=Quay timelapse",
        "-ItemList:Keyword=boats", "-ItemList:Genre=Documentary", clip.toString());
  }

  private Path jpeg(String name, Color color) throws Exception {
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 16, 12);
    g.dispose();
    Path file = root.resolve(name);
    assertThat(ImageIO.write(image, "jpg", file.toFile())).isTrue();
    return file;
  }

  @Test
  @Timeout(300)
  void keywordsTitlesRatingsTimesAndPlacesOfOtherToolsAreFound() throws Exception {
    alice("rebuild", root.toString(), "--cache", cache.toString());

    assertThat(foundByChild("--tag", "beach")).containsExactly("paris.jpg");
    assertThat(foundByChild("--text", "holiday")).containsExactly("paris.jpg");
    assertThat(found("--tag", "keyword:holiday")).containsExactly("paris.jpg");
    assertThat(found("--tag", "mood:calm")).containsExactly("paris.jpg");
    assertThat(found("--tag", "calm")).containsExactly("paris.jpg");
    assertThat(found("--tag", "places:paris")).containsExactly("paris.jpg");
    assertThat(found("--tag", "places:New York")).containsExactly("harbour.jpg");
    assertThat(found("--tag", "sunset")).containsExactly("harbour.jpg");
    assertThat(found("--text", "walk")).containsExactly("paris.jpg");
    assertThat(found("--text", "harbour dusk")).containsExactly("harbour.jpg");
    assertThat(found("--text", "night drive")).containsExactly("song.mp3");
    assertThat(found("--tag", "genre:ambient")).containsExactly("song.mp3");
    assertThat(found("--tag", "boats")).containsExactly("clip.mp4");
    assertThat(found("--text", "timelapse", "--tag", "genre:documentary")).containsExactly("clip.mp4");
    assertThat(found("--taken-since", "2021-03-04", "--taken-until", "2021-03-05")).containsExactly("clip.mp4");
    assertThat(found("--rating", "4")).containsExactly("paris.jpg");
    assertThat(found("--rating", "2")).containsExactlyInAnyOrder("paris.jpg", "harbour.jpg");
    assertThat(found("--taken-since", "2023-01-01")).containsExactly("paris.jpg");
    assertThat(found("--taken-until", "2019-05-04T20:15:01")).containsExactly("harbour.jpg");
    assertThat(found("--taken-since", "2019-05-04T20:15:01", "--taken-until", "2023-07-14T18:30:00"))
        .containsExactly("clip.mp4");
    assertThat(found("--near", "48.85,2.35,5")).containsExactly("paris.jpg");
    assertThat(found("--near", "40.7128,-74.0060,2")).containsExactly("harbour.jpg");
    assertThat(found("--near", "45,-30,1000")).isEmpty();

    List<String> columns = CacheEquality.rows(cache, "SELECT concat_ws(', ', coalesce(title, '-'),"
        + " coalesce(rating::VARCHAR, '-'), coalesce(label, '-'), coalesce(taken_at::VARCHAR, '-'),"
        + " coalesce(round(gps_lat, 4)::VARCHAR, '-'), coalesce(round(gps_lon, 4)::VARCHAR, '-'),"
        + " coalesce(description, '-'), coalesce(description_source, '-')) AS r FROM assets");
    assertThat(columns).containsExactlyInAnyOrder(
        "r=Sunset walk, 4, Red, 2023-07-14 18:30:00, 48.8566, 2.3522, Evening by the river, xmp",
        "r=-, 2, -, 2019-05-04 20:15:00, 40.7128, -74.006, harbour at dusk, iptc",
        "r=Night drive, -, -, -, -, -, -, -",
        "r=Quay timelapse, -, -, 2021-03-04 05:06:07, -, -, -, -");
  }

  @Test
  @Timeout(300)
  void anInPlaceScanWritesWhatARebuildWrites() throws Exception {
    alice("rebuild", root.toString(), "--cache", cache.toString());
    AliceRun.tool("exiftool", "-q", "-overwrite_original", "-XMP-dc:Title=Morning walk", "-XMP-xmp:Rating=5",
        "-XMP-dc:Subject+=river", root.resolve("paris.jpg").toString());

    alice("scan", root.toString(), "--cache", cache.toString());

    assertThat(found("--tag", "river", "--rating", "5")).containsExactly("paris.jpg");
    assertThat(found("--text", "morning")).containsExactly("paris.jpg");
    Path fresh = Files.createDirectories(work.resolve("fresh")).resolve("alice.duckdb");
    alice("rebuild", root.toString(), "--cache", fresh.toString());
    assertThat(CacheEquality.differences(cache, fresh)).isEmpty();
  }

  /**
   * A cache made before these columns cannot answer their filters: search says so and names the fix, a scan
   * refuses to update it in place, and the next rebuild reads every file again (its copies' standard values
   * lack the XMP properties the columns come from) instead of reusing them.
   */
  @Test
  @Timeout(300)
  void anOlderCacheSaysToRebuild() throws Exception {
    alice("rebuild", root.toString(), "--cache", cache.toString());
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:" + cache);
        java.sql.Statement sql = db.createStatement()) {
      // as schema 3 made them
      sql.execute("DROP INDEX search_assets_by_id");
      sql.execute("ALTER TABLE search_assets DROP COLUMN taken_at");
      sql.execute("ALTER TABLE assets DROP COLUMN taken_at");
    }

    AliceRun old = AliceRun.of(work, "search", "--rating", "3", "--cache", cache.toString());
    assertThat(old.code()).as(old.err()).isNotZero();
    assertThat(old.err()).contains("older version of alice", "alice rebuild");
    assertThat(old.out()).isEmpty();
    assertThat(found("--tag", "beach")).containsExactly("paris.jpg");

    AliceRun scan = AliceRun.of(work, "scan", root.toString(), "--cache", cache.toString());
    assertThat(scan.code()).as(scan.out() + scan.err()).isNotZero();
    assertThat(scan.err()).contains("rebuild needed");
    AliceRun rebuild = AliceRun.of(work, "rebuild", root.toString(), "--cache", cache.toString());
    assertThat(rebuild.code()).as(rebuild.out() + rebuild.err()).isZero();
    assertThat(rebuild.out() + rebuild.err()).contains("full run (the cache was made by an older version of alice)");
    assertThat(found("--rating", "3")).containsExactly("paris.jpg");
  }

  private void alice(String... args) throws Exception {
    AliceRun run = AliceRun.of(work, args);
    assertThat(run.code()).as("alice " + String.join(" ", args) + ": " + run.out() + run.err()).isZero();
  }

  /** The file names a search finds, by the command line in this process (a child JVM each is too slow). */
  private List<String> found(String... filters) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = ai.alicemultiverse.cli.AliceCommand.commandLine().execute(searchArgs(filters));
    } finally {
      System.setOut(original);
    }
    String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(exit).as("alice search " + List.of(filters) + ": " + json).isZero();
    return names(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
  }

  /** The file names a search by a child {@code alice} process finds. */
  private List<String> foundByChild(String... filters) throws Exception {
    AliceRun run = AliceRun.of(work, searchArgs(filters));
    assertThat(run.code()).as("alice search " + List.of(filters) + ": " + run.err()).isZero();
    return names(run.json());
  }

  private String[] searchArgs(String... filters) {
    List<String> args = new ArrayList<>(List.of("search", "--json", "--cache", cache.toString()));
    args.addAll(List.of(filters));
    return args.toArray(String[]::new);
  }

  private static List<String> names(JsonNode result) {
    List<String> names = new ArrayList<>();
    for (JsonNode hit : result.get("hits")) {
      names.add(Path.of(hit.get("SourceFile").asText()).getFileName().toString());
    }
    return names;
  }
}
