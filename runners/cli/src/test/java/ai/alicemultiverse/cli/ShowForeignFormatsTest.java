package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats alice reads only are shown as such, and never written; a damaged one is an error naming why. */
class ShowForeignFormatsTest {
  @TempDir Path dir;

  /** "fLaC" and a last STREAMINFO block: 44.1 kHz, 2 channels, 16 bits, 441000 samples (10 s). */
  static byte[] flac() {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 + 34);
    b.put("fLaC".getBytes(StandardCharsets.ISO_8859_1));
    b.put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34); // last block, STREAMINFO, 34 bytes
    b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
    long packed = (44100L << 44) | (1L << 41) | (15L << 36) | 441000L; // rate, channels-1, bits-1, samples
    b.putLong(packed);
    b.put(new byte[16]); // MD5 of the audio: unknown
    return b.array();
  }

  private static String[] run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit = AliceCommand.commandLine().execute(args);
      return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void flacIsDetectedByContentAndShownReadOnly() throws Exception {
    Path file = dir.resolve("song.bin"); // the name says nothing: detection is by content
    Files.write(file, flac());

    String[] shown = run("show", file.toString());

    assertThat(shown[0]).isEqualTo("0");
    assertThat(shown[1]).contains("audio/x-flac").contains("read-only");
    assertThat(Files.readAllBytes(file)).isEqualTo(flac());
  }

  @Test
  void jsonSaysTheFormatIsNotWritable() throws Exception {
    Path file = dir.resolve("song.flac");
    Files.write(file, flac());

    String[] shown = run("show", file.toString(), "--json");

    assertThat(shown[0]).isEqualTo("0");
    JsonNode node = new ObjectMapper().readTree(shown[1]).get(0);
    assertThat(node.get("mime").asText()).isEqualTo("audio/x-flac");
    assertThat(node.get("writable").asBoolean()).isFalse();
    assertThat(node.get("size_bytes").asLong()).isEqualTo(flac().length);
  }

  @Test
  void flacIsHashedWholeAndSaysSo() throws Exception {
    Path file = dir.resolve("song.flac");
    Files.write(file, flac());

    JsonNode node = new ObjectMapper().readTree(run("show", file.toString(), "--json")[1]).get(0);

    assertThat(node.get("hash_source").asText()).isEqualTo("whole_file");
    assertThat(node.get("content_hash").asText()).startsWith("sha256:");
  }

  @Test
  void aHeicWithoutAnImageItemIsNotMistakenForVideo() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(24);
    b.putInt(24).put("ftyp".getBytes(StandardCharsets.ISO_8859_1)).put("heic".getBytes(StandardCharsets.ISO_8859_1))
        .putInt(0).put("mif1".getBytes(StandardCharsets.ISO_8859_1)).put("heic".getBytes(StandardCharsets.ISO_8859_1));
    Path file = dir.resolve("photo.heic");
    Files.write(file, b.array());

    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    String[] shown;
    try {
      shown = run("show", file.toString());
    } finally {
      System.setErr(originalErr);
    }

    assertThat(shown[0]).isEqualTo("1");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(file.toString(), "without a coded image item")
        .doesNotContain("moov");
    assertThat(Files.readAllBytes(file)).isEqualTo(b.array());
  }
}
