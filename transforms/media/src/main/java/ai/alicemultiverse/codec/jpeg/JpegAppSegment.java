package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an APPn segment holds, told by the NUL-terminated identifier at the start of its payload
 * (JFIF 1.02; Exif 2.3 4.5.4; XMP Specification Part 3 (2016) 1.1.3).
 */
enum JpegAppSegment {
  JFIF(JpegSegment.APP0, "JFIF\0"),
  /** JFIF extension (thumbnail); must directly follow the JFIF APP0. */
  JFXX(JpegSegment.APP0, "JFXX\0"),
  EXIF(JpegSegment.APP1, "Exif\0"),
  XMP(JpegSegment.APP1, "http://ns.adobe.com/xap/1.0/\0"),
  EXTENDED_XMP(JpegSegment.APP1, "http://ns.adobe.com/xmp/extension/\0"),
  OTHER(-1, "");

  /** The longest identifier (Extended XMP, 35 bytes): all a classification needs to read. */
  static final int MAX_HEADER = 35;

  private final int marker;
  private final byte[] header;

  JpegAppSegment(int marker, String header) {
    this.marker = marker;
    this.header = header.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Identifier bytes that start the payload (including the NUL). */
  byte[] header() {
    return header.clone();
  }

  int headerLength() {
    return header.length;
  }

  /** Reads at most {@link #MAX_HEADER} payload bytes to tell what {@code segment} is. */
  static JpegAppSegment of(MediaSource source, JpegSegment segment) throws IOException {
    if (segment.marker() != JpegSegment.APP0 && segment.marker() != JpegSegment.APP1) {
      return OTHER;
    }
    int n = (int) Math.min(MAX_HEADER, segment.payloadLength());
    byte[] start = source.readFully(segment.payloadOffset(), n);
    for (JpegAppSegment kind : values()) {
      if (kind.marker == segment.marker()
          && start.length >= kind.header.length
          && Arrays.equals(start, 0, kind.header.length, kind.header, 0, kind.header.length)) {
        return kind;
      }
    }
    return OTHER;
  }

  boolean isXmp() {
    return this == XMP || this == EXTENDED_XMP;
  }
}
