package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Read-only look at the JPEG header segments where generators leave traces: the EXIF
 * {@code UserComment} (Stable Diffusion web UI writes its parameters there) and APP11 JUMBF boxes
 * labelled {@code c2pa} (a C2PA manifest store). Oddities are ignored, never fatal: this is extra
 * information and the file stays usable without it.
 */
final class JpegGeneratorSegments {
  private static final int APP11 = 0xEB;
  private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};
  private static final int EXIF_IFD_POINTER = 0x8769;
  private static final int USER_COMMENT = 0x9286;
  /** Cap on a UserComment; A1111 parameters are a few KiB. */
  static final int MAX_COMMENT_BYTES = 1 << 20;

  private final String userComment;
  private final boolean c2pa;

  private JpegGeneratorSegments(String userComment, boolean c2pa) {
    this.userComment = userComment;
    this.c2pa = c2pa;
  }

  static JpegGeneratorSegments read(MediaSource source) throws IOException {
    String comment = null;
    boolean c2pa = false;
    for (JpegSegment segment : JpegSegmentReader.read(source).segments()) {
      long length = segment.payloadLength();
      if (segment.marker() == JpegSegment.APP1 && comment == null && length > EXIF.length + 8) {
        byte[] payload = source.readFully(segment.payloadOffset(), (int) length);
        if (Arrays.equals(payload, 0, EXIF.length, EXIF, 0, EXIF.length)) {
          comment = userComment(ByteBuffer.wrap(payload, EXIF.length, payload.length - EXIF.length).slice());
        }
      } else if (segment.marker() == APP11 && !c2pa && length > 16) {
        c2pa = isC2paJumbf(source.readFully(segment.payloadOffset(), (int) Math.min(length, 256)));
      }
    }
    return new JpegGeneratorSegments(comment, c2pa);
  }

  /** The EXIF UserComment as text, or null. */
  String userComment() {
    return userComment;
  }

  /** True when an APP11 segment carries a JUMBF box labelled c2pa. */
  boolean hasC2pa() {
    return c2pa;
  }

  /*
   * APP11 JUMBF (ISO/IEC 19566-5, as C2PA 2.x uses it):
   *   "JP"(2) box-instance(2) sequence(4) then a JUMBF superbox: LBox(4) "jumb" LBox(4) "jumd"
   *   type-uuid(16) toggles(1) label("c2pa" NUL) ...
   */
  static boolean isC2paJumbf(byte[] head) {
    if (head.length < 8 || head[0] != 'J' || head[1] != 'P') {
      return false;
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    return text.contains("jumb") && text.contains("c2pa");
  }

  /*
   * EXIF (CIPA DC-008) is a TIFF structure: "II*\0" or "MM\0*", the offset of IFD0; IFD0's tag
   * 0x8769 points to the Exif IFD, whose tag 0x9286 UserComment (UNDEFINED) starts with an 8-byte
   * character code: "ASCII\0\0\0", "UNICODE\0" (UTF-16) or eight zero bytes (undefined).
   */
  static String userComment(ByteBuffer tiff) {
    try {
      if (tiff.remaining() < 8) {
        return null;
      }
      byte b0 = tiff.get(0);
      if (b0 == 'I' && tiff.get(1) == 'I') {
        tiff.order(ByteOrder.LITTLE_ENDIAN);
      } else if (b0 == 'M' && tiff.get(1) == 'M') {
        tiff.order(ByteOrder.BIG_ENDIAN);
      } else {
        return null;
      }
      long exifIfd = entryValue(tiff, Integer.toUnsignedLong(tiff.getInt(4)), EXIF_IFD_POINTER, false);
      if (exifIfd < 0) {
        return null;
      }
      long at = entryValue(tiff, exifIfd, USER_COMMENT, true);
      return at < 0 ? null : decodeComment(tiff, at);
    } catch (IndexOutOfBoundsException | IllegalArgumentException broken) {
      return null; // offsets pointing outside the segment: no usable comment
    }
  }

  /**
   * Finds {@code tag} in the IFD at {@code ifd}: its LONG value, or (with {@code offsetOfData}) the
   * offset of its data. IFD entry = tag(2) type(2) count(4) value-or-offset(4).
   */
  private static long entryValue(ByteBuffer tiff, long ifd, int tag, boolean offsetOfData) {
    int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + 12 * i;
      if (Short.toUnsignedInt(tiff.getShort(entry)) == tag) {
        long count = Integer.toUnsignedLong(tiff.getInt(entry + 4));
        if (!offsetOfData) {
          return Integer.toUnsignedLong(tiff.getInt(entry + 8));
        }
        long dataAt = count <= 4 ? entry + 8 : Integer.toUnsignedLong(tiff.getInt(entry + 8));
        return count > MAX_COMMENT_BYTES ? -1 : (dataAt << 32 | count);
      }
    }
    return -1;
  }

  private static String decodeComment(ByteBuffer tiff, long packed) {
    int at = (int) (packed >>> 32);
    int count = (int) (packed & 0xFFFF_FFFFL);
    if (count < 8) {
      return null;
    }
    byte[] raw = new byte[count];
    tiff.get(at, raw);
    String code = new String(raw, 0, 8, StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOfRange(raw, 8, raw.length);
    String text;
    if (code.startsWith("UNICODE")) {
      // piexif (used by the web UI) writes UTF-16BE; some writers follow the TIFF byte order instead
      boolean littleEndian = body.length >= 2 && body[0] != 0 && body[1] == 0;
      text = new String(body, littleEndian ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    } else {
      text = new String(body, StandardCharsets.UTF_8);
    }
    text = text.replace("\0", "").strip();
    return text.isEmpty() ? null : text;
  }
}
