package ai.alicemultiverse.codec.isobmff;

import java.util.UUID;

/**
 * One box header (ISO/IEC 14496-12 §4.2): where the box starts, its total size including the header,
 * and the header length (8, 16 with a 64-bit largesize, plus 16 for a {@code uuid} usertype).
 *
 * @param type the four-character type, each byte as one ISO-8859-1 char (QuickTime uses 0xA9 '©')
 * @param offset where the box starts, relative to the start of the source it was read from
 * @param size the whole box: header and payload
 * @param headerSize bytes before the payload, usertype included
 * @param largeSize true when the header used the 64-bit form (size field == 1)
 * @param userType the extended type of a {@code uuid} box, null for every other type
 */
record Box(String type, long offset, long size, int headerSize, boolean largeSize, UUID userType) {

  /** The usertype under which XMP is stored in MP4 (XMP Specification Part 3, §1.2.7). */
  static final UUID XMP_UUID = UUID.fromString("be7acfcb-97a9-42e8-9c71-999491e3afac");

  boolean is(String fourCc) {
    return type.equals(fourCc);
  }

  boolean isXmpUuid() {
    return is("uuid") && XMP_UUID.equals(userType);
  }

  long payloadOffset() {
    return offset + headerSize;
  }

  long payloadSize() {
    return size - headerSize;
  }

  long end() {
    return offset + size;
  }

  @Override
  public String toString() {
    return "'" + type + "' box at byte " + offset + " (" + size + " bytes)";
  }
}
