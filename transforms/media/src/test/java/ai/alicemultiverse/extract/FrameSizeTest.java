package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Width and height come from the frame itself (JPEG SOF, PNG IHDR, TIFF IFD0, the video track), not from
 * what EXIF repeats of it; the EXIF values stay in the JSON. Files are made by ImageMagick, ExifTool and
 * ffmpeg; a test skips when its tool is not installed.
 */
class FrameSizeTest {
  @TempDir Path work;

  @Test
  void aResizedJpegHasTheSizeOfItsFrameNotOfItsExif() throws Exception {
    Path jpeg = work.resolve("resized.jpg");
    run("convert", "-size", "120x80", "plasma:fractal", jpeg.toString());
    // what a resize that keeps the original's EXIF leaves behind
    run("exiftool", "-overwrite_original", "-ExifIFD:ExifImageWidth=2400", "-ExifIFD:ExifImageHeight=1600",
        jpeg.toString());
    StandardMetadata m = TikaExtractorTest.extract(jpeg).metadata();
    assertThat(m.width()).isEqualTo(120);
    assertThat(m.height()).isEqualTo(80);
    assertThat(m.json()).contains("2400", "1600");
  }

  @Test
  void aTiffHasTheSizeOfItsMainImageNotOfALaterSmallerOne() throws Exception {
    Path tiff = work.resolve("two.tif");
    run("convert", "-size", "120x80", "xc:red", "-size", "40x30", "xc:blue", tiff.toString());
    StandardMetadata m = TikaExtractorTest.extract(tiff).metadata();
    assertThat(m.width()).isEqualTo(120);
    assertThat(m.height()).isEqualTo(80);
  }

  @Test
  void aTiffHasTheSizeOfIfd0NotOfItsExifPixelDimensions() throws Exception {
    Path tiff = work.resolve("exif.tif");
    run("convert", "-size", "120x80", "xc:red", tiff.toString());
    run("exiftool", "-overwrite_original", "-ExifIFD:ExifImageWidth=40", "-ExifIFD:ExifImageHeight=30",
        tiff.toString());
    StandardMetadata m = TikaExtractorTest.extract(tiff).metadata();
    assertThat(m.width()).isEqualTo(120);
    assertThat(m.height()).isEqualTo(80);
    assertThat(m.json()).contains("40");
  }

  @Test
  void aTiffWithABiggerPreviewHasTheSizeOfItsMainImage() throws Exception {
    Path tiff = work.resolve("preview.tif");
    run("convert", "-size", "120x80", "xc:red", "-size", "400x300", "xc:blue", tiff.toString());
    StandardMetadata m = TikaExtractorTest.extract(tiff).metadata();
    assertThat(m.width()).isEqualTo(120);
    assertThat(m.height()).isEqualTo(80);
  }

  @Test
  void aPngWithAnInvalidColourTypeStillHasItsIhdrSize() throws Exception {
    BufferedImage image = new BufferedImage(33, 21, BufferedImage.TYPE_INT_RGB);
    Path png = work.resolve("bad-colour.png");
    ImageIO.write(image, "png", png.toFile());
    byte[] bytes = Files.readAllBytes(png);
    // IHDR data starts at byte 16: width(4) height(4) bit depth(1) colour type(1); 7 is no colour type
    bytes[25] = 7;
    CRC32 crc = new CRC32();
    crc.update(bytes, 12, 4 + 13);
    ByteBuffer.wrap(bytes).putInt(29, (int) crc.getValue());
    Files.write(png, bytes);
    StandardMetadata m = TikaExtractorTest.extract(png).metadata();
    assertThat(m.width()).isEqualTo(33);
    assertThat(m.height()).isEqualTo(21);
  }

  @Test
  void aVideoHasTheSizeOfItsVideoTrackAndA3gppBrandIsVideo3gpp() throws Exception {
    Path movie = work.resolve("phone.mp4");
    run("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=176x144:rate=10", "-t", "1",
        "-c:v", "mpeg4", "-brand", "3gp5", "-f", "mp4", movie.toString());
    StandardMetadata m = TikaExtractorTest.extract(movie).metadata();
    assertThat(m.width()).isEqualTo(176);
    assertThat(m.height()).isEqualTo(144);
    try (MediaSource source = ChannelMediaSource.open(movie)) {
      Inspection seen = MediaInspector.inspect(source, true);
      assertThat(seen.mime()).isEqualTo("video/3gpp");
    }
    assertThat(m.mime()).isEqualTo("video/3gpp");
  }

  /** Runs a tool to make a test file; skips the test when the tool is not installed. */
  private static void run(String... command) throws IOException, InterruptedException {
    assumeTrue(onPath(command[0]), command[0] + " is not installed");
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
