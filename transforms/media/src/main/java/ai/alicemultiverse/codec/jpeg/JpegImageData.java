package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a JPEG that ExifTool 13's ImageDataHash takes ({@code ProcessJPEG} in
 * {@code Image/ExifTool.pm}, "calculate hash for image data"), found by the same marker walk.
 *
 * <p>From the first SOS on, the file is cut at every {@code FF} that starts a marker; each chunk runs
 * from the {@code FF} of the marker that opens it up to, not including, the {@code FF} of the marker
 * that ends it (fill {@code FF}s before that one stay in the chunk). A chunk is hashed only when
 *
 * <ul>
 *   <li>the marker that opens it is SOS ({@code DA}), a stuffed byte ({@code 00}) or RSTn
 *       ({@code D0}-{@code D7}), and
 *   <li>the marker that ends it has no length field: {@code 00}, {@code 01}, RSTn, SOI, EOI, SOS and
 *       the JPEG 2000 codestream markers {@code 30}-{@code 3F}, {@code 4F}, {@code 92}, {@code 93}.
 * </ul>
 *
 * So the data of a scan that a DHT, DNL or other segment with a length follows is left out (the
 * tail of each progressive scan before its DHT, a scan ended by DNL), and so is everything after such
 * a segment up to the next marker. SOS is walked as a marker without a length: its header bytes
 * belong to the chunk it opens. The walk ends at the first EOI ({@code D9}), or at {@code FF 93},
 * where ExifTool stops too. A file that ends first, or whose segment length is cut off, is refused
 * (ExifTool hashes what it saw).
 */
final class JpegImageData {
  private static final int BLOCK = 1 << 16;

  private final MediaSource source;
  private final long size;
  private final List<ByteRange> ranges = new ArrayList<>();
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
  private long blockStart = -1;
  private int blockLength;

  private JpegImageData(MediaSource source) throws IOException {
    this.source = source;
    this.size = source.size();
  }

  /** The hashed ranges, adjacent chunks merged, for the file whose first SOS is {@code sos}. */
  static List<ByteRange> ranges(MediaSource source, JpegSegment sos) throws IOException {
    JpegImageData walk = new JpegImageData(source);
    walk.walk(sos.markerOffset());
    if (walk.ranges.isEmpty()) {
      throw new CodecException("JPEG has no image data to hash: every scan from byte " + sos.markerOffset()
          + " ends at a marker with a length (DHT, DNL, ...), which ExifTool leaves out");
    }
    return List.copyOf(walk.ranges);
  }

  private void walk(long sosFf) throws IOException {
    int marker = JpegSegment.SOS;
    long chunkStart = sosFf; // the FF of the marker that opens the current chunk
    long position = sosFf + 2; // just past the current marker (and its segment, if it has one)
    while (marker != JpegSegment.EOI && marker != SOD) {
      long ff = indexOfFf(position);
      if (ff < 0) {
        throw new CodecException("JPEG has no EOI marker (FF D9) after the image data at byte "
            + chunkStart + " (end of file at byte " + size + ")");
      }
      long code = ff + 1;
      while (code < size && byteAt(code) == 0xFF) {
        code++; // fill bytes: all but the last FF belong to the chunk before
      }
      if (code >= size) {
        throw new CodecException("JPEG ends inside a marker at byte " + ff);
      }
      int next = byteAt(code);
      long after = code + 1;
      int lengthBytes = lengthBytes(next);
      if (lengthBytes > 0) {
        after = code + 1 + segmentLength(code, next, lengthBytes);
      } else if (opensHashedChunk(marker)) {
        add(chunkStart, code - 1);
      }
      marker = next;
      chunkStart = code - 1;
      position = after;
    }
  }

  /** ExifTool's SOD marker: it ends the walk (a JPEG 2000 codestream's data follows). */
  private static final int SOD = 0x93;

  private static boolean opensHashedChunk(int marker) {
    return marker == 0x00 || marker == JpegSegment.SOS || (marker >= 0xD0 && marker <= 0xD7);
  }

  /** 0 for a marker without a length (ExifTool's markerLenBytes), else the size of its length field. */
  static int lengthBytes(int marker) {
    if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xDA)
        || (marker >= 0x30 && marker <= 0x3F) || marker == 0x4F || marker == 0x92 || marker == 0x93) {
      return 0;
    }
    return marker == 0x74 || marker == 0x75 || marker == 0x77 ? 4 : 2;
  }

  /** The segment length the field after the marker code at {@code code} states (it counts itself). */
  private long segmentLength(long code, int marker, int lengthBytes) throws IOException {
    if (code + 1 + lengthBytes > size) {
      throw new CodecException(String.format(
          "JPEG segment FF%02X at byte %d has no length field before the end of file", marker, code - 1));
    }
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = (length << 8) | byteAt(code + 1 + i);
    }
    if (length < lengthBytes || code + 1 + length > size) {
      throw new CodecException(String.format(
          "JPEG segment FF%02X at byte %d has length %d, %s", marker, code - 1, length,
          length < lengthBytes ? "shorter than its length field" : "past the end of file (size " + size + ")"));
    }
    return length;
  }

  private void add(long start, long end) {
    if (end <= start) {
      return;
    }
    int last = ranges.size() - 1;
    if (last >= 0 && ranges.get(last).end() == start) {
      ranges.set(last, new ByteRange(ranges.get(last).offset(), end - ranges.get(last).offset()));
    } else {
      ranges.add(new ByteRange(start, end - start));
    }
  }

  /** Position of the next {@code FF} at or after {@code from}, or -1 at end of file. */
  private long indexOfFf(long from) throws IOException {
    long at = from;
    while (at < size) {
      load(at);
      byte[] bytes = block.array();
      for (int i = (int) (at - blockStart); i < blockLength; i++) {
        if (bytes[i] == (byte) 0xFF) {
          return blockStart + i;
        }
      }
      at = blockStart + blockLength;
    }
    return -1;
  }

  private int byteAt(long position) throws IOException {
    load(position);
    return block.array()[(int) (position - blockStart)] & 0xFF;
  }

  /** Makes the block hold {@code position} (which must be inside the file). */
  private void load(long position) throws IOException {
    if (blockStart >= 0 && position >= blockStart && position < blockStart + blockLength) {
      return;
    }
    block.clear();
    block.limit((int) Math.min(BLOCK, size - position));
    int n = 0;
    while (block.hasRemaining()) {
      int read = source.read(position + block.position(), block);
      if (read < 0) {
        break;
      }
      n += read;
    }
    if (n == 0) {
      throw new CodecException("JPEG: cannot read byte " + position + " of " + size);
    }
    blockStart = position;
    blockLength = n;
  }
}
