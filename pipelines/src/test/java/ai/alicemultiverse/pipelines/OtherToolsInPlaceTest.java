package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.cache.WatchUpsert;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.testing.RequiredTools;
import ai.alicemultiverse.understanding.OfflineProvider;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What other tools wrote (here ExifTool: a title, a rating, keywords flat and hierarchical, a capture time, a GPS
 * position) reaches the cache through a watch's batch and through ingest exactly as through a rebuild of the same
 * files: the typed columns and tags come from one rule ({@code AssetFields}) on every path.
 */
class OtherToolsInPlaceTest {
  @TempDir Path work;
  private Path root;
  private Path photo;

  @BeforeEach
  void photoEditedByExifTool() throws Exception {
    RequiredTools.assumeCommands("exiftool");
    root = Files.createDirectories(work.resolve("photos"));
    photo = root.resolve("paris.jpg");
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 16, 12);
    g.dispose();
    assertThat(ImageIO.write(image, "jpg", photo.toFile())).isTrue();
    Process exiftool = new ProcessBuilder("exiftool", "-q", "-overwrite_original", "-XMP-dc:Subject+=beach",
        "-IPTC:Keywords+=holiday", "-XMP-dc:Title=Sunset walk", "-XMP-xmp:Rating=4", "-XMP-xmp:Label=Red",
        "-XMP-lr:HierarchicalSubject+=mood|calm", "-EXIF:DateTimeOriginal=2023:07:14 18:30:00",
        "-GPSLatitude=48.8566", "-GPSLatitudeRef=N", "-GPSLongitude=2.3522", "-GPSLongitudeRef=E", photo.toString())
        .redirectErrorStream(true).start();
    String output = new String(exiftool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exiftool.waitFor()).as(output).isZero();
  }

  @Test
  void aWatchBatchWritesWhatARebuildWrites() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    WatchUpsert writer = new WatchUpsert(cache);
    writer.ensureCache(List.of(root.toString()));
    try (MediaSource source = ChannelMediaSource.open(photo)) {
      writer.write(List.of(ExtractMediaFn.record(source, MediaInspector.inspect(source, false), photo.toString(),
          Files.size(photo), Files.getLastModifiedTime(photo).toMillis(), "2026-01-01T00:00:00Z")), List.of());
    }

    assertThat(CacheRows.query(cache, "SELECT title, rating, label, taken_at::VARCHAR, round(gps_lat, 4) FROM assets"))
        .containsExactly(List.of("Sunset walk", "4", "Red", "2023-07-14 18:30:00", "48.8566"));
    assertThat(CacheRows.query(cache, "SELECT category, value FROM tags ORDER BY ALL")).containsExactly(
        List.of("keyword", "beach"), List.of("keyword", "holiday"), List.of("mood", "calm"));
    assertSameAsRebuild(cache);
  }

  @Test
  void ingestKeepsWhatOtherToolsWroteAndWritesWhatARebuildWrites() throws Exception {
    Path cache = work.resolve("alice.duckdb");

    IngestPipelineTest.ingest(root, cache, new OfflineProvider(), false, false);

    assertThat(CacheRows.query(cache, "SELECT title, rating, taken_at::VARCHAR FROM assets"))
        .containsExactly(List.of("Sunset walk", "4", "2023-07-14 18:30:00"));
    assertThat(CacheRows.query(cache, "SELECT category || ':' || value FROM tags").stream().map(r -> r.get(0)))
        .contains("keyword:beach", "keyword:holiday", "mood:calm");
    assertSameAsRebuild(cache);
  }

  private void assertSameAsRebuild(Path cache) throws Exception {
    Path rebuilt = work.resolve("rebuilt/alice.duckdb");
    Files.createDirectories(rebuilt.getParent());
    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), rebuilt, RebuildConfig.defaultParquetDir(rebuilt),
        false), IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET);
    List<String> queries = new ArrayList<>(List.of(
        // each location's last_verified is when a command read it: the locations are compared by path alone
        "SELECT * EXCLUDE (locations), list_transform(locations, l -> l.path) FROM assets ORDER BY content_hash",
        "SELECT * FROM tags ORDER BY ALL",
        "SELECT * EXCLUDE (asset_id, best_location) FROM search_assets ORDER BY content_hash"));
    for (String query : queries) {
      assertThat(CacheRows.query(cache, query)).as(query).isEqualTo(CacheRows.query(rebuilt, query));
    }
  }
}
