package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.testing.InMemoryCodec;
import ai.alicemultiverse.testing.Vectors;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TiffCodecTest {
  private final TiffCodec codec = new TiffCodec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @ParameterizedTest
  @ValueSource(strings = {"plain.tif", "tagged.tif"})
  void payloadHashMatchesVectors(String name) throws IOException {
    BytesMediaSource source = new BytesMediaSource(Vectors.bytes(name));
    assertThat(ContentHash.of(source, codec.payload(source)))
        .isEqualTo(Vectors.expectedHashes().get(name))
        .startsWith("sha256:a3133cd79f49101d");
  }

  @Test
  void payloadIsTheSingleStripOfIfd0() throws IOException {
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("plain.tif"))))
        .containsExactly(new ByteRange(8, 47387));
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("tagged.tif"))))
        .containsExactly(new ByteRange(3374, 47387));
  }

  @Test
  void recognizesMagicOnly() {
    assertThat(codec.recognizes(new byte[] {'I', 'I', 42, 0})).isTrue();
    assertThat(codec.recognizes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8})).isTrue();
    assertThat(codec.recognizes(new byte[] {'I', 'I', 43, 0})).isTrue();
    assertThat(codec.recognizes(new byte[] {'I', 'I', 42})).isFalse();
    assertThat(codec.recognizes(new byte[] {'M', 'M', 42, 0})).isFalse();
    assertThat(codec.recognizes(Vectors.bytes("plain.png"))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("tagged.tif"), 64))).isTrue();
  }

  @Test
  void formatIsTiff() throws IOException {
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("plain.tif"))))
        .isEqualTo(MediaFormat.TIFF);
    assertThatThrownBy(() -> codec.format(new BytesMediaSource(Vectors.bytes("plain.png"))))
        .isInstanceOf(CodecException.class).hasMessageContaining("byte 0");
  }

  @Test
  void readsTaggedXmpAndNothingFromPlain() throws IOException {
    String xml = codec.readXmp(new BytesMediaSource(Vectors.bytes("tagged.tif"))).orElseThrow().xml();
    assertThat(xml).startsWith("<?xpacket begin=")
        .contains("<rdf:li xml:lang='x-default'>cyberpunk portrait</rdf:li>")
        .contains("<rdf:li>neon</rdf:li>", "<rdf:li>portrait</rdf:li>", "<rdf:li>Midjourney</rdf:li>")
        .hasSize(3084); // 3086 bytes: the xpacket BOM is 3 bytes in UTF-8
    assertThat(xml.getBytes(StandardCharsets.UTF_8)).hasSize(3086);
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes("plain.tif")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.tif", "tagged.tif"})
  void roundTripKeepsPayloadAndReplacesXmp(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    byte[] written = io.write(original, TiffTestFiles.PACKET);

    BytesMediaSource source = new BytesMediaSource(written);
    assertThat(codec.readXmp(source)).contains(XmpPacket.of(TiffTestFiles.PACKET));
    assertThat(ContentHash.of(source, codec.payload(source)))
        .isEqualTo(Vectors.expectedHashes().get(name));
    // the old packet is gone from the file, not just unreferenced
    assertThat(new String(written, StandardCharsets.ISO_8859_1))
        .doesNotContain("cyberpunk portrait").doesNotContain("Midjourney");
    // every original byte is kept except the IFD0 pointer and the blanked old packet
    int entries = entryCount(original) + (name.equals("plain.tif") ? 1 : 0);
    int xmpLength = TiffTestFiles.PACKET.length();
    long expectedSize = align(align(original.length) + xmpLength) + 2 + 12 * entries + 4;
    assertThat((long) written.length).isEqualTo(expectedSize);
    assertThat(Arrays.copyOfRange(written, 8, 3374)).isEqualTo(name.equals("plain.tif")
        ? Arrays.copyOfRange(original, 8, 3374) : blankedTaggedHead(original));
    assertThat(Arrays.copyOfRange(written, 3374, original.length))
        .isEqualTo(Arrays.copyOfRange(original, 3374, original.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.tif", "tagged.tif"})
  void writingTwiceIsStableAndDoesNotGrow(String name) throws IOException {
    byte[] once = io.write(Vectors.bytes(name), TiffTestFiles.PACKET);
    assertThat(io.write(once, TiffTestFiles.PACKET)).isEqualTo(once);

    String other = TiffTestFiles.packet("second packet");
    byte[] twice = io.write(once, other);
    assertThat(codec.readXmp(new BytesMediaSource(twice))).contains(XmpPacket.of(other));
    assertThat(twice).isEqualTo(io.write(Vectors.bytes(name), other));
  }

  @Test
  void largePacketRoundTrips() throws IOException {
    String large = TiffTestFiles.largePacket(200_000);
    byte[] written = io.write(Vectors.bytes("tagged.tif"), large);
    BytesMediaSource source = new BytesMediaSource(written);
    assertThat(codec.readXmp(source).orElseThrow().xml()).isEqualTo(large).hasSizeGreaterThan(200_000);
    assertThat(ContentHash.of(source, codec.payload(source)))
        .isEqualTo(Vectors.expectedHashes().get("tagged.tif"));
    // shrinking back reuses the tail
    assertThat(io.write(written, TiffTestFiles.PACKET))
        .isEqualTo(io.write(Vectors.bytes("tagged.tif"), TiffTestFiles.PACKET));
  }

  @Test
  void imageIoTiffRoundTripsAndStillDecodes() throws IOException {
    BufferedImage image = TiffTestFiles.image(40, 30, 3);
    byte[] tiff = TiffTestFiles.imageIoTiff(List.of(image), 0);
    BytesMediaSource original = new BytesMediaSource(tiff);
    List<ByteRange> payload = codec.payload(original);
    assertThat(payload.stream().mapToLong(ByteRange::length).sum()).isEqualTo(40 * 30 * 3);

    byte[] written = io.write(tiff, TiffTestFiles.PACKET);
    BytesMediaSource source = new BytesMediaSource(written);
    assertThat(codec.readXmp(source)).contains(XmpPacket.of(TiffTestFiles.PACKET));
    assertThat(ContentHash.of(source, codec.payload(source)))
        .isEqualTo(ContentHash.of(original, payload));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(written));
    assertThat(decoded.getRGB(0, 0, 40, 30, null, 0, 40))
        .isEqualTo(image.getRGB(0, 0, 40, 30, null, 0, 40));
  }

  @Test
  void pagesAndTilesAreAllImageData() throws IOException {
    byte[] pages = TiffTestFiles.imageIoTiff(
        List.of(TiffTestFiles.image(20, 10, 1), TiffTestFiles.image(8, 6, 2)), 0);
    List<ByteRange> ranges = codec.payload(new BytesMediaSource(pages));
    assertThat(ranges.stream().mapToLong(ByteRange::length).sum()).isEqualTo(20 * 10 * 3 + 8 * 6 * 3);

    byte[] tiled = TiffTestFiles.imageIoTiff(List.of(TiffTestFiles.image(40, 20, 1)), 16);
    List<ByteRange> tiles = codec.payload(new BytesMediaSource(tiled));
    assertThat(tiles.stream().mapToLong(ByteRange::length).sum()).isEqualTo(3 * 2 * 16 * 16 * 3);

    byte[] written = io.write(pages, TiffTestFiles.PACKET);
    assertThat(codec.payload(new BytesMediaSource(written))).isEqualTo(ranges);
  }

  @Test
  void readsAndWritesBigTiff() throws IOException {
    byte[] strip = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] big = TiffTestFiles.bigTiff(strip, TiffTestFiles.PACKET);
    BytesMediaSource source = new BytesMediaSource(big);
    assertThat(codec.readXmp(source)).contains(XmpPacket.of(TiffTestFiles.PACKET));
    assertThat(codec.payload(source)).containsExactly(new ByteRange(16 + 76, 16));

    String packet = TiffTestFiles.PACKET.replace("</rdf:RDF>", "<rdf:Description rdf:about=''/></rdf:RDF>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.writeXmp(source, packet, out);
    BytesMediaSource written = new BytesMediaSource(out.toByteArray());

    assertThat(codec.readXmp(written)).contains(XmpPacket.of(packet));
    assertThat(codec.payload(written)).containsExactly(new ByteRange(16 + 76, 16)); // the strip did not move
    assertThat(java.util.Arrays.copyOfRange(out.toByteArray(), 0, 8)).isEqualTo(java.util.Arrays.copyOfRange(big, 0, 8));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    codec.writeXmp(written, packet, again);
    assertThat(again.toByteArray()).isEqualTo(out.toByteArray()); // the same packet twice: the same bytes
  }

  @Test
  void ifdLoopEnds() throws IOException {
    byte[] looped = Vectors.bytes("plain.tif");
    int ifd0 = ifd0Offset(looped); // make IFD0's next pointer point to IFD0 itself
    int next = ifd0 + 2 + 12 * entryCount(looped);
    looped[next] = (byte) ifd0;
    looped[next + 1] = (byte) (ifd0 >> 8);
    assertThat(codec.payload(new BytesMediaSource(looped))).containsExactly(new ByteRange(8, 47387));
  }

  private static int ifd0Offset(byte[] tiff) {
    return (tiff[4] & 0xff) | (tiff[5] & 0xff) << 8 | (tiff[6] & 0xff) << 16;
  }

  private static int entryCount(byte[] tiff) {
    int ifd0 = ifd0Offset(tiff);
    return (tiff[ifd0] & 0xff) | (tiff[ifd0 + 1] & 0xff) << 8;
  }

  /** tagged.tif bytes 8..3374 with its 3086-byte XMP packet zeroed. */
  private static byte[] blankedTaggedHead(byte[] original) {
    String text = new String(original, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("<?xpacket begin");
    byte[] head = Arrays.copyOfRange(original, 8, 3374);
    Arrays.fill(head, start - 8, start - 8 + 3086, (byte) 0);
    return head;
  }

  private static long align(long offset) {
    return offset + (offset & 1);
  }
}
