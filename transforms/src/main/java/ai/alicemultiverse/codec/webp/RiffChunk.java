package ai.alicemultiverse.codec.webp;

import ai.alicemultiverse.codec.ByteRange;

/**
 * One RIFF chunk: its FourCC, where it starts (at the FourCC) and the size from its header, which
 * excludes the pad byte that follows an odd-sized chunk.
 */
record RiffChunk(String fourCc, long offset, long size) {
  static final int HEADER = 8;

  long dataOffset() {
    return offset + HEADER;
  }

  /** Size plus the pad byte that RIFF puts after odd-sized data. */
  long paddedSize() {
    return size + (size & 1);
  }

  /** Header, data and pad byte: the chunk as it sits in the file. */
  ByteRange whole() {
    return new ByteRange(offset, HEADER + paddedSize());
  }

  /** Data and pad byte (what ExifTool's ImageDataHash reads for an image chunk). */
  ByteRange paddedData() {
    return new ByteRange(dataOffset(), paddedSize());
  }
}
