package ai.alicemultiverse.codec.webp;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffReader;
import java.io.IOException;

/** Canvas size and alpha hint of a simple-format WebP, read from its bitstream header. */
record WebpCanvas(int width, int height, boolean alpha) {

  /** The canvas of the {@code VP8 } or {@code VP8L} chunk of a simple-format file. */
  static WebpCanvas of(MediaSource source, RiffChunk chunk) throws IOException {
    return switch (chunk.fourCc()) {
      case "VP8 " -> vp8(source, chunk);
      case "VP8L" -> vp8l(source, chunk);
      default -> throw new CodecException("simple WebP starts with chunk '" + chunk.fourCc()
          + "' at byte " + chunk.offset() + ", expected 'VP8 ' or 'VP8L'");
    };
  }

  /**
   * Lossy key frame header.
   *
   * <pre>
   * frame tag(3: bit 0 = 0 for a key frame) start code(3: 9D 01 2A)
   * width(2 LE: 14 bits + 2 scale bits) height(2 LE: 14 bits + 2 scale bits)
   * </pre>
   * (RFC 6386, 9.1)
   */
  private static WebpCanvas vp8(MediaSource source, RiffChunk chunk) throws IOException {
    if (chunk.size() < 10) {
      throw new CodecException("VP8 chunk at byte " + chunk.offset() + " is too short for a frame header");
    }
    byte[] h = source.readFully(chunk.dataOffset(), 10);
    if ((h[0] & 1) != 0 || (h[3] & 0xFF) != 0x9D || (h[4] & 0xFF) != 0x01 || (h[5] & 0xFF) != 0x2A) {
      throw new CodecException("VP8 chunk at byte " + chunk.offset()
          + " does not start with a key frame (start code 9D 01 2A)");
    }
    int width = ((h[6] & 0xFF) | (h[7] & 0xFF) << 8) & 0x3FFF;
    int height = ((h[8] & 0xFF) | (h[9] & 0xFF) << 8) & 0x3FFF;
    if (width == 0 || height == 0) {
      throw new CodecException("VP8 chunk at byte " + chunk.offset() + " has a zero width or height");
    }
    return new WebpCanvas(width, height, false);
  }

  /**
   * Lossless header.
   *
   * <pre>
   * signature(1: 0x2F) then 32 bits little-endian: width-1(14) height-1(14) alpha_is_used(1) version(3: 0)
   * </pre>
   * (RFC 9649, 3.2)
   */
  private static WebpCanvas vp8l(MediaSource source, RiffChunk chunk) throws IOException {
    if (chunk.size() < 5) {
      throw new CodecException("VP8L chunk at byte " + chunk.offset() + " is too short for a header");
    }
    byte[] h = source.readFully(chunk.dataOffset(), 5);
    long bits = RiffReader.uint32(h, 1);
    if ((h[0] & 0xFF) != 0x2F || (bits >>> 29) != 0) {
      throw new CodecException("VP8L chunk at byte " + chunk.offset()
          + " has a bad signature or version");
    }
    int width = (int) (bits & 0x3FFF) + 1;
    int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
    return new WebpCanvas(width, height, (bits >>> 28 & 1) != 0);
  }
}
