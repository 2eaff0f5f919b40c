package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the TIFF header and single IFDs through a {@link MediaSource}, fetching only the
 * directory and the values asked for. Hand-written byte walking: the Java imaging libraries decode
 * pixels but cannot tell where each byte of a TIFF lives, which the lossless writer needs.
 *
 * <p>Follows TIFF 6.0 (Adobe, 1992) section 2 and the BigTIFF extension (version 43). Every length
 * read from the file is checked against the file size and a 64 MiB cap before anything is
 * allocated.
 */
final class TiffReader {
  /** Cap for one metadata value (XMP packet, strip offset table). */
  static final long MAX_VALUE_BYTES = 64L << 20;
  /** Classic TIFF cannot hold more (16-bit count); BigTIFF is held to the same bound. */
  static final int MAX_ENTRIES = 65_535;
  /** Cap for the number of values decoded from one entry (8 Mi longs = 64 MiB). */
  static final int MAX_VALUES = 1 << 23;

  private final MediaSource source;
  private final long fileSize;
  private final TiffHeader header;

  private TiffReader(MediaSource source, long fileSize, TiffHeader header) {
    this.source = source;
    this.fileSize = fileSize;
    this.header = header;
  }

  /**
   * Parses the header.
   *
   * <pre>
   * classic: 0 "II" | "MM"   2 u16 42   4 u32 offset of IFD0
   * BigTIFF: 0 "II" | "MM"   2 u16 43   4 u16 offset size (8)   6 u16 0   8 u64 offset of IFD0
   * </pre>
   */
  static TiffReader open(MediaSource source) throws IOException {
    long size = source.size();
    if (size < 8) {
      throw new CodecException("TIFF header truncated: file has " + size + " bytes, needs 8");
    }
    byte[] head = source.readFully(0, (int) Math.min(16, size));
    ByteOrder order;
    if (head[0] == 'I' && head[1] == 'I') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (head[0] == 'M' && head[1] == 'M') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new CodecException("not a TIFF: byte order mark at byte 0 is neither II nor MM");
    }
    ByteBuffer buf = ByteBuffer.wrap(head).order(order);
    int version = Short.toUnsignedInt(buf.getShort(2));
    TiffHeader header;
    if (version == 42) {
      header = new TiffHeader(order, false, Integer.toUnsignedLong(buf.getInt(4)));
    } else if (version == 43) {
      if (size < 16) {
        throw new CodecException("BigTIFF header truncated: file has " + size + " bytes, needs 16");
      }
      if (buf.getShort(4) != 8 || buf.getShort(6) != 0) {
        throw new CodecException("BigTIFF header at byte 4: offset size must be 8");
      }
      header = new TiffHeader(order, true, buf.getLong(8));
    } else {
      throw new CodecException("not a TIFF: version at byte 2 is " + version + ", not 42 or 43");
    }
    return new TiffReader(source, size, header);
  }

  TiffHeader header() {
    return header;
  }

  long fileSize() {
    return fileSize;
  }

  /**
   * Reads one IFD.
   *
   * <pre>
   * classic: u16 n, n x [u16 tag, u16 type, u32 count, 4-byte value or offset], u32 next IFD
   * BigTIFF: u64 n, n x [u16 tag, u16 type, u64 count, 8-byte value or offset], u64 next IFD
   * </pre>
   */
  Ifd readIfd(long offset, String name) throws IOException {
    int countSize = header.countFieldSize();
    requireInFile(offset, countSize, name + " entry count");
    ByteBuffer countBuf = buffer(source.readFully(offset, countSize));
    long n = header.bigTiff() ? countBuf.getLong(0) : Short.toUnsignedInt(countBuf.getShort(0));
    if (n < 0 || n > MAX_ENTRIES) {
      throw new CodecException(name + " at byte " + offset + " claims " + Long.toUnsignedString(n)
          + " entries (limit " + MAX_ENTRIES + ")");
    }
    int entrySize = header.entrySize();
    long size = countSize + n * entrySize + header.offsetSize();
    requireInFile(offset, size, name);
    ByteBuffer buf = buffer(source.readFully(offset, (int) size));
    List<IfdEntry> entries = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      int at = countSize + i * entrySize;
      int tag = Short.toUnsignedInt(buf.getShort(at));
      int type = Short.toUnsignedInt(buf.getShort(at + 2));
      long count = header.bigTiff() ? buf.getLong(at + 4) : Integer.toUnsignedLong(buf.getInt(at + 4));
      byte[] raw = Arrays.copyOfRange(buf.array(), at, at + entrySize);
      entries.add(new IfdEntry(tag, type, count, offset + at, raw));
    }
    int nextAt = (int) (size - header.offsetSize());
    long next = header.bigTiff() ? buf.getLong(nextAt) : Integer.toUnsignedLong(buf.getInt(nextAt));
    return new Ifd(offset, List.copyOf(entries), next, size);
  }

  /** True when the value fits the entry's value field (4 bytes classic, 8 BigTIFF). */
  boolean isInline(IfdEntry entry) {
    long size = entry.valueSize();
    return size >= 0 && size <= header.offsetSize();
  }

  /** Where the value bytes of {@code entry} are: inside the entry, or at the offset it holds. */
  ByteRange valueRange(IfdEntry entry) throws CodecException {
    long size = entry.valueSize();
    if (size < 0) {
      throw new CodecException("tag " + entry.tag() + " at byte " + entry.position()
          + ": impossible value count " + Long.toUnsignedString(entry.count()));
    }
    int fieldAt = header.bigTiff() ? 12 : 8;
    if (isInline(entry)) {
      return new ByteRange(entry.position() + fieldAt, size);
    }
    ByteBuffer raw = buffer(entry.raw());
    long offset = header.bigTiff() ? raw.getLong(fieldAt) : Integer.toUnsignedLong(raw.getInt(fieldAt));
    if (offset < 0) {
      throw new CodecException("tag " + entry.tag() + " at byte " + entry.position()
          + ": value offset beyond 2^63");
    }
    return new ByteRange(offset, size);
  }

  /** The raw value bytes of {@code entry}, bounded by the file size and {@link #MAX_VALUE_BYTES}. */
  byte[] readBytes(IfdEntry entry) throws IOException {
    ByteRange range = valueRange(entry);
    String what = "value of tag " + entry.tag() + " (entry at byte " + entry.position() + ")";
    if (range.length() > MAX_VALUE_BYTES) {
      throw new CodecException(what + " is " + range.length() + " bytes, over the "
          + MAX_VALUE_BYTES + " byte limit");
    }
    requireInFile(range.offset(), range.length(), what);
    if (isInline(entry)) {
      int fieldAt = header.bigTiff() ? 12 : 8;
      return Arrays.copyOfRange(entry.raw(), fieldAt, fieldAt + (int) range.length());
    }
    return source.readFully(range.offset(), (int) range.length());
  }

  /** The values of an unsigned integer entry (BYTE, SHORT, LONG, IFD, LONG8, IFD8). */
  long[] readUnsigned(IfdEntry entry) throws IOException {
    if (!entry.isUnsignedInteger()) {
      throw new CodecException("tag " + entry.tag() + " at byte " + entry.position()
          + " has type " + entry.type() + ", expected an unsigned integer type");
    }
    if (entry.count() > MAX_VALUES) {
      throw new CodecException("tag " + entry.tag() + " at byte " + entry.position() + " has "
          + Long.toUnsignedString(entry.count()) + " values (limit " + MAX_VALUES + ")");
    }
    ByteBuffer buf = buffer(readBytes(entry));
    long[] values = new long[(int) entry.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (entry.type()) {
        case 1 -> Byte.toUnsignedLong(buf.get(i));
        case 3 -> Short.toUnsignedLong(buf.getShort(i * 2));
        case 4, 13 -> Integer.toUnsignedLong(buf.getInt(i * 4));
        default -> buf.getLong(i * 8); // LONG8, IFD8: negative means beyond 2^63, caught on use
      };
    }
    return values;
  }

  void requireInFile(long offset, long length, String what) throws CodecException {
    if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset) {
      throw new CodecException(what + " at byte " + offset + " (+" + length
          + " bytes) runs past the end of the file (" + fileSize + " bytes)");
    }
  }

  private ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(header.order());
  }
}
