package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rebuild --verify} finds a file whose pixels changed after alice embedded its hash: the
 * fast path trusts the embedded hash and cannot see it.
 */
class RebuildVerifyTest {
  @TempDir static Path work;
  static Path root;
  static Path stale;
  static String oldHash;

  @BeforeAll
  static void makeAStaleFile() throws IOException {
    root = Files.createDirectories(work.resolve("media"));
    Path fresh = root.resolve("fresh.png");
    stale = root.resolve("stale.png");
    writePng(fresh, 0x000000);
    writePng(stale, 0x102030);
    MetadataEmbedder.embed(fresh, m -> m.toBuilder().description("untouched").build());
    oldHash = MetadataEmbedder.embed(stale, m -> m.toBuilder().description("edited later").build()).contentHash();
    XmpPacket oldPacket;
    try (MediaSource source = ChannelMediaSource.open(stale)) {
      oldPacket = Codecs.forSource(source).readXmp(source).orElseThrow();
    }
    // An editor rewrites the pixels (and drops the XMP); the old packet is put back as it was.
    Path repainted = work.resolve("repainted.png");
    writePng(repainted, 0xFF8000);
    try (MediaSource source = ChannelMediaSource.open(repainted); OutputStream out = Files.newOutputStream(stale)) {
      Codecs.forSource(source).writeXmp(source, oldPacket.xml(), out);
    }
  }

  static void writePng(Path file, int base) throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, base + x * 3 + y);
      }
    }
    ImageIO.write(image, "png", file.toFile());
  }

  static Path rebuild(String name, boolean verify) throws IOException {
    Path cache = work.resolve(name + "/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache), verify),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
    return cache;
  }

  @Test
  void verifyReportsTheStaleEmbeddedHash() throws Exception {
    Path cache = rebuild("verify", true);
    List<List<String>> errors = CacheRows.query(cache, "SELECT path, stage, reason FROM errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get(0)).isEqualTo(stale.toString());
    assertThat(errors.get(0).get(1)).isEqualTo("verify");
    assertThat(errors.get(0).get(2)).startsWith("embedded content hash " + oldHash + " does not match the media");
    // the file is still indexed, under the hash of the media it holds now
    assertThat(CacheRows.query(cache, "SELECT content_hash <> '" + oldHash + "', hash_source FROM locations"
        + " WHERE path = '" + stale + "'")).containsExactly(List.of("true", "computed"));
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("2");
  }

  @Test
  void theFastPathTrustsTheEmbeddedHash() throws Exception {
    Path cache = rebuild("fast", false);
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM errors")).isEqualTo("0");
    assertThat(CacheRows.query(cache, "SELECT content_hash, hash_source FROM locations WHERE path = '" + stale + "'"))
        .containsExactly(List.of(oldHash, "embedded"));
  }
}
