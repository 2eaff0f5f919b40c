package ai.alicemultiverse.codec.jpeg;

import java.util.List;

/**
 * The header segments of a JPEG file, SOI excluded, in file order, and the first SOS segment
 * (the start of the media data). Everything alice reads or rewrites lives in {@code segments}.
 */
record JpegLayout(List<JpegSegment> segments, JpegSegment sos) {
  JpegLayout {
    segments = List.copyOf(segments);
  }
}
