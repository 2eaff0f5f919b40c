package ai.alicemultiverse.codec.wav;

import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a WAV file again with one new {@code _PMX} chunk at the end of the RIFF, where Adobe and
 * ExifTool put it; every other chunk is copied unchanged and only the RIFF size changes.
 */
final class WavXmpWriter {
  static final String XMP_CHUNK = "_PMX";
  private static final long MAX_RIFF_SIZE = 0xFFFFFFFFL;

  private WavXmpWriter() {}

  /*
   * Output: "RIFF" | new size (4 LE) | "WAVE" | every chunk but _PMX, in order, each with its pad
   * byte | "_PMX" | packet length (4 LE) | packet (UTF-8) | pad byte if odd | bytes that followed
   * the RIFF in the source. Stray bytes inside the RIFF too short to be a chunk are dropped.
   */
  static void write(MediaSource source, RiffFile riff, String xmp, OutputStream out)
      throws IOException {
    if (riff.is64Bit()) {
      throw new UnsupportedFormatException(riff.form() + " (64-bit WAV) files are not written");
    }
    byte[] packet = xmp.getBytes(StandardCharsets.UTF_8);
    long riffSize = 4 + RiffChunk.HEADER + packet.length + (packet.length & 1);
    for (RiffChunk chunk : riff.chunks()) {
      if (!XMP_CHUNK.equals(chunk.fourCc())) {
        riffSize += chunk.paddedEnd() - chunk.offset();
      }
    }
    if (riffSize > MAX_RIFF_SIZE) {
      throw new UnsupportedFormatException("WAV file with this XMP packet would exceed 4 GB");
    }
    out.write(new byte[] {'R', 'I', 'F', 'F'});
    out.write(littleEndian32(riffSize));
    out.write(new byte[] {'W', 'A', 'V', 'E'});
    for (RiffChunk chunk : riff.chunks()) {
      if (XMP_CHUNK.equals(chunk.fourCc())) {
        continue;
      }
      long end = Math.min(chunk.paddedEnd(), riff.riffEnd());
      source.copyTo(chunk.offset(), end - chunk.offset(), out);
      if (end < chunk.paddedEnd()) {
        out.write(0); // the last chunk's pad byte was missing; the new chunk needs it
      }
    }
    out.write(new byte[] {'_', 'P', 'M', 'X'});
    out.write(littleEndian32(packet.length));
    out.write(packet);
    if ((packet.length & 1) != 0) {
      out.write(0);
    }
    long fileSize = source.size();
    if (riff.riffEnd() < fileSize) {
      source.copyTo(riff.riffEnd(), fileSize - riff.riffEnd(), out);
    }
  }

  private static byte[] littleEndian32(long value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }
}
