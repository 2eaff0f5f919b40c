package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.CodecException;

/**
 * The 10-byte header of one ID3v2 tag and where the tag sits in the file.
 *
 * @param offset file offset of the "ID3" bytes
 * @param major 2, 3 or 4 (ID3v2.2, v2.3, v2.4)
 * @param revision minor version byte, kept as found
 * @param flags header flags, kept as found
 * @param bodySize the syncsafe size field: the tag without its header and footer
 */
record Id3v2Header(long offset, int major, int revision, int flags, int bodySize) {
  static final int LENGTH = 10;
  static final int FLAG_UNSYNCHRONISATION = 0x80;
  static final int FLAG_EXTENDED_HEADER = 0x40;
  static final int FLAG_FOOTER = 0x10; // v2.4 only

  /** The largest size a 28-bit syncsafe integer can hold. */
  static final int MAX_SYNCSAFE = (1 << 28) - 1;

  /** True when {@code bytes} start with "ID3". */
  static boolean startsTag(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3';
  }

  /*
   * ID3v2 header (id3v2.4.0-structure §3.1, id3v2.3.0 §3.1):
   *   "ID3" | major (1) | revision (1) | flags (1) | size (4, syncsafe: 7 bits per byte)
   * v2.4 footer (§3.4): "3DI" followed by the same 7 bytes, present when flag 0x10 is set.
   */
  static Id3v2Header parse(byte[] h, long offset) throws CodecException {
    if (h.length < LENGTH || !startsTag(h)) {
      throw new CodecException("no ID3v2 header at byte " + offset);
    }
    int major = h[3] & 0xFF;
    if (major < 2 || major > 4 || (h[4] & 0xFF) == 0xFF) {
      throw new CodecException("unsupported ID3v2 version 2." + major + " at byte " + offset);
    }
    return new Id3v2Header(offset, major, h[4] & 0xFF, h[5] & 0xFF, syncsafe(h, 6, offset + 6));
  }

  boolean hasFooter() {
    return major == 4 && (flags & FLAG_FOOTER) != 0;
  }

  boolean unsynchronised() {
    return (flags & FLAG_UNSYNCHRONISATION) != 0;
  }

  boolean hasExtendedHeader() {
    return major >= 3 && (flags & FLAG_EXTENDED_HEADER) != 0;
  }

  /** Header, body and footer. */
  long totalLength() {
    return LENGTH + (long) bodySize + (hasFooter() ? LENGTH : 0);
  }

  long end() {
    return offset + totalLength();
  }

  /** Reads a 4-byte syncsafe integer; a set top bit is a structural error. */
  static int syncsafe(byte[] b, int at, long fileOffset) throws CodecException {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int v = b[at + i] & 0xFF;
      if (v > 0x7F) {
        throw new CodecException("bad syncsafe integer at byte " + fileOffset);
      }
      value = (value << 7) | v;
    }
    return value;
  }

  static void putSyncsafe(byte[] b, int at, int value) {
    b[at] = (byte) ((value >>> 21) & 0x7F);
    b[at + 1] = (byte) ((value >>> 14) & 0x7F);
    b[at + 2] = (byte) ((value >>> 7) & 0x7F);
    b[at + 3] = (byte) (value & 0x7F);
  }

  /** This header (or, for {@code footer}, the "3DI" footer) with a new body size. */
  byte[] encode(int newBodySize, boolean footer) {
    byte[] h = new byte[LENGTH];
    h[0] = (byte) (footer ? '3' : 'I');
    h[1] = (byte) 'D';
    h[2] = (byte) (footer ? 'I' : '3');
    h[3] = (byte) major;
    h[4] = (byte) revision;
    h[5] = (byte) flags;
    putSyncsafe(h, 6, newBodySize);
    return h;
  }
}
