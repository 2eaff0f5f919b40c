package ai.alicemultiverse.codec.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.InMemoryCodec;
import ai.alicemultiverse.testing.Vectors;
import ai.alicemultiverse.testing.XmpPackets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngCodecTest {
  static final String PACKET = XmpPackets.small("a red fox ü");

  private final PngCodec codec = new PngCodec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @ParameterizedTest
  @ValueSource(strings = {"a1111.png", "plain.png", "tagged.png"})
  void payloadHashMatchesVectors(String name) throws IOException {
    assertThat(io.hash(Vectors.bytes(name))).isEqualTo(Vectors.expectedHashes().get(name));
  }

  @Test
  void payloadIsTheIdatDataFields() throws IOException {
    // plain.png: IDAT of 32768 bytes at 111 and of 1303 bytes at 32891 (data after 8-byte header)
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("plain.png"))))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly("119+32768", "32899+1303");
  }

  @Test
  void recognizesSignatureOnly() {
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.png"), 8))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.png"), 7))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.webp"), 64))).isFalse();
    assertThat(codec.format(new BytesMediaSource(new byte[0]))).isEqualTo(MediaFormat.PNG);
  }

  @Test
  void readsTaggedXmp() throws IOException {
    String xml = codec.readXmp(new BytesMediaSource(Vectors.bytes("tagged.png"))).orElseThrow().xml();
    assertThat(xml)
        .startsWith("<?xpacket begin=")
        .contains("<rdf:li xml:lang='x-default'>cyberpunk portrait</rdf:li>")
        .contains("<rdf:li>neon</rdf:li>", "<rdf:li>portrait</rdf:li>", "<rdf:li>Midjourney</rdf:li>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a1111.png", "plain.png"})
  void filesWithoutXmpReadEmpty(String name) throws IOException {
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes(name)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a1111.png", "plain.png", "tagged.png"})
  void roundTripKeepsEverythingElse(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    byte[] written = io.write(original, PACKET);

    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get(name));
    // the old packet (written by ExifTool in tagged.png) is gone
    assertThat(new String(written, StandardCharsets.ISO_8859_1)).doesNotContain("Image::ExifTool");
    // second write of the same packet is byte-identical
    assertThat(io.write(written, PACKET)).isEqualTo(written);

    List<PngChunk> chunks = PngChunkReader.read(new BytesMediaSource(written));
    assertThat(chunks.get(1).type()).isEqualTo("iTXt");
    assertThat(chunks.stream().filter(c -> c.type().equals("iTXt")).count()).isEqualTo(1);
    // every other chunk is byte-identical and in the same order
    assertThat(nonXmpChunks(written)).containsExactlyElementsOf(nonXmpChunks(original));
  }

  @Test
  void a1111ParametersChunkIsKept() throws IOException {
    byte[] original = Vectors.bytes("a1111.png");
    byte[] written = io.write(original, PACKET);
    // tEXt "parameters" of 158 bytes at byte 111 in the original: same 170 bytes in the output
    byte[] parameters = Arrays.copyOfRange(original, 111, 111 + 170);
    assertThat(new String(parameters, 8, 11, StandardCharsets.ISO_8859_1)).isEqualTo("parameters\0");
    int at = indexOf(written, parameters);
    assertThat(at).isEqualTo(111 + PngXmpChunk.encode(PACKET).length);
  }

  @Test
  void writtenChunkHasExpectedLayoutAndCrc() throws IOException {
    byte[] written = io.write(Vectors.bytes("plain.png"), PACKET);
    byte[] xml = PACKET.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(written);
    assertThat(b.getInt(33)).isEqualTo(18 + 4 + xml.length);
    assertThat(new String(written, 37, 22, StandardCharsets.ISO_8859_1))
        .isEqualTo("iTXtXML:com.adobe.xmp\0");
    // flag 0, method 0, empty language tag, empty translated keyword, then the text
    assertThat(Arrays.copyOfRange(written, 59, 63)).containsExactly(0, 0, 0, 0);
    assertThat(Arrays.copyOfRange(written, 63, 63 + xml.length)).isEqualTo(xml);
    CRC32 crc = new CRC32();
    crc.update(written, 37, 4 + 22 + xml.length);
    assertThat(Integer.toUnsignedLong(b.getInt(63 + xml.length))).isEqualTo(crc.getValue());
  }

  @Test
  void largePacketRoundTrips() throws IOException {
    String big = PACKET.replace("proj-42", "p".repeat(200_000));
    byte[] written = io.write(Vectors.bytes("tagged.png"), big);
    assertThat(codec.readXmp(new BytesMediaSource(written)).orElseThrow().xml()).isEqualTo(big);
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get("tagged.png"));
  }

  @Test
  void readsCompressedItxtWithLanguageAndTranslatedKeyword() throws IOException {
    byte[] withCompressed = insertAfterIhdr(Vectors.bytes("plain.png"), compressedXmpChunk(PACKET));
    assertThat(codec.readXmp(new BytesMediaSource(withCompressed))).contains(XmpPacket.of(PACKET));

    // writing replaces the compressed chunk: exactly one XMP chunk afterwards, uncompressed
    String other = PACKET.replace("proj-42", "proj-43");
    byte[] written = io.write(withCompressed, other);
    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(other));
    assertThat(io.write(Vectors.bytes("plain.png"), other)).isEqualTo(written);
  }

  @Test
  void imageIoPngRoundTrips(@TempDir Path dir) throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | (x + y));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "png", png)).isTrue();
    byte[] original = png.toByteArray();
    assertThat(codec.readXmp(new BytesMediaSource(original))).isEmpty();

    byte[] written = io.write(original, PACKET);
    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(original));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(written));
    assertThat(decoded.getWidth()).isEqualTo(40);
    assertThat(decoded.getRGB(39, 29)).isEqualTo(image.getRGB(39, 29));
    assertThat(decoded.getRGB(7, 3)).isEqualTo(image.getRGB(7, 3));
  }

  @Test
  void badXmpCrcIsReported() throws IOException {
    byte[] written = io.write(Vectors.bytes("plain.png"), PACKET);
    written[70] ^= 0x01; // inside the iTXt text
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(written)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("CRC mismatch")
        .hasMessageContaining("byte 33");
  }

  @Test
  void structuralErrorsSayWhere() {
    byte[] plain = Vectors.bytes("plain.png");
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(Arrays.copyOf(plain, 20000))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("IDAT at byte 111");
    byte[] huge = plain.clone();
    huge[33] = (byte) 0x80; // gAMA length >= 2^31
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(huge)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("gAMA at byte 33");
    byte[] badSignature = plain.clone();
    badSignature[1] = 'X';
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(badSignature)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void inflateIsCapped() throws IOException {
    byte[] bomb = new byte[PngXmpChunk.MAX_XMP_BYTES + 1];
    Arrays.fill(bomb, (byte) ' ');
    byte[] chunk = itxt(1, "", "", deflate(bomb));
    byte[] file = insertAfterIhdr(Vectors.bytes("plain.png"), chunk);
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(file)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("inflates to more than");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a1111.png", "tagged.png"})
  void corruptInputFailsCleanly(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    List<Long> edges = new ArrayList<>();
    for (PngChunk chunk : PngChunkReader.read(new BytesMediaSource(original))) {
      edges.addAll(List.of(chunk.offset(), chunk.dataOffset(), chunk.crcOffset()));
    }
    List<byte[]> variants = CorruptInputs.cutAndChanged(original,
        CorruptInputs.cuts(original.length, edges, 2, 2), b -> b ^ 0x01, b -> b ^ 0x80, b -> b ^ 0xFF);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (byte[] variant : variants) {
        CorruptInputs.exercise(codec, variant, PACKET);
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"a1111.png", "tagged.png"})
  void exifToolReadsWrittenXmpWithoutNewWarnings(String name, @TempDir Path dir) throws Exception {
    assumeThat(ExifTool.available()).as("exiftool on PATH").isTrue();
    Path original = Vectors.file(name);
    Path written = dir.resolve(name);
    Files.write(written, io.write(Vectors.bytes(name), PACKET));

    String json = ExifTool.xmpJson(written);
    assertThat(json)
        .contains("\"XMP-alice:ProjectId\": \"proj-42\"")
        .contains("\"XMP-dc:Description\": \"a red fox ü\"")
        .doesNotContain("cyberpunk portrait");
    assertThat(ExifTool.warnings(written)).isSubsetOf(ExifTool.warnings(original));
  }

  private static List<String> nonXmpChunks(byte[] file) throws IOException {
    BytesMediaSource source = new BytesMediaSource(file);
    List<String> chunks = new ArrayList<>();
    for (PngChunk chunk : PngChunkReader.read(source)) {
      if (!PngXmpChunk.isXmp(source, chunk)) {
        chunks.add(chunk.type() + ":" + Arrays.toString(Arrays.copyOfRange(file,
            (int) chunk.offset(), (int) chunk.whole().end())));
      }
    }
    return chunks;
  }

  private static byte[] compressedXmpChunk(String xml) {
    return itxt(1, "en", "XMP Metadaten", deflate(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] deflate(byte[] bytes) {
    Deflater deflater = new Deflater();
    deflater.setInput(bytes);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** An iTXt chunk with the XMP keyword, built by hand (length, type, data, CRC). */
  private static byte[] itxt(int flag, String language, String translated, byte[] text) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes("XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1));
    data.write(flag);
    data.write(0);
    data.writeBytes((language + "\0").getBytes(StandardCharsets.US_ASCII));
    data.writeBytes((translated + "\0").getBytes(StandardCharsets.UTF_8));
    data.writeBytes(text);
    byte[] d = data.toByteArray();
    ByteBuffer chunk = ByteBuffer.allocate(d.length + 12);
    chunk.putInt(d.length).put("iTXt".getBytes(StandardCharsets.US_ASCII)).put(d);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, d.length + 4);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  /** IHDR always ends at byte 33 (8 signature + 12 + 13). */
  private static byte[] insertAfterIhdr(byte[] png, byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    out.writeBytes(chunk);
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
