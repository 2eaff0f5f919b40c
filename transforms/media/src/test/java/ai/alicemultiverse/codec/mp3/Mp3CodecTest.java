package ai.alicemultiverse.codec.mp3;

import static ai.alicemultiverse.testing.ByteArrays.concat;
import static ai.alicemultiverse.testing.ByteArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.InMemoryCodec;
import ai.alicemultiverse.testing.Vectors;
import ai.alicemultiverse.testing.XmpPackets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mp3CodecTest {
  static final String PACKET = XmpPackets.small("a neon song ü");
  static final String OTHER_PACKET = PACKET.replace("proj-42", "proj-7").replace("neon", "blue");

  /** plain.mp3 starts with a 45-byte ID3v2.4 tag (one TSSE frame); tagged.mp3 with 109 bytes. */
  static final int PLAIN_TAG = 45;
  static final int TAGGED_TAG = 109;

  private final Mp3Codec codec = new Mp3Codec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp3", "tagged.mp3"})
  void payloadHashMatchesVectors(String name) throws IOException {
    assertThat(io.hash(Vectors.bytes(name))).isEqualTo(Vectors.expectedHashes().get(name));
  }

  @Test
  void payloadCutsLeadingId3v2AndTrailingId3v1() throws IOException {
    byte[] plain = Vectors.bytes("plain.mp3");
    byte[] tagged = Vectors.bytes("tagged.mp3");
    assertThat(codec.payload(new BytesMediaSource(plain)))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly(PLAIN_TAG + "+" + (plain.length - PLAIN_TAG));
    assertThat(codec.payload(new BytesMediaSource(tagged)))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly(TAGGED_TAG + "+" + (tagged.length - TAGGED_TAG - 128));
  }

  @Test
  void recognizesId3OrFrameSync() throws IOException {
    assertThat(codec.recognizes("ID3".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOfRange(Vectors.bytes("plain.mp3"), PLAIN_TAG,
        PLAIN_TAG + 64))).isTrue();
    assertThat(codec.recognizes(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50})).isFalse(); // AAC
    assertThat(codec.recognizes(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0xF0})).isFalse();
    assertThat(codec.recognizes("ID".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.wav"), 64))).isFalse();
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("tagged.mp3"))))
        .isEqualTo(MediaFormat.MP3);
    assertThatThrownBy(() -> codec.format(new BytesMediaSource(Vectors.bytes("plain.wav"))))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void vectorsHaveNoXmp() throws IOException {
    // tagged.mp3 carries ID3 text frames (TIT2, TPE1) and ID3v1, but no XMP
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes("plain.mp3")))).isEmpty();
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes("tagged.mp3")))).isEmpty();
  }

  @Test
  void roundTripKeepsOtherFramesAndTrailingTags() throws IOException {
    byte[] original = Vectors.bytes("tagged.mp3");
    byte[] written = io.write(original, PACKET);

    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(original));
    assertThat(Arrays.copyOf(written, 4)).containsExactly('I', 'D', '3', 3); // v2.3 kept
    // TIT2 + TPE1 (the first 35 bytes of the body) byte-identical, followed by the PRIV frame
    assertThat(Arrays.copyOfRange(written, 10, 45)).isEqualTo(Arrays.copyOfRange(original, 10, 45));
    assertThat(new String(written, 45, 14, StandardCharsets.ISO_8859_1)).startsWith("PRIV");
    assertThat(new String(written, 55, 4, StandardCharsets.ISO_8859_1)).isEqualTo("XMP\0");
    // the frames did not fit the 99-byte body: a new body with 1 KB padding
    int packetFrame = 10 + 4 + PACKET.getBytes(StandardCharsets.UTF_8).length;
    int tagLength = 10 + 35 + packetFrame + Id3v2Writer.DEFAULT_PADDING;
    assertThat(codec.payload(new BytesMediaSource(written)).get(0).offset()).isEqualTo(tagLength);
    // audio frames and the ID3v1 block are copied unchanged
    assertThat(Arrays.copyOfRange(written, tagLength, written.length))
        .isEqualTo(Arrays.copyOfRange(original, TAGGED_TAG, original.length));

    assertThat(io.write(written, PACKET)).isEqualTo(written);
  }

  @Test
  void replacingKeepsTheTagSizeAndLeavesOneXmp() throws IOException {
    byte[] first = io.write(Vectors.bytes("tagged.mp3"), PACKET);
    byte[] second = io.write(first, OTHER_PACKET + "<!-- a little longer -->");

    assertThat(io.read(second)).contains(XmpPacket.of(OTHER_PACKET + "<!-- a little longer -->"));
    assertThat(second).hasSameSizeAs(first); // the padding absorbed the growth: audio stays
    assertThat(codec.payload(new BytesMediaSource(second)))
        .isEqualTo(codec.payload(new BytesMediaSource(first)));
    assertThat(count(second, "XMP\0")).isEqualTo(1);
    assertThat(count(second, "proj-42")).isZero();
  }

  @Test
  void v24TagKeepsSyncsafeSizes() throws IOException {
    byte[] original = Vectors.bytes("plain.mp3");
    byte[] written = io.write(original, PACKET);

    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(original));
    assertThat(Arrays.copyOf(written, 4)).containsExactly('I', 'D', '3', 4);
    assertThat(Arrays.copyOfRange(written, 10, 35))
        .isEqualTo(Arrays.copyOfRange(original, 10, 35));
    int frameSize = 4 + PACKET.getBytes(StandardCharsets.UTF_8).length;
    byte[] size = new byte[4];
    Id3v2Header.putSyncsafe(size, 0, frameSize);
    assertThat(Arrays.copyOfRange(written, 39, 43)).isEqualTo(size);
  }

  @Test
  void fileWithoutId3GetsANewV24Tag() throws IOException {
    byte[] original = Vectors.bytes("plain.mp3");
    assertThat(new String(original, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("ID3");
    byte[] tagless = Arrays.copyOfRange(original, PLAIN_TAG, original.length);
    assertThat(codec.recognizes(tagless)).isTrue();
    assertThat(codec.payload(new BytesMediaSource(tagless)))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly("0+" + tagless.length);
    assertThat(io.hash(tagless)).isEqualTo(Vectors.expectedHashes().get("plain.mp3"));

    byte[] written = io.write(tagless, PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(tagless));
    assertThat(Arrays.copyOf(written, 6)).containsExactly('I', 'D', '3', 4, 0, 0);
    assertThat(io.write(written, PACKET)).isEqualTo(written);
  }

  @Test
  void largePacketRoundTrips() throws IOException {
    String large = PACKET.replace("proj-42", "x".repeat(200_000));
    byte[] written = io.write(Vectors.bytes("tagged.mp3"), large);
    assertThat(io.read(written)).contains(XmpPacket.of(large));
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get("tagged.mp3"));
    byte[] back = io.write(written, PACKET); // shrinks inside the same tag
    assertThat(back).hasSameSizeAs(written);
    assertThat(io.read(back)).contains(XmpPacket.of(PACKET));
  }

  @Test
  void footerExtendedHeaderAndTrailingApeTag() throws IOException {
    byte[] audio = tagless();
    // v2.4 with extended header (6 bytes, no flags) and a footer; an APE tag before ID3v1 at the end
    byte[] ext = {0, 0, 0, 6, 1, 0};
    byte[] frames = concat(ext, frame4("TIT2", text("ape test")));
    byte[] ape = apeTag();
    byte[] id3v1 = Arrays.copyOfRange(Vectors.bytes("tagged.mp3"), 5042 - 128, 5042);
    byte[] file = concat(tag(4, 0x50, frames, true), audio, ape, id3v1);

    assertThat(io.hash(file)).isEqualTo(Vectors.expectedHashes().get("plain.mp3"));
    byte[] written = io.write(file, PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(file));
    int tagLength = 10 + frames.length + 10 + 4 + PACKET.getBytes(StandardCharsets.UTF_8).length
        + 10; // no padding with a footer
    assertThat(new String(written, tagLength - 10, 3, StandardCharsets.ISO_8859_1))
        .isEqualTo("3DI");
    assertThat(Arrays.copyOfRange(written, 10, 10 + frames.length)).isEqualTo(frames);
    assertThat(Arrays.copyOfRange(written, tagLength, written.length))
        .isEqualTo(concat(audio, ape, id3v1));
  }

  @Test
  void v23ExtendedHeaderPaddingSizeIsUpdated() throws IOException {
    byte[] ext = {0, 0, 0, 6, 0, 0, 0, 0, 0, 50};
    byte[] body = concat(ext, frame3("TIT2", text("ext")), new byte[50]);
    byte[] written = io.write(concat(tag(3, 0x40, body, false), tagless()), PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(Arrays.copyOfRange(written, 10, 16)).containsExactly(0, 0, 0, 6, 0, 0);
    assertThat(Arrays.copyOfRange(written, 16, 20))
        .containsExactly(0, 0, (byte) (Id3v2Writer.DEFAULT_PADDING >> 8), 0);
  }

  @Test
  void xmpInALaterLeadingTagIsReadAndReplaced() throws IOException {
    byte[] first = tag(3, 0, concat(frame3("TIT2", text("one")), new byte[20]), false);
    byte[] second = tag(4, 0, concat(frame4("PRIV", priv(OTHER_PACKET)), new byte[5]), false);
    byte[] file = concat(first, second, tagless());
    assertThat(io.read(file)).contains(XmpPacket.of(OTHER_PACKET));

    byte[] written = io.write(file, PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(count(written, "XMP\0")).isEqualTo(1);
    assertThat(count(written, "proj-7")).isZero();
    assertThat(io.hash(written)).isEqualTo(io.hash(file));
    assertThat(codec.payload(new BytesMediaSource(written)).get(0).length())
        .isEqualTo(tagless().length);
  }

  @Test
  void readsCompressedAndUnsynchronisedXmpFrames() throws IOException {
    byte[] packet = priv(PACKET);
    Deflater deflater = new Deflater();
    deflater.setInput(packet);
    deflater.finish();
    byte[] buffer = new byte[packet.length + 64];
    byte[] deflated = Arrays.copyOf(buffer, deflater.deflate(buffer));
    deflater.end();
    byte[] compressed = concat(new byte[] {0, 0, (byte) (packet.length >> 8), (byte) packet.length},
        deflated);
    byte[] v23 = frame3("PRIV", compressed);
    v23[9] = (byte) 0x80; // compression flag
    assertThat(io.read(concat(tag(3, 0, v23, false), tagless()))).contains(XmpPacket.of(PACKET));

    // v2.4 frame unsynchronisation (flag 0x0002): FF 00 stands for FF
    byte[] v24 = frame4("PRIV", concat(priv(PACKET + "<!--"), new byte[] {(byte) 0xFF, 0},
        "-->".getBytes(StandardCharsets.US_ASCII)));
    v24[9] = 0x02;
    assertThat(io.read(concat(tag(4, 0, v24, false), tagless())))
        .contains(XmpPacket.of(PACKET + "<!--\uFFFD-->"));
  }

  @Test
  void refusesTagsItCannotRewriteLosslessly() throws IOException {
    byte[] v22 = concat(new byte[] {'I', 'D', '3', 2, 0, 0, 0, 0, 0, 20}, new byte[20]);
    byte[] file22 = concat(v22, tagless());
    assertThat(io.hash(file22)).isEqualTo(Vectors.expectedHashes().get("plain.mp3"));
    assertThat(io.read(file22)).isEmpty();
    assertThatThrownBy(() -> io.write(file22, PACKET))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("ID3v2.2");

    byte[] unsync = concat(tag(3, 0x80, concat(frame3("TIT2", text("u")), new byte[8]), false),
        tagless());
    assertThatThrownBy(() -> io.write(unsync, PACKET))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("unsynchronised");

    byte[] crc = concat(tag(4, 0x40, concat(new byte[] {0, 0, 0, 12, 1, 0x20, 5, 0, 0, 0, 0, 0},
        frame4("TIT2", text("c"))), false), tagless());
    assertThatThrownBy(() -> io.write(crc, PACKET))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("CRC");
  }

  @Test
  void structuralErrorsSayWhere() {
    byte[] original = Vectors.bytes("tagged.mp3");
    byte[] tooLong = original.clone();
    tooLong[7] = 0x7F; // tag size past the end of the file
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(tooLong)))
        .isInstanceOf(CodecException.class).hasMessageContaining("at byte 0");
    byte[] badFrame = original.clone();
    badFrame[17] = 0x7F; // TIT2 size past the end of the tag
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(badFrame)))
        .isInstanceOf(CodecException.class).hasMessageContaining("TIT2 at byte 10");
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(new byte[] {'R', 'I', 'F', 'F'})))
        .isInstanceOf(CodecException.class).hasMessageContaining("not an MP3");
  }

  @Test
  void corruptInputFailsCleanly() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      byte[] withXmp = io.write(Vectors.bytes("tagged.mp3"), PACKET);
      for (byte[] file : new byte[][] {Vectors.bytes("plain.mp3"), Vectors.bytes("tagged.mp3"),
          withXmp}) {
        List<Integer> boundaries = List.of(3, 6, 10, 20, 45, 59, TAGGED_TAG, file.length - 128,
            file.length - 32);
        for (int cut : CorruptInputs.cuts(file.length, boundaries, 2, 2)) {
          exercise(Arrays.copyOf(file, cut));
        }
        for (int i = 0; i < file.length; i += (i < 700 || i > file.length - 160) ? 1 : 37) {
          for (int value : new int[] {0x00, 0xFF, file[i] ^ 0x80}) {
            exercise(CorruptInputs.withByte(file, i, value));
          }
        }
      }
    });
  }

  /**
   * Each operation either works or throws an IOException; a write must read back. A file that could be
   * written has a hash unless nothing but tags is left of it (an empty payload gets no hash).
   */
  private void exercise(byte[] file) throws IOException {
    CorruptInputs.Outcome outcome = CorruptInputs.exercise(codec, file, PACKET);
    if (outcome.written() != null && !emptyPayload(file)) {
      assertThat(outcome.hash()).as("payload hash of a file that could be written").isNotNull();
    }
    CorruptInputs.assertWrittenReadsBack(codec, outcome, PACKET);
  }

  private boolean emptyPayload(byte[] file) throws IOException {
    return codec.payload(new BytesMediaSource(file)).stream().mapToLong(ByteRange::length).sum() == 0;
  }

  @Test
  void exifToolReadsOurXmpAndTheId3TagsStayTheSame(@TempDir Path dir) throws Exception {
    assumeThat(ExifTool.available()).as("exiftool on PATH").isTrue();
    Path before = Vectors.file("tagged.mp3");
    Path after = dir.resolve("tagged.mp3");
    Files.write(after, io.write(Files.readAllBytes(before), PACKET));

    String xmp = ExifTool.xmpJson(after);
    assertThat(xmp).contains("\"XMP-alice:ProjectId\": \"proj-42\"")
        .contains("\"XMP-dc:Description\": \"a neon song ü\"");
    assertThat(id3Json(after)).isEqualTo(id3Json(before))
        .contains("\"ID3v2_3:Title\": \"neon song\"", "\"ID3v2_3:Artist\": \"Suno\"");
    assertThat(ExifTool.warnings(after)).isSubsetOf(ExifTool.warnings(before));
  }

  @Test
  void exifToolReadsXmpFromANewTag(@TempDir Path dir) throws Exception {
    assumeThat(ExifTool.available()).as("exiftool on PATH").isTrue();
    Path before = dir.resolve("tagless.mp3");
    Files.write(before, tagless());
    Path after = dir.resolve("written.mp3");
    Files.write(after, io.write(tagless(), PACKET));
    assertThat(ExifTool.xmpJson(after))
        .contains("\"XMP-alice:ProjectId\": \"proj-42\"")
        .contains("\"XMP-dc:Description\": \"a neon song ü\"");
    assertThat(ExifTool.warnings(after)).isSubsetOf(ExifTool.warnings(before));
  }

  /** {@code exiftool -j -ID3:all -G1 -a}, with the file name blanked so two files compare. */
  private static String id3Json(Path file) throws IOException {
    return ExifTool.run("-j", "-ID3:all", "-G1", "-a", file.toString()).replace(file.toString(), "F");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static byte[] tagless() {
    byte[] plain = Vectors.bytes("plain.mp3");
    return Arrays.copyOfRange(plain, PLAIN_TAG, plain.length);
  }

  private static byte[] tag(int major, int flags, byte[] body, boolean footer) {
    byte[] header = new byte[] {'I', 'D', '3', (byte) major, 0, (byte) flags, 0, 0, 0, 0};
    Id3v2Header.putSyncsafe(header, 6, body.length);
    if (!footer) {
      return concat(header, body);
    }
    byte[] end = header.clone();
    end[0] = '3';
    end[2] = 'I';
    return concat(header, body, end);
  }

  private static byte[] frame3(String id, byte[] data) {
    byte[] header = Arrays.copyOf(id.getBytes(StandardCharsets.ISO_8859_1), 10);
    for (int i = 0; i < 4; i++) {
      header[4 + i] = (byte) (data.length >>> (24 - 8 * i));
    }
    return concat(header, data);
  }

  private static byte[] frame4(String id, byte[] data) {
    byte[] header = Arrays.copyOf(id.getBytes(StandardCharsets.ISO_8859_1), 10);
    Id3v2Header.putSyncsafe(header, 4, data.length);
    return concat(header, data);
  }

  private static byte[] text(String value) {
    return concat(new byte[] {0}, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] priv(String packet) {
    return concat("XMP\0".getBytes(StandardCharsets.ISO_8859_1),
        packet.getBytes(StandardCharsets.UTF_8));
  }

  /** An APEv2 tag with header and footer holding one item, Title=ape. */
  private static byte[] apeTag() {
    byte[] item = concat(new byte[] {3, 0, 0, 0, 0, 0, 0, 0},
        "Title\0ape".getBytes(StandardCharsets.ISO_8859_1));
    int size = item.length + 32;
    byte[] header = apeHeader(size, 0xA0000000);
    byte[] footer = apeHeader(size, 0x80000000);
    return concat(header, item, footer);
  }

  private static byte[] apeHeader(int size, int flags) {
    byte[] h = Arrays.copyOf("APETAGEX".getBytes(StandardCharsets.ISO_8859_1), 32);
    int[] fields = {2000, size, 1, flags};
    for (int f = 0; f < fields.length; f++) {
      for (int i = 0; i < 4; i++) {
        h[8 + 4 * f + i] = (byte) (fields[f] >>> (8 * i));
      }
    }
    return h;
  }
}
