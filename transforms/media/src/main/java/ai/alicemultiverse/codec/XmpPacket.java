package ai.alicemultiverse.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The XMP as stored in a container, as text: {@link #decode} reads the stored bytes in any of the
 * encodings XMP allows; writers store UTF-8. {@code extendedXml} is only set for JPEG Extended XMP (the
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

  /**
   * The packet text from its stored bytes, in whichever encoding XMP allows (XMP Specification Part 1,
   * 7.1: UTF-8, UTF-16 or UTF-32, big- or little-endian), told by a byte-order mark or else by the zero
   * bytes around the packet's first character, {@code <} (XML 1.0 Appendix F); NUL padding after the
   * packet and a leading byte-order mark are not part of it. Bytes that fit no pattern are read as UTF-8,
   * the encoding every writer but a few uses.
   */
  public static String decode(byte[] bytes, int offset, int length) {
    Charset charset = encodingOf(bytes, offset, length);
    String text = new String(bytes, offset, length, charset);
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    int end = text.length();
    while (end > start && text.charAt(end - 1) == '\0') {
      end--;
    }
    return text.substring(start, end);
  }

  /** {@link #decode(byte[], int, int)} of the whole array. */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  private static Charset encodingOf(byte[] b, int at, int length) {
    if (length >= 4) {
      int b0 = b[at] & 0xFF;
      int b1 = b[at + 1] & 0xFF;
      int b2 = b[at + 2] & 0xFF;
      int b3 = b[at + 3] & 0xFF;
      if ((b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) || (b0 == 0 && b1 == 0 && b2 == 0 && b3 == '<')) {
        return UTF_32BE;
      }
      if ((b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) || (b0 == '<' && b1 == 0 && b2 == 0 && b3 == 0)) {
        return UTF_32LE;
      }
    }
    if (length >= 2) {
      int b0 = b[at] & 0xFF;
      int b1 = b[at + 1] & 0xFF;
      if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 == '<')) {
        return StandardCharsets.UTF_16BE;
      }
      if ((b0 == 0xFF && b1 == 0xFE) || (b0 == '<' && b1 == 0)) {
        return StandardCharsets.UTF_16LE;
      }
    }
    return StandardCharsets.UTF_8;
  }

  public static XmpPacket of(String xml) {
    return new XmpPacket(xml, null);
  }
}
