package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes a PNG again with one new XMP iTXt chunk right after IHDR (where ExifTool puts it; before
 * IDAT as the XMP spec asks) and every other chunk copied byte for byte, CRC included. Old XMP
 * iTXt chunks are dropped; bytes after IEND are kept as they were.
 */
final class PngWriter {
  private static final int BUFFER = 64 << 10;

  private PngWriter() {}

  static void write(MediaSource source, List<PngChunk> chunks, byte[] xmpChunk, OutputStream out)
      throws IOException {
    out.write(PngChunkReader.SIGNATURE);
    for (PngChunk chunk : chunks) {
      if (PngXmpChunk.isXmp(source, chunk)) {
        continue;
      }
      copy(source, chunk.whole(), out);
      if (chunk.type().equals("IHDR")) {
        out.write(xmpChunk);
      }
    }
    long end = chunks.get(chunks.size() - 1).whole().end();
    copy(source, new ByteRange(end, source.size() - end), out);
  }

  /** Streams one range of the source to {@code out} without loading it whole. */
  static void copy(MediaSource source, ByteRange range, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, range.length())));
    long position = range.offset();
    long remaining = range.length();
    while (remaining > 0) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), remaining));
      int n = source.read(position, buffer);
      if (n < 0) {
        throw new EOFException("file ends early at byte " + position);
      }
      out.write(buffer.array(), 0, n);
      position += n;
      remaining -= n;
    }
  }
}
