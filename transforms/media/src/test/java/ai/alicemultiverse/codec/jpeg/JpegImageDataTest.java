package ai.alicemultiverse.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.testing.HandMadeMedia;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JPEG bytes ExifTool 13's ImageDataHash takes (ProcessJPEG): a chunk of entropy-coded data counts
 * only when SOS, a stuffed 00 or RSTn opens it and a marker without a length ends it.
 */
class JpegImageDataTest {
  private final JpegCodec codec = new JpegCodec();

  /**
   * Two scans with a DHT between them, restart markers with a fill byte in the second, a trailer
   * with an FF D9 of its own.
   */
  @Test
  void scanTailsBeforeALengthMarkerAreLeftOutAndTheWalkEndsAtTheFirstEoi() throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(bytes(0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00));
    int sos1 = f.size();
    f.writeBytes(bytes(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x11, 0x22));
    int stuffed = f.size();
    f.writeBytes(bytes(0xFF, 0x00, 0x33, 0x44)); // tail of scan 1, ended by DHT: left out
    f.writeBytes(bytes(0xFF, 0xC4, 0x00, 0x03, 0x55));
    int sos2 = f.size();
    f.writeBytes(bytes(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x66));
    f.writeBytes(bytes(0xFF, 0xD0, 0x77, 0xFF, 0xFF, 0xD1, 0x88)); // RST0, fill FF, RST1
    int eoi = f.size();
    f.writeBytes(bytes(0xFF, 0xD9, 0xAA, 0xFF, 0xD9));

    List<ByteRange> ranges = codec.payload(new BytesMediaSource(f.toByteArray()));

    assertThat(ranges).containsExactly(new ByteRange(sos1, stuffed - sos1), new ByteRange(sos2, eoi - sos2));
  }

  @Test
  void theChunkThatDnlEndsAndWhatFollowsDnlAreLeftOut() throws IOException {
    HandMadeMedia.Made dnl = HandMadeMedia.withDnl("dnl.jpg", Vectors.bytes("plain.jpg"));
    assertThat(dnl.imageData()).isNotEmpty();
    assertThat(codec.payload(new BytesMediaSource(dnl.bytes()))).isEqualTo(dnl.imageData());
  }

  @Test
  void aJpegWhoseOnlyScanEndsAtDnlHasNoContentHash() {
    byte[] file = bytes(0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34,
        0xFF, 0xDC, 0x00, 0x04, 0x00, 0x10, 0xFF, 0xD9);
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(file)))
        .isInstanceOf(CodecException.class).hasMessageContaining("no image data to hash");
  }

  @Test
  void aJpegWithoutEoiIsRefused() {
    byte[] file = bytes(0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34);
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(file)))
        .isInstanceOf(CodecException.class).hasMessageContaining("no EOI");
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
