package ai.alicemultiverse.codec.wav;

/**
 * One top-level chunk of a RIFF file.
 *
 * @param id four-character code ("fmt ", "data", "_PMX")
 * @param offset file offset of the 8-byte chunk header
 * @param size the payload size (for RF64 {@code data}, the 64-bit size from {@code ds64})
 */
record RiffChunk(String id, long offset, long size) {
  static final int HEADER_LENGTH = 8;

  long dataOffset() {
    return offset + HEADER_LENGTH;
  }

  /** End of the payload plus the pad byte that follows an odd-sized payload. */
  long paddedEnd() {
    return dataOffset() + size + (size & 1);
  }
}
