package ai.alicemultiverse.codec.tiff;

import java.nio.ByteOrder;

/**
 * The TIFF file header: byte order, classic or BigTIFF, and where IFD0 starts.
 *
 * @param order II = little-endian, MM = big-endian; every multi-byte value in the file uses it
 * @param bigTiff true for BigTIFF (version 43: 64-bit offsets and counts, 20-byte IFD entries)
 * @param firstIfdOffset absolute offset of IFD0
 */
record TiffHeader(ByteOrder order, boolean bigTiff, long firstIfdOffset) {

  /** Byte offset of the first-IFD pointer inside the header (4 classic, 8 BigTIFF). */
  int firstIfdPointerPosition() {
    return bigTiff ? 8 : 4;
  }

  /** Size of an IFD entry count field: 2 bytes classic, 8 BigTIFF. */
  int countFieldSize() {
    return bigTiff ? 8 : 2;
  }

  /** Size of one IFD entry: 12 bytes classic, 20 BigTIFF. */
  int entrySize() {
    return bigTiff ? 20 : 12;
  }

  /** Size of an offset field (next-IFD pointer, value offset): 4 classic, 8 BigTIFF. */
  int offsetSize() {
    return bigTiff ? 8 : 4;
  }
}
