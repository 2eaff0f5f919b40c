package ai.alicemultiverse.codec.mp3;

/**
 * One frame inside an ID3v2 tag body.
 *
 * @param id frame identifier ("PRIV", "TIT2"; three letters in v2.2)
 * @param offset where the frame header starts, relative to the tag body
 * @param headerLength 10 (v2.3, v2.4) or 6 (v2.2)
 * @param dataLength the frame's size field: bytes after the header
 * @param flags the two frame flag bytes (0 in v2.2)
 */
record Id3Frame(String id, int offset, int headerLength, int dataLength, int flags) {

  int end() {
    return offset + headerLength + dataLength;
  }
}
