package ai.alicemultiverse.codec.wav;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the top-level chunks of a RIFF/WAVE (or RF64) file, reading only the chunk headers.
 * Hand-written: the writer needs exact chunk offsets to copy every other chunk unchanged.
 */
final class RiffReader {
  /** More chunks than this is not a real WAV file. */
  static final int MAX_CHUNKS = 1 << 20;

  private static final long NO_32_BIT_SIZE = 0xFFFFFFFFL;

  private RiffReader() {}

  /** True for "RIFF"/"RF64"/"BW64" ???? "WAVE" at the start of {@code head}. */
  static boolean isWave(byte[] head) {
    if (head.length < 12) {
      return false;
    }
    String form = ascii(head, 0, 4);
    return ("RIFF".equals(form) || "RF64".equals(form) || "BW64".equals(form))
        && "WAVE".equals(ascii(head, 8, 4));
  }

  /*
   * RIFF (Microsoft Multimedia Programming Interface and Data Specifications 1.0, ch. 2):
   *   "RIFF" | size (4 LE: the bytes after this field) | "WAVE" | chunks...
   *   chunk: id (4) | size (4 LE, payload only) | payload | pad byte if size is odd
   * RF64 (EBU Tech 3306): "RF64" | 0xFFFFFFFF | "WAVE" | "ds64" chunk first with the 64-bit RIFF
   *   size (8 LE) and data size (8 LE); a data chunk whose 32-bit size is 0xFFFFFFFF uses it.
   */
  static RiffFile read(MediaSource source) throws IOException {
    long fileSize = source.size();
    if (fileSize < 12) {
      throw new CodecException(
          "not a WAV file: " + fileSize + " bytes, too short for a RIFF header");
    }
    byte[] header = source.readFully(0, 12);
    if (!isWave(header)) {
      throw new CodecException("not a WAV file: no RIFF/WAVE signature at byte 0");
    }
    String form = ascii(header, 0, 4);
    boolean is64 = !"RIFF".equals(form);
    long riffSize = littleEndian(header, 4, 4);
    long dataSize64 = -1;
    List<RiffChunk> chunks = new ArrayList<>();
    if (is64) {
      if (fileSize < 12 + 8 + 24) {
        throw new CodecException("truncated RF64 file: no ds64 chunk at byte 12");
      }
      byte[] ds64 = source.readFully(12, 8 + 24);
      long ds64Size = littleEndian(ds64, 4, 4);
      if (!"ds64".equals(ascii(ds64, 0, 4)) || ds64Size < 24) {
        throw new CodecException("RF64 file without a ds64 chunk at byte 12");
      }
      if (riffSize == NO_32_BIT_SIZE) {
        riffSize = littleEndian(ds64, 8, 8);
      }
      dataSize64 = littleEndian(ds64, 16, 8);
    }
    long riffEnd = 8 + riffSize;
    if (riffSize < 4 || riffEnd > fileSize) {
      throw new CodecException("RIFF size " + riffSize + " at byte 4 does not fit the file ("
          + fileSize + " bytes)");
    }
    long pos = 12;
    while (pos + RiffChunk.HEADER_LENGTH <= riffEnd) {
      if (chunks.size() == MAX_CHUNKS) {
        throw new CodecException("more than " + MAX_CHUNKS + " RIFF chunks at byte " + pos);
      }
      byte[] chunkHeader = source.readFully(pos, RiffChunk.HEADER_LENGTH);
      String id = ascii(chunkHeader, 0, 4);
      long size = littleEndian(chunkHeader, 4, 4);
      if (is64 && "data".equals(id) && size == NO_32_BIT_SIZE) {
        size = dataSize64;
      }
      RiffChunk chunk = new RiffChunk(id, pos, size);
      if (size < 0 || chunk.dataOffset() + size > riffEnd) {
        throw new CodecException("RIFF chunk '" + printable(id) + "' at byte " + pos + " (size "
            + size + ") runs past the end of the RIFF at byte " + riffEnd);
      }
      chunks.add(chunk);
      pos = chunk.paddedEnd(); // may pass riffEnd by the pad byte of a last odd chunk
    }
    return new RiffFile(form, riffEnd, chunks);
  }

  static long littleEndian(byte[] b, int at, int length) {
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return value;
  }

  private static String ascii(byte[] b, int at, int length) {
    return new String(b, at, length, StandardCharsets.ISO_8859_1);
  }

  private static String printable(String id) {
    return id.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
