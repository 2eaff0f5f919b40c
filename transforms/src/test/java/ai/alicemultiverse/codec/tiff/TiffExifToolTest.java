package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    assumeTrue(exifToolAvailable(), "exiftool not on PATH");
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

    String json = run("exiftool", "-j", "-XMP:all", "-G1", after.toString());
    assertThat(json).contains("\"XMP-alice:Project\": \"tiff-round-trip\"")
        .contains("\"XMP-dc:Description\": \"written by TiffCodec\"")
        .doesNotContain("cyberpunk");

    Set<String> newWarnings = warnings(after);
    newWarnings.removeAll(warnings(before));
    assertThat(newWarnings).isEmpty();
  }

  private static Set<String> warnings(Path file) throws Exception {
    Set<String> lines = new TreeSet<>();
    for (String line : run("exiftool", "-validate", "-warning", "-a", file.toString()).split("\n")) {
      if (line.startsWith("Warning")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  private static boolean exifToolAvailable() {
    try {
      return run("exiftool", "-ver").matches("\\d+\\.\\d+\\s*");
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    process.waitFor();
    return new String(output, StandardCharsets.UTF_8);
  }
}
