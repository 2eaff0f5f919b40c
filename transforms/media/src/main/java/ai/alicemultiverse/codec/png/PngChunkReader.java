package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG file, reading only the 8-byte chunk headers (data is left in the file).
 * Hand-written because no library lists chunk positions for a lossless rewrite.
 */
final class PngChunkReader {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  /** PNG spec 5.3: a chunk length is at most 2^31-1. */
  static final long MAX_CHUNK_LENGTH = 0x7FFF_FFFFL;
  /** Sanity bound on the chunk count; even a huge image rarely has more than a few thousand. */
  static final int MAX_CHUNKS = 10_000_000;

  private PngChunkReader() {}

  /**
   * Lists the chunks from IHDR up to and including IEND. Bytes after IEND are not chunks (they are
   * kept as a trailer by the writer).
   *
   * <pre>
   * file  = signature(8: 89 50 4E 47 0D 0A 1A 0A) chunk*          (PNG spec, ISO/IEC 15948, 5.2)
   * chunk = length(4, big-endian, &lt;= 2^31-1) type(4, ASCII letters) data(length) crc(4)   (5.3)
   * IHDR first with length 13 (11.2.2), IEND last (11.2.5).
   * </pre>
   */
  static List<PngChunk> read(MediaSource source) throws IOException {
    long size = source.size();
    if (size < SIGNATURE.length + PngChunk.OVERHEAD
        || !Arrays.equals(source.readFully(0, SIGNATURE.length), SIGNATURE)) {
      throw new CodecException("not a PNG file: signature mismatch at byte 0");
    }
    List<PngChunk> chunks = new ArrayList<>();
    long position = SIGNATURE.length;
    while (true) {
      if (position + 8 > size) {
        throw new CodecException("PNG truncated: no IEND chunk before end of file at byte " + position);
      }
      if (chunks.size() >= MAX_CHUNKS) {
        throw new CodecException("PNG has more than " + MAX_CHUNKS + " chunks (at byte " + position + ")");
      }
      ByteBuffer header = ByteBuffer.wrap(source.readFully(position, 8));
      long length = Integer.toUnsignedLong(header.getInt(0));
      String type = chunkType(header.array(), position);
      if (length > MAX_CHUNK_LENGTH) {
        throw new CodecException(
            "PNG chunk " + type + " at byte " + position + " has length " + length + " > 2^31-1");
      }
      PngChunk chunk = new PngChunk(type, position, length);
      if (chunk.crcOffset() + 4 > size) {
        throw new CodecException("PNG chunk " + type + " at byte " + position + " with length "
            + length + " runs past end of file (size " + size + ")");
      }
      if (chunks.isEmpty() && !(type.equals("IHDR") && length == 13)) {
        throw new CodecException("PNG does not start with a 13-byte IHDR chunk (found " + type
            + " of length " + length + " at byte " + position + ")");
      }
      chunks.add(chunk);
      if (type.equals("IEND")) {
        return chunks;
      }
      position = chunk.crcOffset() + 4;
    }
  }

  /** Reads a chunk's data and checks its CRC (computed over type and data, spec 5.3). */
  static byte[] readVerifiedData(MediaSource source, PngChunk chunk, long maxLength)
      throws IOException {
    if (chunk.length() > maxLength) {
      throw new CodecException("PNG chunk " + chunk.type() + " at byte " + chunk.offset()
          + " is larger than the " + maxLength + "-byte limit for metadata");
    }
    byte[] typeDataCrc = source.readFully(chunk.offset() + 4, (int) chunk.length() + 8);
    CRC32 crc = new CRC32();
    crc.update(typeDataCrc, 0, typeDataCrc.length - 4);
    long stored = Integer.toUnsignedLong(ByteBuffer.wrap(typeDataCrc).getInt(typeDataCrc.length - 4));
    if (crc.getValue() != stored) {
      throw new CodecException("PNG chunk " + chunk.type() + " at byte " + chunk.offset()
          + ": CRC mismatch (stored " + Long.toHexString(stored) + ", computed "
          + Long.toHexString(crc.getValue()) + ")");
    }
    return Arrays.copyOfRange(typeDataCrc, 4, typeDataCrc.length - 4);
  }

  /** Chunk types are four ASCII letters (spec 5.3); anything else means a broken walk. */
  private static String chunkType(byte[] header, long position) throws CodecException {
    for (int i = 4; i < 8; i++) {
      int c = header[i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        throw new CodecException(
            "PNG chunk at byte " + position + " has an invalid type (not four ASCII letters)");
      }
    }
    return new String(header, 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
