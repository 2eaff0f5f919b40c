package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the marker segments of a JPEG file from SOI to the first SOS, reading only the marker and
 * length bytes (payloads stay in the file). Hand-written because no library reports segment
 * positions for a lossless rewrite.
 */
final class JpegSegmentReader {
  /** Sanity bound on header segments; real files have tens, a few hundred at most. */
  static final int MAX_SEGMENTS = 65_536;
  /** T.81 allows any number of FF fill bytes before a marker; more than this is not a JPEG. */
  static final int MAX_FILL_BYTES = 65_536;

  private JpegSegmentReader() {}

  /** True for the JPEG signature: SOI ({@code FF D8}) followed by the {@code FF} of the next marker. */
  static boolean hasSignature(byte[] head) {
    return head.length >= 3
        && (head[0] & 0xFF) == 0xFF
        && (head[1] & 0xFF) == JpegSegment.SOI
        && (head[2] & 0xFF) == 0xFF;
  }

  /**
   * Lists the segments after SOI up to and including the first SOS.
   *
   * <pre>
   * file    = SOI(FF D8) segment* SOS-segment entropy-coded-data ... EOI(FF D9)   (ITU T.81 B.2.1)
   * segment = FF+ marker(1) [length(2, big-endian, counts itself, &gt;= 2) payload(length-2)]
   *   extra FF bytes before the marker are fill (B.1.1.2); FF 00 is not a marker;
   *   SOI, EOI, RST0-7 (D0-D7) and TEM (01) stand alone without a length (B.1.1.3).
   * </pre>
   */
  static JpegLayout read(MediaSource source) throws IOException {
    long size = source.size();
    if (size < 4 || !hasSignature(source.readFully(0, 3))) {
      throw new CodecException("not a JPEG file: no SOI marker (FF D8 FF) at byte 0");
    }
    List<JpegSegment> segments = new ArrayList<>();
    long position = 2;
    while (true) {
      if (segments.size() >= MAX_SEGMENTS) {
        throw new CodecException(
            "JPEG has more than " + MAX_SEGMENTS + " header segments (at byte " + position + ")");
      }
      JpegSegment segment = next(source, position, size);
      if (segment.marker() == JpegSegment.EOI) {
        throw new CodecException("JPEG has EOI at byte " + segment.markerOffset() + " before any SOS");
      }
      segments.add(segment);
      if (segment.marker() == JpegSegment.SOS) {
        return new JpegLayout(segments, segment);
      }
      position = segment.end();
    }
  }

  /** Reads the segment that starts at {@code start} (fill bytes, marker, length). */
  private static JpegSegment next(MediaSource source, long start, long size) throws IOException {
    if (start >= size) {
      throw new CodecException("JPEG truncated: no SOS marker before end of file at byte " + start);
    }
    long position = start;
    int first = byteAt(source, position, size);
    if (first != 0xFF) {
      throw new CodecException(String.format(
          "JPEG: expected a marker (FF) at byte %d, found 0x%02X", position, first));
    }
    int marker = 0xFF;
    while (marker == 0xFF) {
      position++;
      if (position - start > MAX_FILL_BYTES) {
        throw new CodecException("JPEG: more than " + MAX_FILL_BYTES + " fill bytes at byte " + start);
      }
      marker = byteAt(source, position, size);
    }
    long markerOffset = position - 1;
    if (marker == 0x00) {
      throw new CodecException("JPEG: stuffed byte FF 00 where a marker belongs, at byte " + markerOffset);
    }
    if (JpegSegment.isStandalone(marker)) {
      return new JpegSegment(marker, start, markerOffset, markerOffset + 2);
    }
    if (markerOffset + 4 > size) {
      throw new CodecException(String.format(
          "JPEG truncated: segment FF%02X at byte %d has no length field", marker, markerOffset));
    }
    byte[] lengthBytes = source.readFully(markerOffset + 2, 2);
    int length = ((lengthBytes[0] & 0xFF) << 8) | (lengthBytes[1] & 0xFF);
    if (length < 2) {
      throw new CodecException(String.format(
          "JPEG segment FF%02X at byte %d has impossible length %d", marker, markerOffset, length));
    }
    long end = markerOffset + 2 + length;
    if (end > size) {
      throw new CodecException(String.format(
          "JPEG segment FF%02X at byte %d with length %d runs past end of file (size %d)",
          marker, markerOffset, length, size));
    }
    return new JpegSegment(marker, start, markerOffset, end);
  }

  private static int byteAt(MediaSource source, long position, long size) throws IOException {
    if (position >= size) {
      throw new CodecException("JPEG truncated inside a marker at byte " + position);
    }
    return source.readFully(position, 1)[0] & 0xFF;
  }
}
