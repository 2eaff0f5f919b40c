package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose media payload is empty (a PNG without IDAT, a TIFF whose strips have no byte counts) all
 * got the SHA-256 of nothing and merged into one asset with someone else's dimensions. Each is an
 * error row naming the reason now, and so is a TIFF whose strips lie outside the file.
 */
class EmptyPayloadTest {
  private static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path work;

  @Test
  @Timeout(120)
  void filesWithoutMediaDataAreErrorRowsNotOneSharedAsset() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Files.write(root.resolve("no-idat-4x4.png"), pngWithoutIdat(4, 4));
    Files.write(root.resolve("no-idat-9x7.png"), pngWithoutIdat(9, 7));
    Files.write(root.resolve("no-byte-counts.tif"), tiff(false));
    Files.write(root.resolve("strips-outside.tif"), tiff(true));
    Files.copy(HardeningCorpus.vectors().resolve("plain.jpg"), root.resolve("plain.jpg"));
    Path cache = work.resolve("cache/alice.duckdb");

    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
            false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    assertThat(HostileInputTest.column(cache, "SELECT content_hash FROM assets"))
        .hasSize(1).doesNotContain(EMPTY_SHA256);
    Set<String> errors = HostileInputTest.column(cache,
        "SELECT regexp_extract(path, '[^/]+$') || ': ' || reason FROM errors");
    assertThat(errors).hasSize(4).anySatisfy(e -> assertThat(e).startsWith("no-idat-4x4.png: ")
            .contains("PNG has no IDAT chunk"))
        .anySatisfy(e -> assertThat(e).startsWith("no-idat-9x7.png: ").contains("PNG has no IDAT chunk"))
        .anySatisfy(e -> assertThat(e).startsWith("no-byte-counts.tif: ").contains("no image data to hash"))
        .anySatisfy(e -> assertThat(e).startsWith("strips-outside.tif: ").contains("runs past the end of the file"));
  }

  private static byte[] pngWithoutIdat(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put(new byte[] {8, 2, 0, 0, 0}).array()));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data)
        .putInt((int) crc.getValue()).array();
  }

  /** A 4x4 RGB TIFF: one strip after the IFD, either without StripByteCounts or far past the end. */
  private static byte[] tiff(boolean stripOutside) {
    int entries = stripOutside ? 5 : 4;
    int ifdSize = 2 + 12 * entries + 4;
    ByteBuffer b = ByteBuffer.allocate(8 + ifdSize + 48).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries);
    entry(b, 256, 3, 4);
    entry(b, 257, 3, 4);
    entry(b, 259, 3, 1);
    entry(b, 273, 4, stripOutside ? 1_000_000 : 8 + ifdSize);
    if (stripOutside) {
      entry(b, 279, 4, 48);
    }
    b.putInt(0);
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }
}
