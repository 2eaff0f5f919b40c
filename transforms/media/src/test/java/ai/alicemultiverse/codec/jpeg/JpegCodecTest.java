package ai.alicemultiverse.codec.jpeg;

import static ai.alicemultiverse.testing.ByteArrays.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.InMemoryCodec;
import ai.alicemultiverse.testing.Vectors;
import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPUtils;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegCodecTest {
  private static final String VECTOR_HASH =
      "sha256:0014625e275e5c7e0f0918e4d3980ef0be1311989f56f053c04c5d1c56a6f55e";
  private static final String BIGXMP_GUID = "B4C2CFCDEA59006DFAE604519349ADD0";
  private static final String ALICE_NS = "http://alicemultiverse.ai/ns/1.0/";

  private final JpegCodec codec = new JpegCodec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @TempDir Path tmp;

  // ---- signature and payload ----

  @Test
  void recognizesOnlyTheJpegSignature() throws IOException {
    assertThat(codec.recognizes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).isTrue();
    assertThat(codec.recognizes(Vectors.bytes("plain.jpg"))).isTrue();
    assertThat(codec.recognizes(new byte[] {(byte) 0xFF, (byte) 0xD8})).isFalse();
    assertThat(codec.recognizes(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x00})).isFalse();
    assertThat(codec.recognizes(Vectors.bytes("plain.png"))).isFalse();
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("tagged.jpg"))))
        .isEqualTo(MediaFormat.JPEG);
    assertThatThrownBy(() -> codec.format(new BytesMediaSource(Vectors.bytes("plain.png"))))
        .isInstanceOf(CodecException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "tagged.jpg", "bigxmp.jpg"})
  void payloadHashMatchesTheVectors(String name) throws IOException {
    assertThat(Vectors.expectedHashes()).containsEntry(name, VECTOR_HASH);
    try (MediaSource source = ChannelMediaSource.open(Vectors.file(name))) {
      assertThat(ContentHash.of(source, codec.payload(source))).isEqualTo(VECTOR_HASH);
    }
  }

  @Test
  void payloadRunsFromFirstSosToFinalEoi() throws IOException {
    // plain.jpg: SOS at byte 332, EOI in the last two bytes of the 1956-byte file.
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("plain.jpg"))))
        .containsExactly(new ByteRange(332, 1956 - 2 - 332));
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("bigxmp.jpg"))))
        .containsExactly(new ByteRange(105_732, 107_356 - 2 - 105_732));
  }

  @Test
  void trailingBytesAfterEoiAreNotMedia() throws IOException {
    byte[] withTrailer = concat(Vectors.bytes("plain.jpg"), "trailer".getBytes(StandardCharsets.US_ASCII));
    assertThat(io.hash(withTrailer)).isEqualTo(VECTOR_HASH);
  }

  // ---- reading ----

  @Test
  void plainHasNoXmp() throws IOException {
    assertThat(io.read(Vectors.bytes("plain.jpg"))).isEmpty();
  }

  @Test
  void taggedXmpIsFound() throws IOException {
    XmpPacket xmp = io.read(Vectors.bytes("tagged.jpg")).orElseThrow();
    assertThat(xmp.xml())
        .startsWith("<?xpacket begin=")
        .contains("<rdf:li xml:lang='x-default'>cyberpunk portrait</rdf:li>")
        .contains("<rdf:li>neon</rdf:li>", "<rdf:li>portrait</rdf:li>")
        .endsWith("<?xpacket end='w'?>");
    assertThat(xmp.xml().getBytes(StandardCharsets.UTF_8)).hasSize(3117 - 2 - 29);
    assertThat(xmp.extendedXml()).isNull();
  }

  @Test
  void bigxmpExtendedPartIsReassembledAndMatchesItsGuid() throws IOException {
    XmpPacket xmp = io.read(Vectors.bytes("bigxmp.jpg")).orElseThrow();
    assertThat(ExtendedXmpAssembler.guidNamedIn(xmp.xml())).contains(BIGXMP_GUID);
    assertThat(xmp.xml())
        .contains("<xmpNote:HasExtendedXMP>" + BIGXMP_GUID + "</xmpNote:HasExtendedXMP>");
    byte[] extended = xmp.extendedXml().getBytes(StandardCharsets.UTF_8);
    assertThat(extended).hasSize(0x018FE0);
    assertThat(md5Hex(extended)).isEqualTo(BIGXMP_GUID);
    assertThat(xmp.extendedXml()).contains("lorem ipsum neon").endsWith("</x:xmpmeta>\n");
  }

  @Test
  void extendedPiecesAreReassembledInAnyOrderIgnoringOtherGuids() throws IOException {
    byte[] file = Vectors.bytes("bigxmp.jpg");
    List<JpegSegment> pieces = segmentsOfKind(file, JpegAppSegment.EXTENDED_XMP);
    assertThat(pieces).hasSize(2);
    JpegSegment first = pieces.get(0);
    JpegSegment second = pieces.get(1);
    assertThat(second.start()).isEqualTo(first.end());
    byte[] stale = extendedSegment("0123456789ABCDEF0123456789ABCDEF", 10, 0, "stale data");
    byte[] reordered = concat(
        slice(file, 0, first.start()),
        stale,
        slice(file, second.start(), second.end()),
        slice(file, first.start(), first.end()),
        slice(file, second.end(), file.length));
    assertThat(segmentsOfKind(reordered, JpegAppSegment.EXTENDED_XMP)).hasSize(3);

    XmpPacket expected = io.read(file).orElseThrow();
    XmpPacket actual = io.read(reordered).orElseThrow();
    assertThat(actual.extendedXml()).isEqualTo(expected.extendedXml());
    assertThat(md5Hex(actual.extendedXml().getBytes(StandardCharsets.UTF_8))).isEqualTo(BIGXMP_GUID);
    assertThat(io.hash(reordered)).isEqualTo(VECTOR_HASH);
  }

  @Test
  void missingExtendedPieceIsReportedWithItsOffset() throws IOException {
    byte[] file = Vectors.bytes("bigxmp.jpg");
    JpegSegment first = segmentsOfKind(file, JpegAppSegment.EXTENDED_XMP).get(0);
    byte[] gap = concat(slice(file, 0, first.start()), slice(file, first.end(), file.length));
    assertThatThrownBy(() -> io.read(gap))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("missing bytes 0..65458 (next piece in segment at byte 2894)");
  }

  @Test
  void guidIsFoundInAttributeAndElementForm() {
    assertThat(ExtendedXmpAssembler.guidNamedIn(
        "<rdf:Description xmpNote:HasExtendedXMP=\"" + BIGXMP_GUID + "\"/>")).contains(BIGXMP_GUID);
    assertThat(ExtendedXmpAssembler.guidNamedIn(
        "<n:HasExtendedXMP>\n " + BIGXMP_GUID + " </n:HasExtendedXMP>")).contains(BIGXMP_GUID);
    assertThat(ExtendedXmpAssembler.guidNamedIn("<dc:title>no</dc:title>")).isEmpty();
  }

  // ---- writing ----

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "tagged.jpg", "bigxmp.jpg"})
  void smallPacketRoundTripsAndReplacesTheOldXmp(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    String packet = packet("sha256:0014625e", "written by alice", "");
    byte[] written = io.write(original, packet);

    assertThat(io.read(written)).contains(new XmpPacket(packet, null));
    assertThat(io.hash(written)).isEqualTo(VECTOR_HASH);
    assertThat(segmentsOfKind(written, JpegAppSegment.XMP)).hasSize(1);
    assertThat(segmentsOfKind(written, JpegAppSegment.EXTENDED_XMP)).isEmpty();
    String text = new String(written, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("cyberpunk portrait", "lorem ipsum", BIGXMP_GUID);
    // The XMP sits right after the JFIF APP0 (which ends at byte 20 in every vector).
    assertThat(segmentsOfKind(written, JpegAppSegment.XMP).get(0).start()).isEqualTo(20);
    // Everything but the XMP is byte for byte the same: only the APP1 segments differ.
    assertThat(withoutXmp(written)).isEqualTo(withoutXmp(original));
    assertThat(io.write(written, packet)).isEqualTo(written);
  }

  @Test
  void packetOfExactlyOneSegmentStaysStandard() throws IOException {
    String base = packet("sha256:x", "fits", "");
    int pad = ExtendedXmpSplitter.MAX_STANDARD_PACKET - base.getBytes(StandardCharsets.UTF_8).length;
    String full = base.replace("<?xpacket end", " ".repeat(pad) + "<?xpacket end");
    assertThat(full.getBytes(StandardCharsets.UTF_8)).hasSize(65_504);
    byte[] written = io.write(Vectors.bytes("plain.jpg"), full);
    JpegSegment xmp = segmentsOfKind(written, JpegAppSegment.XMP).get(0);
    assertThat(xmp.end() - xmp.markerOffset()).isEqualTo(2 + 0xFFFF);
    assertThat(io.read(written)).contains(new XmpPacket(full, null));
  }

  @Test
  void largePacketIsSplitIntoExtendedXmp() throws Exception {
    String prompt = bigText(200_000);
    String packet = packet("sha256:0014625e", "large one", "<alice:prompt>" + prompt + "</alice:prompt>");
    for (String name : List.of("plain.jpg", "tagged.jpg", "bigxmp.jpg")) {
      byte[] written = io.write(Vectors.bytes(name), packet);
      assertThat(io.hash(written)).isEqualTo(VECTOR_HASH);
      List<JpegSegment> pieces = segmentsOfKind(written, JpegAppSegment.EXTENDED_XMP);
      assertThat(pieces).hasSizeGreaterThanOrEqualTo(4); // > 200 KB in <= 65400-byte pieces
      for (JpegSegment segment : JpegSegmentReader.read(new BytesMediaSource(written)).segments()) {
        assertThat(segment.end() - segment.markerOffset()).isLessThanOrEqualTo(2 + 0xFFFF);
      }
      assertThat(segmentsOfKind(written, JpegAppSegment.XMP)).hasSize(1);
      // Standard XMP first, the extended pieces right after it, in order.
      assertThat(pieces.get(0).start())
          .isEqualTo(segmentsOfKind(written, JpegAppSegment.XMP).get(0).end());

      XmpPacket xmp = io.read(written).orElseThrow();
      String guid = ExtendedXmpAssembler.guidNamedIn(xmp.xml()).orElseThrow();
      assertThat(guid).matches("[0-9A-F]{32}");
      assertThat(md5Hex(xmp.extendedXml().getBytes(StandardCharsets.UTF_8))).isEqualTo(guid);
      XMPMeta main = XMPMetaFactory.parseFromString(xmp.xml());
      assertThat(main.getPropertyString(ALICE_NS, "content_hash")).isEqualTo("sha256:0014625e");
      assertThat(main.doesPropertyExist(ALICE_NS, "prompt")).isFalse();
      XMPMeta merged = XMPMetaFactory.parseFromString(xmp.xml());
      XMPUtils.mergeFromJPEG(merged, XMPMetaFactory.parseFromString(xmp.extendedXml()));
      assertThat(merged.getPropertyString(ALICE_NS, "prompt")).isEqualTo(prompt);
      assertThat(merged.getLocalizedText(XMPConst.NS_DC, "description", null, "x-default").getValue())
          .isEqualTo("large one");
      assertThat(merged.doesPropertyExist(XMPConst.NS_XMP_NOTE, "HasExtendedXMP")).isFalse();

      assertThat(io.write(written, packet)).isEqualTo(written);
      assertThat(io.write(Vectors.bytes(name), packet)).isEqualTo(written);
    }
  }

  @Test
  void exifStaysFirstAndXmpFollowsIt() throws IOException {
    byte[] plain = Vectors.bytes("plain.jpg");
    byte[] exif = app1(concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
        new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0}));
    // JFIF, Exif, then the rest; the old XMP of tagged.jpg is placed after Exif on purpose.
    byte[] tagged = Vectors.bytes("tagged.jpg");
    JpegSegment oldXmp = segmentsOfKind(tagged, JpegAppSegment.XMP).get(0);
    byte[] file = concat(slice(plain, 0, 20), slice(tagged, oldXmp.start(), oldXmp.end()), exif,
        slice(plain, 20, plain.length));
    byte[] written = io.write(file, packet("sha256:x", "after exif", ""));
    List<JpegSegment> segments = JpegSegmentReader.read(new BytesMediaSource(written)).segments();
    List<JpegAppSegment> kinds = new ArrayList<>();
    for (JpegSegment s : segments.subList(0, 3)) {
      kinds.add(JpegAppSegment.of(new BytesMediaSource(written), s));
    }
    assertThat(kinds).containsExactly(JpegAppSegment.JFIF, JpegAppSegment.EXIF, JpegAppSegment.XMP);
    assertThat(slice(written, 20, 20 + exif.length)).isEqualTo(exif);
    assertThat(io.hash(written)).isEqualTo(VECTOR_HASH);
  }

  @Test
  void imageIoJpegRoundTripsAndStillDecodes() throws IOException {
    BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 24; x++) {
        image.setRGB(x, y, (x * 10) << 16 | (y * 15) << 8 | 0x40);
      }
    }
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpg", encoded)).isTrue();
    byte[] original = encoded.toByteArray();
    assertThat(codec.recognizes(original)).isTrue();
    assertThat(io.read(original)).isEmpty();
    String before = io.hash(original);

    String packet = packet("sha256:imageio", "made by ImageIO", "");
    byte[] written = io.write(original, packet);
    assertThat(io.read(written)).contains(new XmpPacket(packet, null));
    assertThat(io.hash(written)).isEqualTo(before);
    assertThat(io.write(written, packet)).isEqualTo(written);
    BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
    BufferedImage b = ImageIO.read(new ByteArrayInputStream(written));
    assertThat(b.getWidth()).isEqualTo(24);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 24; x++) {
        assertThat(b.getRGB(x, y)).isEqualTo(a.getRGB(x, y));
      }
    }
  }

  @Test
  void packetWithDtdIsRefused() {
    String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]>"
        + packet("sha256:x", "&e;", "");
    assertThatThrownBy(() -> io.write(Vectors.bytes("plain.jpg"), evil))
        .isInstanceOf(CodecException.class)
        .hasMessage("XMP packet contains a DTD; refused");
  }

  // ---- damaged input ----

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "tagged.jpg", "bigxmp.jpg"})
  void truncatedOrFlippedInputFailsCleanly(String name) throws IOException {
    byte[] file = Vectors.bytes(name);
    List<Long> edges = new ArrayList<>();
    for (JpegSegment s : JpegSegmentReader.read(new BytesMediaSource(file)).segments()) {
      edges.addAll(List.of(s.start(), s.markerOffset() + 2, s.payloadOffset(), s.end()));
    }
    TreeSet<Integer> cuts = CorruptInputs.cuts(file.length, edges, 2, 2);
    String packet = packet("sha256:x", "fuzz", "");
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int cut : cuts) {
        CorruptInputs.exercise(codec, slice(file, 0, cut), packet);
      }
      Random random = new Random(42);
      int headerEnd = (int) JpegSegmentReader.read(new BytesMediaSource(file)).sos().end();
      for (int n = 0; n < 400; n++) {
        int at = n < 200 ? random.nextInt(headerEnd) : random.nextInt(file.length);
        int value = n % 3 == 0 ? 0xFF : random.nextInt(256);
        CorruptInputs.exercise(codec, CorruptInputs.withByte(file, at, value), packet);
      }
    });
  }

  // ---- exiftool ----

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "tagged.jpg", "bigxmp.jpg"})
  void exiftoolReadsWhatWasWritten(String name) throws IOException {
    assumeTrue(ExifTool.available(), "exiftool not on PATH");
    Path original = Vectors.file(name);
    Path small = tmp.resolve("small-" + name);
    Files.write(small, io.write(Vectors.bytes(name), packet("sha256:0014625e", "written by alice", "")));
    assertThat(ExifTool.xmpJson(small))
        .contains("\"XMP-alice:Content_hash\": \"sha256:0014625e\"")
        .contains("\"XMP-dc:Description\": \"written by alice\"")
        .doesNotContain("cyberpunk portrait", "HasExtendedXMP");
    assertThat(ExifTool.warnings(original)).containsAll(ExifTool.warnings(small));

    String prompt = bigText(200_000);
    Path large = tmp.resolve("large-" + name);
    Files.write(large, io.write(Vectors.bytes(name),
        packet("sha256:0014625e", "large one", "<alice:prompt>" + prompt + "</alice:prompt>")));
    assertThat(ExifTool.xmpJson(large))
        .contains("\"XMP-alice:Prompt\": \"(Binary data 200000 bytes")
        .contains("\"XMP-alice:Content_hash\": \"sha256:0014625e\"")
        .contains("\"XMP-dc:Description\": \"large one\"");
    assertThat(ExifTool.value(large, "XMP-alice:Prompt")).isEqualTo(prompt);
    assertThat(ExifTool.warnings(original)).containsAll(ExifTool.warnings(large));
  }

  // ---- helpers ----

  /** A small x:xmpmeta document with an alice property and dc:description, plus {@code extra}. */
  static String packet(String contentHash, String description, String extra) {
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "  <rdf:Description rdf:about=\"\"\n"
        + "    xmlns:alice=\"" + ALICE_NS + "\"\n"
        + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        + "   <alice:content_hash>" + contentHash + "</alice:content_hash>\n"
        + "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + description
        + "</rdf:li></rdf:Alt></dc:description>\n"
        + "   " + extra + "\n"
        + "  </rdf:Description>\n"
        + " </rdf:RDF>\n"
        + "</x:xmpmeta>\n"
        + "<?xpacket end=\"w\"?>";
  }

  private static String bigText(int length) {
    StringBuilder text = new StringBuilder(length + 16);
    for (int i = 0; text.length() < length; i++) {
      text.append("token").append(i).append(i % 7 == 0 ? ", " : " ");
    }
    return text.substring(0, length).trim();
  }

  private static List<JpegSegment> segmentsOfKind(byte[] file, JpegAppSegment kind)
      throws IOException {
    MediaSource source = new BytesMediaSource(file);
    List<JpegSegment> found = new ArrayList<>();
    for (JpegSegment s : JpegSegmentReader.read(source).segments()) {
      if (JpegAppSegment.of(source, s) == kind) {
        found.add(s);
      }
    }
    return found;
  }

  /** The file with every XMP APP1 segment cut out. */
  private static byte[] withoutXmp(byte[] file) throws IOException {
    MediaSource source = new BytesMediaSource(file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long position = 0;
    for (JpegSegment s : JpegSegmentReader.read(source).segments()) {
      if (JpegAppSegment.of(source, s).isXmp()) {
        out.write(file, (int) position, (int) (s.start() - position));
        position = s.end();
      }
    }
    out.write(file, (int) position, (int) (file.length - position));
    return out.toByteArray();
  }

  private static byte[] extendedSegment(String guid, int fullLength, int offset, String data) {
    ByteBuffer payload = ByteBuffer.allocate(75 + data.length())
        .put("http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1))
        .put(guid.getBytes(StandardCharsets.US_ASCII))
        .putInt(fullLength)
        .putInt(offset)
        .put(data.getBytes(StandardCharsets.US_ASCII));
    return app1(payload.array());
  }

  private static byte[] app1(byte[] payload) {
    int length = payload.length + 2;
    return concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length}, payload);
  }

  private static byte[] slice(byte[] bytes, long from, long to) {
    return java.util.Arrays.copyOfRange(bytes, (int) from, (int) to);
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
