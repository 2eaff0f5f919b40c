package ai.alicemultiverse.codec.jpeg;

/**
 * One marker segment of a JPEG header, located in the file (its payload stays there).
 *
 * @param marker the marker code, the byte after {@code FF} (e.g. {@code 0xE1} for APP1)
 * @param start offset of the first byte of the segment, including any {@code FF} fill bytes
 *     before the marker (ITU T.81 B.1.1.2), so a copy of {@code [start, end)} keeps them
 * @param markerOffset offset of the {@code FF} that directly precedes the marker code
 * @param end offset just past the segment (after the payload, or after the marker for a
 *     standalone marker)
 */
record JpegSegment(int marker, long start, long markerOffset, long end) {
  static final int SOI = 0xD8;
  static final int EOI = 0xD9;
  static final int SOS = 0xDA;
  static final int APP0 = 0xE0;
  static final int APP1 = 0xE1;
  static final int TEM = 0x01;

  /** T.81 B.1.1.3 / Table B.1: SOI, EOI, RSTn and TEM carry no length field. */
  static boolean isStandalone(int marker) {
    return marker == SOI || marker == EOI || marker == TEM || (marker >= 0xD0 && marker <= 0xD7);
  }

  /** SOF0-SOF15 (C0-CF) but DHT (C4), JPG (C8) and DAC (CC), which share the range (T.81 Table B.1). */
  static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  boolean hasLength() {
    return !isStandalone(marker);
  }

  /** First payload byte: after FF, the marker code and the 2-byte length. */
  long payloadOffset() {
    return hasLength() ? markerOffset + 4 : end;
  }

  /** The whole segment, fill bytes included: what a copy keeps. */
  long length() {
    return end - start;
  }

  long payloadLength() {
    return end - payloadOffset();
  }

  String name() {
    return String.format("FF%02X", marker);
  }
}
