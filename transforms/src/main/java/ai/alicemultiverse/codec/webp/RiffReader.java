package ai.alicemultiverse.codec.webp;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the top-level chunks of a RIFF/WEBP file, reading only chunk headers. WebP chunks do not
 * nest at this level (ANMF frames are kept whole), so there is no recursion. Hand-written because
 * no library lists chunk positions for a lossless rewrite.
 */
final class RiffReader {
  /** Sanity bound on the number of top-level chunks. */
  static final int MAX_CHUNKS = 1_000_000;

  /** The chunks and where the RIFF data ends ({@code 8 + RIFF size}); bytes after it are a trailer. */
  record RiffFile(List<RiffChunk> chunks, long riffEnd) {}

  private RiffReader() {}

  /** True for {@code "RIFF" ???? "WEBP"}. */
  static boolean isWebp(byte[] head) {
    return head.length >= 12
        && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P';
  }

  /**
   * Reads the RIFF header and chunk list.
   *
   * <pre>
   * file  = "RIFF" size(4, little-endian: bytes after this field) "WEBP" chunk*
   * chunk = fourcc(4) size(4, little-endian, excludes the pad) data(size) pad(1 zero byte if size is odd)
   * </pre>
   * (RIFF, Microsoft Multimedia Programming Interface 1991; WebP container spec, "RIFF File Format")
   */
  static RiffFile read(MediaSource source) throws IOException {
    long fileSize = source.size();
    if (fileSize < 12 || !isWebp(source.readFully(0, 12))) {
      throw new CodecException("not a WebP file: RIFF/WEBP signature mismatch at byte 0");
    }
    long riffSize = uint32(source.readFully(4, 4));
    long riffEnd = 8 + riffSize;
    if (riffSize < 4 || riffEnd > fileSize) {
      throw new CodecException("RIFF size " + riffSize + " at byte 4 does not fit the file (size "
          + fileSize + ")");
    }
    List<RiffChunk> chunks = new ArrayList<>();
    long position = 12;
    while (position < riffEnd) {
      if (position + RiffChunk.HEADER > riffEnd) {
        throw new CodecException("RIFF chunk header at byte " + position + " runs past the RIFF end ("
            + riffEnd + ")");
      }
      if (chunks.size() >= MAX_CHUNKS) {
        throw new CodecException("WebP has more than " + MAX_CHUNKS + " chunks (at byte " + position + ")");
      }
      byte[] header = source.readFully(position, RiffChunk.HEADER);
      String fourCc = new String(header, 0, 4, StandardCharsets.ISO_8859_1);
      RiffChunk chunk = new RiffChunk(fourCc, position, uint32(header, 4));
      if (chunk.whole().end() > riffEnd) {
        throw new CodecException("RIFF chunk '" + fourCc + "' at byte " + position + " with size "
            + chunk.size() + " (padded " + chunk.paddedSize() + ") runs past the RIFF end ("
            + riffEnd + ")");
      }
      chunks.add(chunk);
      position = chunk.whole().end();
    }
    if (chunks.isEmpty()) {
      throw new CodecException("WebP has no chunks (RIFF size " + riffSize + " at byte 4)");
    }
    return new RiffFile(List.copyOf(chunks), riffEnd);
  }

  static long uint32(byte[] bytes) {
    return uint32(bytes, 0);
  }

  static long uint32(byte[] bytes, int index) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(index));
  }
}
