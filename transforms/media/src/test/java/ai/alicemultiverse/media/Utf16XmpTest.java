package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.XmpPackets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XMP packets stored as UTF-16 or UTF-32 (XMP Specification Part 1, 7.1 allows them; ExifTool reads them)
 * are read like UTF-8 ones; a write stores UTF-8 and leaves the content hash as it was.
 */
class Utf16XmpTest {
  private static final String DESCRIPTION = "Grüße aus Köln ☀";

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void aJpegWithAWideXmpPacketIsReadAndRewrittenAsUtf8(String encoding) throws Exception {
    Path file = work.resolve("wide.jpg");
    Files.write(file, jpegWithXmp(packet().getBytes(Charset.forName(encoding))));
    if (ExifTool.available()) { // the file is what another tool reads as valid XMP
      assertThat(ExifTool.run("-s3", "-XMP-dc:Description", file.toString()).trim()).isEqualTo(DESCRIPTION);
    }

    Inspection before = inspect(file);
    assertThat(before.metadata()).isNotNull();
    assertThat(before.metadata().description()).isEqualTo(DESCRIPTION);

    MetadataEmbedder.Result written = MetadataEmbedder.embed(file, m -> m.withTag("style", "wide"));
    assertThat(written.contentHash()).isEqualTo(before.contentHash());

    Inspection after = inspect(file);
    assertThat(after.metadata().description()).isEqualTo(DESCRIPTION);
    assertThat(after.metadata().toJson()).contains("wide");
    assertThat(after.contentHash()).isEqualTo(before.contentHash());
    byte[] bytes = Files.readAllBytes(file);
    String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(asLatin1).contains("http://ns.adobe.com/xap/1.0/\0<");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(DESCRIPTION);
  }

  private static String packet() {
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" + XmpPackets.small(DESCRIPTION)
        + "<?xpacket end=\"w\"?>";
  }

  private static Inspection inspect(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true);
    }
  }

  /** A JPEG from ImageIO with one XMP APP1 segment right after SOI holding {@code packet} as given. */
  private static byte[] jpegWithXmp(byte[] packet) throws IOException {
    BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xFF8800);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", jpeg);
    byte[] plain = jpeg.toByteArray();
    byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + header.length + packet.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2); // SOI
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.write(header);
    out.write(packet);
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }
}
