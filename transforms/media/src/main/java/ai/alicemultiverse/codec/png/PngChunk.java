package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.ByteRange;

/**
 * One chunk as found in the file: its four-letter type, where the chunk starts (at its length
 * field) and the length of its data field.
 */
record PngChunk(String type, long offset, long length) {
  /** Length field, type and CRC around the data. */
  static final int OVERHEAD = 12;

  long dataOffset() {
    return offset + 8;
  }

  long crcOffset() {
    return dataOffset() + length;
  }

  /** The whole chunk: length, type, data and CRC. */
  ByteRange whole() {
    return new ByteRange(offset, length + OVERHEAD);
  }

  ByteRange data() {
    return new ByteRange(dataOffset(), length);
  }
}
