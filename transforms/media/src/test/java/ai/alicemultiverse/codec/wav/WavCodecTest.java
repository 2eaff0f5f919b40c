package ai.alicemultiverse.codec.wav;

import static ai.alicemultiverse.testing.ByteArrays.concat;
import static ai.alicemultiverse.testing.ByteArrays.count;
import static ai.alicemultiverse.testing.ByteArrays.le32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavCodecTest {
  static final String PACKET = XmpPackets.small("a sine tone ü");
  static final String OLD_PACKET = PACKET.replace("proj-42", "proj-old").replace("sine", "old");

  /** plain.wav: fmt (40) at 12, fact (4) at 60, data (44100) at 72. */
  static final int PLAIN_DATA = 80;
  static final int PLAIN_DATA_SIZE = 44100;

  private final WavCodec codec = new WavCodec();
  private final InMemoryCodec io = new InMemoryCodec(codec);

  @Test
  void payloadHashMatchesVector() throws IOException {
    assertThat(io.hash(Vectors.bytes("plain.wav")))
        .isEqualTo(Vectors.expectedHashes().get("plain.wav"));
    assertThat(codec.payload(new BytesMediaSource(Vectors.bytes("plain.wav"))))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly(PLAIN_DATA + "+" + PLAIN_DATA_SIZE);
  }

  @Test
  void recognizesRiffWave() throws IOException {
    byte[] plain = Vectors.bytes("plain.wav");
    assertThat(codec.recognizes(Arrays.copyOf(plain, 12))).isTrue();
    assertThat(codec.recognizes(Arrays.copyOf(plain, 11))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.webp"), 64))).isFalse();
    assertThat(codec.recognizes(Arrays.copyOf(Vectors.bytes("plain.mp3"), 64))).isFalse();
    assertThat(codec.format(new BytesMediaSource(plain))).isEqualTo(MediaFormat.WAV);
    assertThatThrownBy(() -> codec.format(new BytesMediaSource(Vectors.bytes("plain.webp"))))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void plainHasNoXmp() throws IOException {
    assertThat(codec.readXmp(new BytesMediaSource(Vectors.bytes("plain.wav")))).isEmpty();
  }

  @Test
  void roundTripAppendsPmxAfterData() throws IOException {
    byte[] original = Vectors.bytes("plain.wav");
    byte[] written = io.write(original, PACKET);
    byte[] packet = PACKET.getBytes(StandardCharsets.UTF_8);

    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(original));
    assertThat(Arrays.copyOfRange(written, 8, original.length))
        .isEqualTo(Arrays.copyOfRange(original, 8, original.length));
    assertThat(ascii(written, original.length, 4)).isEqualTo("_PMX");
    assertThat(le32(written, original.length + 4)).isEqualTo(packet.length);
    assertThat(written).hasSize(original.length + 8 + packet.length + (packet.length & 1));
    assertThat(le32(written, 4)).isEqualTo(written.length - 8);

    assertThat(io.write(written, PACKET)).isEqualTo(written);
  }

  @Test
  void replacesOldPmxAndKeepsOtherChunks() throws IOException {
    byte[] list = listInfo();
    byte[] oldPmx = chunk("_PMX", OLD_PACKET.getBytes(StandardCharsets.UTF_8));
    byte[] samples = samples(1001); // odd: a pad byte follows
    byte[] file = riff(fmt(), list, oldPmx, chunk("data", samples));
    assertThat(io.read(file)).contains(XmpPacket.of(OLD_PACKET));

    byte[] written = io.write(file, PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(count(written, "_PMX")).isEqualTo(1);
    assertThat(count(written, "proj-old")).isZero();
    assertThat(io.hash(written)).isEqualTo(io.hash(file));
    byte[] expectedStart = concat(fmt(), list, chunk("data", samples));
    assertThat(Arrays.copyOfRange(written, 12, 12 + expectedStart.length)).isEqualTo(expectedStart);
    assertThat(ascii(written, 12 + expectedStart.length, 4)).isEqualTo("_PMX");
    assertThat(le32(written, 4)).isEqualTo(written.length - 8);
  }

  @Test
  void oddPacketGetsAPadByte() throws IOException {
    String odd = PACKET.getBytes(StandardCharsets.UTF_8).length % 2 == 1 ? PACKET : PACKET + " ";
    byte[] written = io.write(Vectors.bytes("plain.wav"), odd);
    assertThat(written.length % 2).isZero();
    assertThat(written[written.length - 1]).isZero();
    assertThat(io.read(written)).contains(XmpPacket.of(odd));
    assertThat(le32(written, 4)).isEqualTo(written.length - 8);
  }

  @Test
  void largePacketRoundTrips() throws IOException {
    String large = PACKET.replace("proj-42", "x".repeat(200_000));
    byte[] written = io.write(Vectors.bytes("plain.wav"), large);
    assertThat(io.read(written)).contains(XmpPacket.of(large));
    assertThat(io.hash(written)).isEqualTo(Vectors.expectedHashes().get("plain.wav"));
    assertThat(io.write(io.write(written, PACKET), PACKET)).isEqualTo(io.write(Vectors.bytes("plain.wav"),
        PACKET));
  }

  @Test
  void missingFinalPadByteIsSuppliedAndTrailingBytesKept() throws IOException {
    byte[] samples = samples(999);
    byte[] body = concat("WAVE".getBytes(StandardCharsets.US_ASCII), fmt(), header("data", 999),
        samples); // no pad byte after the odd data chunk
    byte[] junk = "JUNKJUNK".getBytes(StandardCharsets.US_ASCII);
    byte[] file = concat(header("RIFF", body.length), body, junk);
    assertThat(io.hash(file)).isEqualTo(io.hash(riff(fmt(), chunk("data", samples))));

    byte[] written = io.write(file, PACKET);
    assertThat(io.read(written)).contains(XmpPacket.of(PACKET));
    assertThat(io.hash(written)).isEqualTo(io.hash(file));
    int pmx = 8 + body.length + 1;
    assertThat(written[pmx - 1]).isZero();
    assertThat(ascii(written, pmx, 4)).isEqualTo("_PMX");
    assertThat(Arrays.copyOfRange(written, written.length - junk.length, written.length))
        .isEqualTo(junk);
    assertThat(le32(written, 4)).isEqualTo(written.length - 8 - junk.length);
  }

  @Test
  void rf64IsReadButNotWritten() throws IOException {
    byte[] samples = samples(100);
    byte[] ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(4 + 36 + 24 + 8 + 100).putLong(100).putLong(100).putInt(0).array();
    byte[] body = concat("WAVE".getBytes(StandardCharsets.US_ASCII), chunk("ds64", ds64), fmt(),
        header("data", -1), samples);
    byte[] file = concat(header("RF64", -1), body);
    assertThat(codec.recognizes(file)).isTrue();
    assertThat(codec.payload(new BytesMediaSource(file)))
        .extracting(r -> r.offset() + "+" + r.length())
        .containsExactly((file.length - 100) + "+100");
    assertThatThrownBy(() -> io.write(file, PACKET))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("RF64");
  }

  @Test
  void structuralErrorsSayWhere() {
    byte[] plain = Vectors.bytes("plain.wav");
    byte[] riffTooLong = plain.clone();
    riffTooLong[6] = 0x7F;
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(riffTooLong)))
        .isInstanceOf(CodecException.class).hasMessageContaining("RIFF size");
    byte[] dataTooLong = plain.clone();
    dataTooLong[PLAIN_DATA - 2] = 0x7F;
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(dataTooLong)))
        .isInstanceOf(CodecException.class).hasMessageContaining("'data' at byte 72");
    byte[] noData = riff(fmt());
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(noData)))
        .isInstanceOf(CodecException.class).hasMessageContaining("no data chunk");
    assertThatThrownBy(() -> codec.readXmp(new BytesMediaSource(Vectors.bytes("plain.webp"))))
        .isInstanceOf(CodecException.class).hasMessageContaining("not a WAV");
  }

  @Test
  void corruptInputFailsCleanly() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      byte[] generated = riff(fmt(), listInfo(), chunk("data", samples(1001)));
      byte[] withXmp = io.write(generated, PACKET);
      byte[] plain = Arrays.copyOf(Vectors.bytes("plain.wav"), 2000);
      ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2000 - 8)
          .putInt(PLAIN_DATA - 4, 2000 - PLAIN_DATA); // keep it small: every byte gets flipped
      for (byte[] file : new byte[][] {plain, generated, withXmp}) {
        List<Integer> chunkStarts = new ArrayList<>();
        int pos = 12;
        while (pos + 8 <= file.length) {
          chunkStarts.add(pos);
          long size = le32(file, pos + 4);
          pos += 8 + (int) size + (int) (size & 1);
        }
        for (int cut : CorruptInputs.cuts(file.length, chunkStarts, 2, 9)) {
          exercise(Arrays.copyOf(file, cut));
        }
        for (int i = 0; i < file.length; i++) {
          for (int value : new int[] {0x00, 0xFF, file[i] ^ 0x80}) {
            exercise(CorruptInputs.withByte(file, i, value));
          }
        }
      }
    });
  }

  /** Each operation either works or throws an IOException; a write must read back. */
  private void exercise(byte[] file) {
    CorruptInputs.assertWrittenReadsBack(codec, CorruptInputs.exercise(codec, file, PACKET), PACKET);
  }

  @Test
  void exifToolReadsOurXmpAndRiffInfoStaysTheSame(@TempDir Path dir) throws Exception {
    assumeThat(ExifTool.available()).as("exiftool on PATH").isTrue();
    Path before = dir.resolve("before.wav");
    Files.write(before, riff(fmt(), listInfo(), chunk("data", samples(1001))));
    Path after = dir.resolve("after.wav");
    Files.write(after, io.write(Files.readAllBytes(before), PACKET));

    assertThat(ExifTool.xmpJson(after))
        .contains("\"XMP-alice:ProjectId\": \"proj-42\"")
        .contains("\"XMP-dc:Description\": \"a sine tone ü\"");
    String riffBefore = ExifTool.run("-j", "-RIFF:all", "-G1", "-a", before.toString());
    assertThat(ExifTool.run("-j", "-RIFF:all", "-G1", "-a", after.toString())
            .replace(after.toString(), "F"))
        .isEqualTo(riffBefore.replace(before.toString(), "F"))
        .contains("\"RIFF:Title\": \"Test\"", "\"RIFF:Artist\": \"alice\"");
    assertThat(ExifTool.warnings(after)).isSubsetOf(ExifTool.warnings(before));

    Path plain = dir.resolve("plain.wav");
    Files.write(plain, io.write(Vectors.bytes("plain.wav"), PACKET));
    assertThat(ExifTool.xmpJson(plain))
        .contains("\"XMP-alice:ProjectId\": \"proj-42\"");
    assertThat(ExifTool.warnings(plain)).isSubsetOf(ExifTool.warnings(Vectors.file("plain.wav")));
  }

  // --- helpers: a PCM WAV written by hand ---------------------------------------------------

  /** fmt chunk: PCM, mono, 8000 Hz, 8 bits. */
  private static byte[] fmt() {
    return chunk("fmt ", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
        .putShort((short) 1).putShort((short) 8).array());
  }

  /** LIST/INFO with INAM "Test" and IART "alice" (odd sizes, so pad bytes inside). */
  private static byte[] listInfo() {
    byte[] items = concat(chunk("INAM", "Test\0".getBytes(StandardCharsets.US_ASCII)),
        chunk("IART", "alice\0".getBytes(StandardCharsets.US_ASCII)));
    return chunk("LIST", concat("INFO".getBytes(StandardCharsets.US_ASCII), items));
  }

  private static byte[] samples(int count) {
    byte[] samples = new byte[count];
    for (int i = 0; i < count; i++) {
      samples[i] = (byte) (128 + 100 * Math.sin(i * 2 * Math.PI * 440 / 8000));
    }
    return samples;
  }

  private static byte[] riff(byte[]... chunks) {
    byte[] body = concat("WAVE".getBytes(StandardCharsets.US_ASCII), concat(chunks));
    return concat(header("RIFF", body.length), body);
  }

  private static byte[] chunk(String id, byte[] data) {
    return concat(header(id, data.length), data, new byte[data.length & 1]);
  }

  private static byte[] header(String id, int size) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size).array();
  }

  private static String ascii(byte[] b, int at, int length) {
    return new String(b, at, length, StandardCharsets.ISO_8859_1);
  }
}
