package ai.alicemultiverse.codec.isobmff;

import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.box;
import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.packet;
import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.write;
import static ai.alicemultiverse.testing.ByteArrays.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoBmffCodecTest {
  private final IsoBmffCodec codec = new IsoBmffCodec();

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a"})
  void payloadHashMatchesExifToolImageDataHash(String name) throws IOException {
    BytesMediaSource source = new BytesMediaSource(Vectors.bytes(name));
    assertThat(ContentHash.of(source, codec.payload(source))).isEqualTo(Vectors.expectedHashes().get(name));
  }

  @Test
  void payloadIsEveryChunkInTrackOrderCoalesced() throws IOException {
    // plain.mp4: mdat payload at 48..11177, video and audio chunks interleaved inside it.
    List<ByteRange> ranges = codec.payload(new BytesMediaSource(Vectors.bytes("plain.mp4")));
    assertThat(ranges.get(0).offset()).isEqualTo(0x30); // first video chunk (stco entry 1)
    assertThat(ranges).allSatisfy(r -> assertThat(r.offset()).isBetween(48L, 11177L));
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).offset()).isNotEqualTo(ranges.get(i - 1).end()); // coalesced
    }
    // plain.m4a: one audio track whose single chunk is the whole mdat payload.
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("plain.m4a"))))
        .containsExactly(new ByteRange(44, 8997));
  }

  @Test
  void formatFollowsTheBrand() throws IOException {
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("plain.mp4")))).isEqualTo(MediaFormat.MP4);
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("tagged.mov")))).isEqualTo(MediaFormat.MOV);
    assertThat(codec.format(new BytesMediaSource(Vectors.bytes("plain.m4a")))).isEqualTo(MediaFormat.M4A);
    // Old QuickTime: no ftyp at all.
    byte[] noFtyp = concat(box("wide"), box("mdat", new byte[4]), box("moov"));
    assertThat(codec.format(new BytesMediaSource(noFtyp))).isEqualTo(MediaFormat.MOV);
    // isom major brand with M4A compatible brand and only an audio track.
    byte[] m4a = Vectors.bytes("plain.m4a");
    System.arraycopy("isom".getBytes(StandardCharsets.ISO_8859_1), 0, m4a, 8, 4);
    assertThat(codec.format(new BytesMediaSource(m4a))).isEqualTo(MediaFormat.M4A);
    // ...but not when the M4A brand is missing.
    System.arraycopy("mp41".getBytes(StandardCharsets.ISO_8859_1), 0, m4a, 16, 4);
    assertThat(codec.format(new BytesMediaSource(m4a))).isEqualTo(MediaFormat.MP4);
  }

  @Test
  void recognizesBoxSignaturesOnly() {
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.mp4"), 64))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.mov"), 12))).isTrue();
    assertThat(codec.recognizes(box("moov"))).isTrue();
    assertThat(codec.recognizes(box("mdat"))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.png"), 64))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.wav"), 64))).isFalse();
    assertThat(codec.recognizes(new byte[] {0, 0, 0, 8, 'f', 't', 'y'})).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tagged.mp4", "tagged.mov", "tagged.m4a"})
  void readsTheTaggedXmp(String name) throws IOException {
    String xml = codec.readXmp(new BytesMediaSource(Vectors.bytes(name))).orElseThrow().xml();
    assertThat(xml).startsWith("<?xpacket begin=").endsWith("<?xpacket end='w'?>");
    assertThat(xml).contains("<rdf:li xml:lang='x-default'>cyberpunk portrait</rdf:li>");
    assertThat(xml).contains("<rdf:li>neon</rdf:li>", "<rdf:li>portrait</rdf:li>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "plain.mov", "plain.m4a"})
  void plainFilesHaveNoXmp(String name) throws IOException {
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes(name)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a"})
  void roundTripReplacesTheXmpAndKeepsThePayload(String name) throws IOException {
    byte[] original = Vectors.bytes(name);
    String xmp = packet("written by alice");
    byte[] written = write(original, xmp);
    BytesMediaSource source = new BytesMediaSource(written);

    assertThat(codec.readXmp(source)).contains(XmpPacket.of(xmp));
    assertThat(ContentHash.of(source, codec.payload(source))).isEqualTo(Vectors.expectedHashes().get(name));
    assertThat(codec.format(source)).isEqualTo(codec.format(new BytesMediaSource(original)));
    assertThat(new String(written, StandardCharsets.ISO_8859_1))
        .doesNotContain("cyberpunk portrait")
        .containsOnlyOnce("x:xmpmeta xmlns:x");
    assertThat(write(written, xmp)).isEqualTo(written); // stable
    assertEachTrackKeepsItsChunks(original, written);
  }

  @Test
  void mp4GetsAUuidAfterMoovAndMovAnXmpBoxInUdta() throws IOException {
    byte[] mp4 = write(Vectors.bytes("plain.mp4"), packet("x"));
    MovieFile file = MovieFile.read(new BytesMediaSource(mp4));
    assertThat(file.topLevel()).extracting(Box::type).containsExactly("ftyp", "free", "mdat", "moov", "uuid");
    assertThat(file.udtaXmp()).isEmpty();
    // mdat-first: the media did not move, so the chunk offsets are the same bytes as before.
    assertThat(Arrays.copyOf(mp4, 13020)).isEqualTo(Vectors.bytes("plain.mp4"));

    byte[] mov = write(Vectors.bytes("tagged.mov"), packet("x"));
    MovieFile movFile = MovieFile.read(new BytesMediaSource(mov));
    assertThat(movFile.topLevel()).extracting(Box::type).containsExactly("ftyp", "moov", "mdat");
    assertThat(movFile.xmpUuid()).isEmpty();
    assertThat(movFile.udtaXmp()).hasSize(1);

    // A QuickTime movie without udta gets one.
    byte[] plainMov = write(Vectors.bytes("plain.mov"), packet("x"));
    assertThat(MovieFile.read(new BytesMediaSource(plainMov)).udtaXmp()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tagged.mp4", "tagged.mov", "tagged.m4a"})
  void moovFirstFilesShiftEveryChunkOffset(String name) throws IOException {
    // tagged.* keep moov (and the XMP) before mdat: a packet of another size moves mdat, forward
    // for a long packet and backward for a short one (the original has ExifTool's 2 KB padding).
    byte[] original = Vectors.bytes(name);
    long oldMdat = mdatOffset(original);
    assertThat(oldMdat).isEqualTo(name.endsWith("mp4") ? 4993 : name.endsWith("mov") ? 3860 : 4089);
    for (String xmp : List.of(packet("a much longer description ".repeat(200)), packet("short"))) {
      byte[] written = write(original, xmp);
      long newMdat = mdatOffset(written);
      long expectedDelta = xmp.getBytes(StandardCharsets.UTF_8).length
          - codec.readXmp(new BytesMediaSource(original)).orElseThrow().xml().getBytes(StandardCharsets.UTF_8).length;
      assertThat(newMdat - oldMdat).isEqualTo(expectedDelta).isNotZero();

      List<long[]> before = offsets(original);
      List<long[]> after = offsets(written);
      assertThat(after).hasSameSizeAs(before);
      for (int t = 0; t < before.size(); t++) {
        long[] expected = Arrays.stream(before.get(t)).map(o -> o + newMdat - oldMdat).toArray();
        assertThat(after.get(t)).containsExactly(expected);
      }
      assertEachTrackKeepsItsChunks(original, written);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "tagged.m4a"})
  void largePacketRoundTrips(String name) throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 200_000; i++) {
      big.append("line ").append(i).append(" of a long description; ");
    }
    String xmp = packet(big.toString());
    byte[] written = write(Vectors.bytes(name), xmp);
    BytesMediaSource source = new BytesMediaSource(written);
    assertThat(codec.readXmp(source).orElseThrow().xml()).isEqualTo(xmp);
    assertThat(ContentHash.of(source, codec.payload(source))).isEqualTo(Vectors.expectedHashes().get(name));
    // Shrinking back gives the same file as writing the small packet directly.
    assertThat(write(written, packet("small"))).isEqualTo(write(Vectors.bytes(name), packet("small")));
  }

  @Test
  void fragmentedFilesAreRefusedAndNothingIsWritten() {
    byte[] ftyp = box("ftyp", "isom".getBytes(StandardCharsets.ISO_8859_1), new byte[4],
        "isomiso6".getBytes(StandardCharsets.ISO_8859_1));
    byte[] mvex = box("mvex", box("trex", new byte[24]));
    byte[] moof = box("moof", box("mfhd", new byte[8]));
    byte[] mdat = box("mdat", new byte[16]);
    List<byte[]> files = List.of(
        concat(ftyp, box("moov", box("mvhd", new byte[100]), mvex), moof, mdat),
        concat(ftyp, box("moov", box("mvhd", new byte[100])), moof, mdat),
        concat(ftyp, box("moov", mvex), mdat));
    for (byte[] file : files) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> codec.writeXmp(new BytesMediaSource(file), packet("x"), out))
          .isInstanceOf(UnsupportedFormatException.class)
          .hasMessageStartingWith("fragmented MP4 (moof) cannot be rewritten safely");
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void boxHeadersHandleLargeSizeToEndAndUuid() throws IOException {
    byte[] file = concat(
        new byte[] {0, 0, 0, 1, 'f', 'r', 'e', 'e', 0, 0, 0, 0, 0, 0, 0, 20, 1, 2, 3, 4},
        box("uuid", new byte[16], new byte[3]),
        new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't', 9, 9});
    List<Box> boxes = new BoxReader(new BytesMediaSource(file)).topLevel();
    assertThat(boxes).containsExactly(
        new Box("free", 0, 20, 16, true, null),
        new Box("uuid", 20, 27, 24, false, new java.util.UUID(0, 0)),
        new Box("mdat", 47, 10, 8, false, null));
  }

  @Test
  void boxesMustFitTheirParent() {
    byte[] file = concat(box("ftyp", new byte[8]), new byte[] {0, 0, 0, 100, 'm', 'o', 'o', 'v'});
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(file)))
        .isInstanceOf(ai.alicemultiverse.codec.CodecException.class)
        .hasMessage("'moov' box at byte 16: size 100 runs past the end of its parent at byte 24");
  }

  private static long mdatOffset(byte[] file) throws IOException {
    return MovieFile.read(new BytesMediaSource(file)).first("mdat").orElseThrow().offset();
  }

  /** stco/co64 entries of every track. */
  private static List<long[]> offsets(byte[] file) throws IOException {
    MovieFile movie = MovieFile.read(new BytesMediaSource(file));
    List<long[]> all = new ArrayList<>();
    for (Track track : movie.tracks()) {
      all.add(SampleTable.chunkOffsets(movie.reader(), track.sampleTable().orElseThrow(), "test"));
    }
    return all;
  }

  /** The chunk bytes of every audio/video track, track by track, are identical before and after. */
  static void assertEachTrackKeepsItsChunks(byte[] before, byte[] after) throws IOException {
    List<byte[]> old = trackData(before);
    List<byte[]> now = trackData(after);
    assertThat(now).hasSameSizeAs(old);
    for (int i = 0; i < old.size(); i++) {
      assertThat(now.get(i)).as("track %d", i + 1).isEqualTo(old.get(i));
    }
  }

  private static List<byte[]> trackData(byte[] file) throws IOException {
    MovieFile movie = MovieFile.read(new BytesMediaSource(file));
    List<byte[]> data = new ArrayList<>();
    for (Track track : movie.tracks()) {
      if (track.isAudioOrVideo()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteRange range : SampleTable.chunkRanges(movie.reader(), track)) {
          bytes.write(file, (int) range.offset(), (int) range.length());
        }
        data.add(bytes.toByteArray());
      }
    }
    return data;
  }

  @Test
  void xmpInTheOtherFlavoursPlaceIsReadAndMoved() throws IOException {
    // A QuickTime file (XMP_ in udta) relabelled as MP4: the XMP_ is read as a fallback, and
    // writing moves the packet to a uuid box, leaving no XMP_ behind.
    byte[] mp4 = Vectors.bytes("tagged.mov");
    System.arraycopy("mp42".getBytes(StandardCharsets.ISO_8859_1), 0, mp4, 8, 4);
    assertThat(codec.format(new BytesMediaSource(mp4))).isEqualTo(MediaFormat.MP4);
    assertThat(codec.readXmp(new BytesMediaSource(mp4)).orElseThrow().xml()).contains("cyberpunk portrait");
    byte[] written = write(mp4, packet("moved"));
    MovieFile file = MovieFile.read(new BytesMediaSource(written));
    assertThat(file.udtaXmp()).isEmpty();
    assertThat(file.topLevel()).extracting(Box::type).containsExactly("ftyp", "moov", "uuid", "mdat");
    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(packet("moved")));
    assertEachTrackKeepsItsChunks(mp4, written);

    // And back: relabelled as QuickTime, the uuid is read, then replaced by udta/XMP_.
    System.arraycopy("qt  ".getBytes(StandardCharsets.ISO_8859_1), 0, written, 8, 4);
    assertThat(codec.readXmp(new BytesMediaSource(written))).contains(XmpPacket.of(packet("moved")));
    byte[] mov = write(written, packet("back"));
    MovieFile movFile = MovieFile.read(new BytesMediaSource(mov));
    assertThat(movFile.xmpUuid()).isEmpty();
    assertThat(movFile.udtaXmp()).hasSize(1);
    assertThat(codec.readXmp(new BytesMediaSource(mov))).contains(XmpPacket.of(packet("back")));
    assertEachTrackKeepsItsChunks(written, mov);
  }
}
