package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a JPEG again with new XMP: SOI, the leading JFIF/Exif segments, the new XMP segments,
 * then every other header segment and everything from the first SOS to the end of the file,
 * copied byte for byte. Old standard and Extended XMP segments are dropped. Hand-written: no
 * library rewrites JPEG headers without re-encoding or reordering.
 */
final class JpegWriter {
  /** Extended XMP data per segment; XMP Part 3 1.1.3.1 suggests 65400 so headers fit. */
  static final int MAX_EXTENDED_CHUNK = 65_400;

  private JpegWriter() {}

  static void write(MediaSource source, JpegLayout layout, ExtendedXmpSplitter.Parts xmp,
      OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0xFF, (byte) JpegSegment.SOI});
    List<JpegSegment> segments = layout.segments();
    int i = 0;
    // JFIF (and its JFXX extension) and Exif must come first (JFIF 1.02; Exif 2.3 4.5.4), so the
    // XMP goes after them. Old XMP met on the way is dropped.
    for (; i < segments.size(); i++) {
      JpegSegment segment = segments.get(i);
      JpegAppSegment kind = JpegAppSegment.of(source, segment);
      if (kind == JpegAppSegment.OTHER) {
        break;
      }
      if (!kind.isXmp()) {
        source.copyTo(segment.start(), segment.length(), out);
      }
    }
    writeXmp(xmp, out);
    for (; i < segments.size() - 1; i++) {
      JpegSegment segment = segments.get(i);
      if (!JpegAppSegment.of(source, segment).isXmp()) {
        source.copyTo(segment.start(), segment.length(), out);
      }
    }
    // The first SOS, the entropy-coded data, EOI and any trailer are media: copied unchanged.
    source.copyTo(layout.sos().start(), source.size() - layout.sos().start(), out);
  }

  /**
   * <pre>
   * standard: FF E1 length(2) "http://ns.adobe.com/xap/1.0/\0" packet          (XMP Part 3 1.1.3)
   * extended: FF E1 length(2) "http://ns.adobe.com/xmp/extension/\0" GUID(32)
   *           full length(4, BE) offset(4, BE) data(&lt;= 65400)               (1.1.3.1)
   * </pre>
   */
  private static void writeXmp(ExtendedXmpSplitter.Parts xmp, OutputStream out) throws IOException {
    writeApp1(out, JpegAppSegment.XMP.header(), xmp.standard(), 0, xmp.standard().length);
    byte[] extended = xmp.extended();
    if (extended == null) {
      return;
    }
    byte[] guid = xmp.guid().getBytes(StandardCharsets.US_ASCII);
    for (int offset = 0; offset < extended.length; offset += MAX_EXTENDED_CHUNK) {
      ByteBuffer header = ByteBuffer.allocate(ExtendedXmpAssembler.CHUNK_HEADER)
          .put(JpegAppSegment.EXTENDED_XMP.header())
          .put(guid)
          .putInt(extended.length)
          .putInt(offset);
      int length = Math.min(MAX_EXTENDED_CHUNK, extended.length - offset);
      writeApp1(out, header.array(), extended, offset, length);
    }
  }

  private static void writeApp1(OutputStream out, byte[] header, byte[] data, int offset,
      int length) throws IOException {
    int segmentLength = 2 + header.length + length;
    if (segmentLength > 0xFFFF) {
      throw new IllegalStateException("APP1 segment of " + segmentLength + " bytes");
    }
    out.write(new byte[] {(byte) 0xFF, (byte) JpegSegment.APP1,
        (byte) (segmentLength >>> 8), (byte) segmentLength});
    out.write(header);
    out.write(data, offset, length);
  }
}
