package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ExifTool as an independent reader of what TiffCodec wrote (skipped without exiftool). */
class TiffExifToolTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"plain.tif", "tagged.tif", "imageio"})
  void exifToolReadsThePacketAndFindsNoNewProblems(String name) throws Exception {
    assumeTrue(ExifTool.available(), "exiftool not on PATH");
    byte[] original = name.equals("imageio")
        ? TiffTestFiles.imageIoTiff(List.of(TiffTestFiles.image(24, 16, 5)), 0)
        : Vectors.bytes(name);
    Path before = dir.resolve("before.tif");
    Files.write(before, original);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // wrapped: ExifTool -validate warns about a TIFF packet without the xpacket wrapper
    new TiffCodec().writeXmp(new BytesMediaSource(original), TiffTestFiles.WRAPPED_PACKET, out);
    Path after = dir.resolve("after.tif");
    Files.write(after, out.toByteArray());

    String json = ExifTool.xmpJson(after);
    assertThat(json).contains("\"XMP-alice:Project\": \"tiff-round-trip\"")
        .contains("\"XMP-dc:Description\": \"written by TiffCodec\"")
        .doesNotContain("cyberpunk");

    Set<String> newWarnings = new TreeSet<>(ExifTool.warnings(after));
    ExifTool.warnings(before).forEach(newWarnings::remove);
    assertThat(newWarnings).isEmpty();
  }
}
