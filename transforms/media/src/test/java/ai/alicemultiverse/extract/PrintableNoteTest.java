package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A box type made of control bytes (NUL, newline, ESC) reaches the standard metadata's note, and its JSON
 * copy, escaped: the note stays one printable line.
 */
class PrintableNoteTest {
  @TempDir Path work;

  @Test
  void aBoxTypeOfControlBytesIsEscapedInTheNote() throws Exception {
    ByteArrayOutputStream movie = new ByteArrayOutputStream();
    movie.write(Files.readAllBytes(Vectors.file("plain.mp4")));
    // a last top-level box whose type is NUL, newline, ESC, '[' and whose size runs past the end of the file
    movie.write(ByteBuffer.allocate(8).putInt(4096).put(new byte[] {0, '\n', 0x1B, '['}).array());
    movie.write("sixteen bytes...".getBytes(StandardCharsets.US_ASCII));
    Path file = work.resolve("control-box.mp4");
    Files.write(file, movie.toByteArray());

    StandardMetadata m;
    try (MediaSource source = ChannelMediaSource.open(file)) {
      m = TikaExtractor.extract(source, MediaFormat.MP4).metadata();
    }

    assertThat(m.note()).contains("\\x00\\x0A\\x1B[");
    assertThat(m.note()).doesNotContain("\0", "\n", "\u001B");
    assertThat(m.json()).contains("\\\\x00\\\\x0A\\\\x1B[").doesNotContain("\\u0000", "\\n", "\\u001B");
  }
}
