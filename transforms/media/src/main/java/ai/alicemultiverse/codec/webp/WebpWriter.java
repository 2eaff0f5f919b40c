package ai.alicemultiverse.codec.webp;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a WebP again with one {@code XMP } chunk at the end of the RIFF data (the container spec
 * orders metadata after the image data, EXIF before XMP). A simple file (no VP8X) becomes an
 * extended one, since XMP is only allowed there; an existing VP8X gets its XMP flag set. All other
 * chunks are copied byte for byte, and bytes after the RIFF data are kept as a trailer.
 */
final class WebpWriter {
  static final int VP8X_SIZE = 10;
  static final int FLAG_XMP = 0x04;
  static final int FLAG_ALPHA = 0x10;
  /** The RIFF size field is 32 bits; the WebP spec caps it at 2^32 - 10. */
  private static final long MAX_RIFF_SIZE = 0xFFFF_FFFFL - 9;

  private WebpWriter() {}

  static void write(MediaSource source, RiffFile riff, byte[] xmp, OutputStream out)
      throws IOException {
    List<RiffChunk> chunks = riff.chunks();
    boolean extended = chunks.stream().anyMatch(c -> c.fourCc().equals("VP8X"));
    byte[] newVp8x = extended ? null : vp8x(WebpCanvas.of(source, chunks.get(0)));

    long riffSize = 4 + (newVp8x == null ? 0 : newVp8x.length) + chunkLength(xmp.length);
    for (RiffChunk chunk : chunks) {
      if (!chunk.fourCc().equals("XMP ")) {
        riffSize += chunk.whole().length();
      }
    }
    if (riffSize > MAX_RIFF_SIZE) {
      throw new CodecException("WebP with this XMP would exceed the 4 GiB RIFF size limit");
    }

    out.write(header("RIFF", riffSize));
    out.write("WEBP".getBytes(StandardCharsets.US_ASCII));
    if (newVp8x != null) {
      out.write(newVp8x);
    }
    for (RiffChunk chunk : chunks) {
      switch (chunk.fourCc()) {
        case "XMP " -> { } // replaced by the new chunk at the end
        case "VP8X" -> writeVp8xWithXmpFlag(source, chunk, out);
        default -> source.copyTo(chunk.whole(), out);
      }
    }
    out.write(header("XMP ", xmp.length));
    out.write(xmp);
    if ((xmp.length & 1) != 0) {
      out.write(0); // RIFF pad byte after odd-sized data
    }
    source.copyTo(riff.riffEnd(), source.size() - riff.riffEnd(), out);
  }

  /**
   * A new VP8X chunk for a simple file.
   *
   * <pre>
   * "VP8X" size(4 LE = 10) flags(1: Rsv2 I L E X A R) reserved(3)
   * canvas width-1(3 LE) canvas height-1(3 LE)
   * </pre>
   * (WebP container spec, "Extended File Format")
   */
  private static byte[] vp8x(WebpCanvas canvas) {
    ByteBuffer chunk = ByteBuffer.allocate(RiffChunk.HEADER + VP8X_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    chunk.put(header("VP8X", VP8X_SIZE));
    chunk.put((byte) (FLAG_XMP | (canvas.alpha() ? FLAG_ALPHA : 0)));
    chunk.put(new byte[3]);
    putUint24(chunk, canvas.width() - 1);
    putUint24(chunk, canvas.height() - 1);
    return chunk.array();
  }

  /** Copies a VP8X chunk with the XMP bit set in its flags byte (the first data byte). */
  private static void writeVp8xWithXmpFlag(MediaSource source, RiffChunk chunk, OutputStream out)
      throws IOException {
    if (chunk.size() < VP8X_SIZE) {
      throw new CodecException("VP8X chunk at byte " + chunk.offset() + " has size " + chunk.size()
          + ", expected " + VP8X_SIZE);
    }
    source.copyTo(chunk.offset(), RiffChunk.HEADER, out);
    out.write(source.readFully(chunk.dataOffset(), 1)[0] | FLAG_XMP);
    source.copyTo(chunk.dataOffset() + 1, chunk.paddedSize() - 1, out);
  }

  private static long chunkLength(long size) {
    return RiffChunk.HEADER + size + (size & 1);
  }

  private static byte[] header(String fourCc, long size) {
    ByteBuffer header = ByteBuffer.allocate(RiffChunk.HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.put(fourCc.getBytes(StandardCharsets.US_ASCII));
    header.putInt((int) size);
    return header.array();
  }

  private static void putUint24(ByteBuffer buffer, int value) {
    buffer.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
  }
}
