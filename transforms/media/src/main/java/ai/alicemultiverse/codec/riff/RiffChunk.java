package ai.alicemultiverse.codec.riff;

import ai.alicemultiverse.codec.ByteRange;

/**
 * One top-level RIFF chunk.
 *
 * @param fourCc four-character code ("VP8 ", "XMP ", "fmt ", "data", "_PMX")
 * @param offset file offset of the 8-byte chunk header (the FourCC)
 * @param size the data size from the header, without the pad byte that follows odd-sized data
 *     (for an RF64 {@code data} chunk, the 64-bit size from {@code ds64})
 */
public record RiffChunk(String fourCc, long offset, long size) {
  public static final int HEADER = 8;

  public long dataOffset() {
    return offset + HEADER;
  }

  /** Size plus the pad byte that RIFF puts after odd-sized data. */
  public long paddedSize() {
    return size + (size & 1);
  }

  /** End of the data plus the pad byte. */
  public long paddedEnd() {
    return dataOffset() + paddedSize();
  }

  /** Header, data and pad byte: the chunk as it sits in the file. */
  public ByteRange whole() {
    return new ByteRange(offset, HEADER + paddedSize());
  }

  /** Data and pad byte (what ExifTool's ImageDataHash reads for a WebP image chunk). */
  public ByteRange paddedData() {
    return new ByteRange(dataOffset(), paddedSize());
  }
}
