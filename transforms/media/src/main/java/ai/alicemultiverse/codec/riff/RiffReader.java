package ai.alicemultiverse.codec.riff;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the top-level chunks of a RIFF file (WebP, WAV), reading only chunk headers. Chunks do not
 * nest at this level for either format (LIST and ANMF are kept whole), so there is no recursion.
 * Hand-written: the writers need exact chunk offsets to copy every other chunk unchanged, and no
 * library lists them.
 */
public final class RiffReader {
  /** More chunks than this is not a real file. */
  public static final int MAX_CHUNKS = 1 << 20;

  private static final long NO_32_BIT_SIZE = 0xFFFFFFFFL;

  private RiffReader() {}

  /*
   * RIFF (Microsoft Multimedia Programming Interface and Data Specifications 1.0, ch. 2; WebP
   * container spec, "RIFF File Format"):
   *   "RIFF" | size (4 LE: the bytes after this field) | form type (4) | chunks...
   *   chunk: fourcc (4) | size (4 LE, data only) | data | pad byte if size is odd
   * RF64 (EBU Tech 3306): "RF64" | 0xFFFFFFFF | "WAVE" | "ds64" chunk first with the 64-bit RIFF
   *   size (8 LE) and data size (8 LE); a data chunk whose 32-bit size is 0xFFFFFFFF uses it.
   */
  public static RiffFile read(MediaSource source, RiffForm expected) throws IOException {
    long fileSize = source.size();
    if (fileSize < 12) {
      throw new CodecException("not a " + expected.name() + " file: " + fileSize
          + " bytes, too short for a RIFF header");
    }
    byte[] header = source.readFully(0, 12);
    if (!expected.matches(header)) {
      throw new CodecException("not a " + expected.name() + " file: no RIFF/"
          + expected.formType() + " signature at byte 0");
    }
    String form = RiffForm.ascii(header, 0);
    boolean is64 = !"RIFF".equals(form);
    long riffSize = uint32(header, 4);
    long dataSize64 = -1;
    if (is64) {
      if (fileSize < 12 + 8 + 24) {
        throw new CodecException("truncated " + form + " file: no ds64 chunk at byte 12");
      }
      byte[] ds64 = source.readFully(12, 8 + 24);
      if (!"ds64".equals(RiffForm.ascii(ds64, 0)) || uint32(ds64, 4) < 24) {
        throw new CodecException(form + " file without a ds64 chunk at byte 12");
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
    List<RiffChunk> chunks = new ArrayList<>();
    long pos = 12;
    while (pos < riffEnd) {
      if (pos + RiffChunk.HEADER > riffEnd) {
        if (!expected.strict()) {
          break; // stray bytes too short to be a chunk
        }
        throw new CodecException("RIFF chunk header at byte " + pos
            + " runs past the end of the RIFF at byte " + riffEnd);
      }
      if (chunks.size() == MAX_CHUNKS) {
        throw new CodecException("more than " + MAX_CHUNKS + " RIFF chunks at byte " + pos);
      }
      byte[] chunkHeader = source.readFully(pos, RiffChunk.HEADER);
      String fourCc = RiffForm.ascii(chunkHeader, 0);
      long size = uint32(chunkHeader, 4);
      if (is64 && "data".equals(fourCc) && size == NO_32_BIT_SIZE) {
        size = dataSize64;
      }
      RiffChunk chunk = new RiffChunk(fourCc, pos, size);
      long end = expected.strict() ? chunk.paddedEnd() : chunk.dataOffset() + size;
      if (size < 0 || end > riffEnd) {
        throw new CodecException("RIFF chunk '" + printable(fourCc) + "' at byte " + pos + " (size "
            + size + (expected.strict() ? ", padded " + chunk.paddedSize() : "")
            + ") runs past the end of the RIFF at byte " + riffEnd);
      }
      chunks.add(chunk);
      pos = chunk.paddedEnd(); // lenient: may pass riffEnd by the pad byte of a last odd chunk
    }
    if (expected.strict() && chunks.isEmpty()) {
      throw new CodecException(expected.name() + " has no chunks (RIFF size " + riffSize
          + " at byte 4)");
    }
    return new RiffFile(form, riffEnd, chunks);
  }

  /** Unsigned 32-bit little-endian value at {@code at}. */
  public static long uint32(byte[] b, int at) {
    return littleEndian(b, at, 4);
  }

  private static long littleEndian(byte[] b, int at, int length) {
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return value;
  }

  private static String printable(String fourCc) {
    return fourCc.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
