package ai.alicemultiverse.codec.webp;

import static ai.alicemultiverse.testing.ByteArrays.le32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffReader;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.InMemoryCodec;
import ai.alicemultiverse.testing.Vectors;
import ai.alicemultiverse.testing.XmpPackets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebpCodecTest {
  static final String PACKET = XmpPackets.small("a red fox ü");

  private final WebpCodec codec = new WebpCodec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @ParameterizedTest
  @ValueSource(strings = {"lossless.webp", "plain.webp", "tagged.webp"})
  void payloadHashMatchesVectors(String name) throws IOException {
    assertThat(io.hash(Vectors.bytes(name))).isEqualTo(Vectors.expectedHashes().get(name));
  }

  @Test
  void payloadRangesIncludeThePadByteLikeExifTool() throws IOException {
    // VP8L of odd size 12653 at byte 12: the vector hash covers data plus the pad byte (12654)
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("lossless.webp"))))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly("20+12654");
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("tagged.webp"))))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly("38+1432");
  }

  @Test
  void recognizesSignatureOnly() {
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.webp"), 12))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.webp"), 11))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.wav"), 64))).isFalse();
    assertThat(codec.format(new BytesMediaSource(new byte[0]))).isEqualTo(MediaFormat.WEBP);
  }

  @Test
  void readsTaggedXmp() throws IOException {
    String xml = codec.readXmp(new BytesMediaSource(Vectors.bytes("tagged.webp"))).orElseThrow().xml();
    assertThat(xml.getBytes(StandardCharsets.UTF_8)).hasSize(3086);
    assertThat(xml)
        .startsWith("<?xpacket begin=")
        .contains("<rdf:li xml:lang='x-default'>cyberpunk portrait</rdf:li>")
        .contains("<rdf:li>neon</rdf:li>", "<rdf:li>portrait</rdf:li>", "<rdf:li>Midjourney</rdf:li>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lossless.webp", "plain.webp"})
  void filesWithoutXmpReadEmpty(String name) throws IOException {
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes(name)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lossless.webp", "plain.webp", "tagged.webp"})
  void roundTrip(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    byte[] written = io.write(original, PACKET);

    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get(name));
    // the old packet (written by ExifTool in tagged.webp) is gone
    assertThat(new String(written, StandardCharsets.ISO_8859_1)).doesNotContain("Image::ExifTool");
    assertThat(io.write(written, PACKET)).isEqualTo(written);
    assertThat(le32(written, 4)).isEqualTo(written.length - 8);

    List<RiffChunk> chunks = RiffReader.read(new BytesMediaSource(written), WebpCodec.FORM).chunks();
    assertThat(chunks).extracting(RiffChunk::fourCc).containsOnlyOnce("XMP ", "VP8X");
    assertThat(chunks.get(0).fourCc()).isEqualTo("VP8X");
    assertThat(chunks.get(chunks.size() - 1).fourCc()).isEqualTo("XMP ");
    // VP8X: flags with only XMP set (no alpha in these files), canvas 96 x 64 stored as 95 / 63
    assertThat(Arrays.copyOfRange(written, 20, 30))
        .containsExactly(0x04, 0, 0, 0, 95, 0, 0, 63, 0, 0);
    // the image chunk is byte-identical
    RiffChunk image = RiffReader.read(new BytesMediaSource(original), WebpCodec.FORM).chunks().stream()
        .filter(c -> c.fourCc().startsWith("VP8") && !c.fourCc().equals("VP8X")).findFirst().orElseThrow();
    byte[] imageBytes = Arrays.copyOfRange(original, (int) image.offset(), (int) image.whole().end());
    assertThat(Arrays.copyOfRange(written, 30, 30 + imageBytes.length)).isEqualTo(imageBytes);
  }

  @Test
  void plainBecomesExtendedWithExactLayout() throws IOException {
    byte[] original = Vectors.bytes("plain.webp");
    byte[] written = io.write(original, PACKET);
    int xmpLength = PACKET.getBytes(StandardCharsets.UTF_8).length;
    int padded = xmpLength + (xmpLength & 1);
    assertThat(written).hasSize(original.length + 18 + 8 + padded);
    assertThat(new String(written, 12, 8, StandardCharsets.ISO_8859_1)).isEqualTo("VP8X\n\0\0\0");
    assertThat(Arrays.copyOfRange(written, 30, 30 + original.length - 12))
        .isEqualTo(Arrays.copyOfRange(original, 12, original.length));
    int xmpAt = 30 + original.length - 12;
    assertThat(new String(written, xmpAt, 4, StandardCharsets.ISO_8859_1)).isEqualTo("XMP ");
    assertThat(le32(written, xmpAt + 4)).isEqualTo(xmpLength);
  }

  @Test
  void oddPacketIsPaddedAndReadBackExactly() throws IOException {
    String odd = PACKET.getBytes(StandardCharsets.UTF_8).length % 2 == 1 ? PACKET : PACKET + " ";
    byte[] written = io.write(Vectors.bytes("tagged.webp"), odd);
    assertThat(written.length % 2).isZero();
    assertThat(written[written.length - 1]).isZero();
    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(odd));
  }

  @Test
  void lossyWithAlphaHintSetsAlphaFlag() throws IOException {
    byte[] alpha = Vectors.bytes("lossless.webp");
    alpha[24] |= 0x10; // bit 28 of the VP8L header word: alpha_is_used
    byte[] written = io.write(alpha, PACKET);
    assertThat(written[20]).isEqualTo((byte) 0x14);
  }

  @Test
  void largePacketRoundTrips() throws IOException {
    String big = PACKET.replace("proj-42", "p".repeat(200_001));
    byte[] written = io.write(Vectors.bytes("plain.webp"), big);
    assertThat(codec.readXmp(new BytesMediaSource(written)).orElseThrow().xml()).isEqualTo(big);
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get("plain.webp"));
  }

  @Test
  void structuralErrorsSayWhere() {
    byte[] plain = Vectors.bytes("plain.webp");
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(Arrays.copyOf(plain, 1000))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("RIFF size 1444 at byte 4");
    byte[] longChunk = plain.clone();
    longChunk[17] = 0x10; // VP8 size grows past the RIFF end
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(longChunk)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'VP8 ' at byte 12");
    byte[] notKeyFrame = plain.clone();
    notKeyFrame[23] = 0; // start code 9D 01 2A broken
    assertThatThrownBy(() -> codec.writeXmp(new BytesMediaSource(notKeyFrame), PACKET,
            new ByteArrayOutputStream()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("VP8 chunk at byte 12");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lossless.webp", "plain.webp", "tagged.webp"})
  void corruptInputFailsCleanly(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    List<Long> edges = new ArrayList<>(List.of(4L, 8L, 12L));
    for (RiffChunk chunk : RiffReader.read(new BytesMediaSource(original), WebpCodec.FORM).chunks()) {
      edges.addAll(List.of(chunk.offset(), chunk.dataOffset(), chunk.whole().end()));
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
  @ValueSource(strings = {"lossless.webp", "plain.webp", "tagged.webp"})
  void exifToolAcceptsWrittenFile(String name, @TempDir Path dir) throws Exception {
    assumeThat(ExifTool.available()).as("exiftool on PATH").isTrue();
    Path original = Vectors.file(name);
    Path written = dir.resolve(name);
    Files.write(written, io.write(Vectors.bytes(name), PACKET));

    String json = ExifTool.xmpJson(written);
    assertThat(json)
        .contains("\"XMP-alice:ProjectId\": \"proj-42\"")
        .contains("\"XMP-dc:Description\": \"a red fox ü\"")
        .doesNotContain("cyberpunk");
    assertThat(ExifTool.run("-validate", "-warning", "-a", written.toString()))
        .contains("Validate                        : OK");
    assertThat(ExifTool.warnings(written)).isSubsetOf(ExifTool.warnings(original));
    // every width/height ExifTool finds (VP8X canvas and bitstream) equals the original's
    assertThat(canvas(written)).isEqualTo(canvas(original)).containsExactly("96", "64");
    assertThat(ExifTool.run("-s3", "-FileType", written.toString()).trim()).isEqualTo("Extended WEBP");
  }

  private static TreeSet<String> canvas(Path file) throws Exception {
    String out = ExifTool.run("-s3", "-a", "-ImageWidth", "-ImageHeight", file.toString());
    TreeSet<String> values = new TreeSet<>(java.util.Comparator.reverseOrder());
    values.addAll(Arrays.asList(out.trim().split("\\R")));
    return values;
  }
}
