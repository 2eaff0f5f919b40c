package ai.alicemultiverse.codec.tiff;

/**
 * One IFD entry exactly as stored: tag, field type, value count, and the raw entry bytes (12 for
 * classic TIFF, 20 for BigTIFF) so a writer can copy it verbatim.
 *
 * @param position absolute offset of the entry in the file
 */
record IfdEntry(int tag, int type, long count, long position, byte[] raw) {

  /** Bytes per value for a TIFF 6.0 / BigTIFF field type; 0 for a type readers must skip. */
  static int typeSize(int type) {
    return switch (type) {
      case 1, 2, 6, 7 -> 1; // BYTE, ASCII, SBYTE, UNDEFINED
      case 3, 8 -> 2; // SHORT, SSHORT
      case 4, 9, 11, 13 -> 4; // LONG, SLONG, FLOAT, IFD
      case 5, 10, 12, 16, 17, 18 -> 8; // RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8, IFD8
      default -> 0;
    };
  }

  /** Total value size in bytes, or -1 when it does not fit a long (a corrupt count). */
  long valueSize() {
    int size = typeSize(type);
    if (count < 0 || (size > 0 && count > Long.MAX_VALUE / size)) {
      return -1;
    }
    return count * size;
  }

  /** True for the unsigned integer types an offset or count may use. */
  boolean isUnsignedInteger() {
    return type == 1 || type == 3 || type == 4 || type == 13 || type == 16 || type == 18;
  }
}
