package ai.alicemultiverse.codec;

/**
 * The XMP as stored in a container. {@code extendedXml} is only set for JPEG Extended XMP (the
 * reassembled extension packet, to be merged into {@code xml}); it is null everywhere else.
 */
public record XmpPacket(String xml, String extendedXml) {
  /**
   * The largest packet alice reads (16 MiB). Each codec checks a packet's declared length against it
   * before reading a byte of it: a 50 MB packet read first and refused afterwards took about five times
   * its size in memory (bytes, string, the parser's copies), and two at once exhausted a 512 MB heap.
   */
  public static final int MAX_BYTES = 16 << 20;

  /** @throws CodecException if a packet of {@code declaredLength} bytes is over {@link #MAX_BYTES} */
  public static void requireWithinLimit(long declaredLength, String where) throws CodecException {
    if (declaredLength > MAX_BYTES || declaredLength < 0) {
      throw new CodecException("XMP packet of " + Long.toUnsignedString(declaredLength) + " bytes (" + where
          + ") exceeds the 16 MiB limit (" + MAX_BYTES + ")");
    }
  }

  public static XmpPacket of(String xml) {
    return new XmpPacket(xml, null);
  }
}
