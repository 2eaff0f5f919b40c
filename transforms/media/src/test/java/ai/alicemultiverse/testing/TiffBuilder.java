package ai.alicemultiverse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a little-endian classic TIFF piece by piece: data blocks and IFDs are appended in the order
 * they are added, so a test controls every offset (sub-IFDs are written before the IFD that points
 * to them; chains are linked afterwards).
 */
public final class TiffBuilder {
  public static final int SHORT = 3;
  public static final int LONG = 4;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<long[]> patches = new ArrayList<>(); // {position, value}

  public TiffBuilder() {
    out.writeBytes(new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0});
  }

  /** Appends {@code bytes} (at an even offset) and returns where they start. */
  public long data(byte[] bytes) {
    align();
    long at = out.size();
    out.writeBytes(bytes);
    return at;
  }

  /** Appends an IFD with {@code entries} (sorted by the caller) and a next-IFD offset of 0. */
  public long ifd(Entry... entries) {
    List<byte[]> values = new ArrayList<>();
    for (Entry e : entries) {
      values.add(e.valueBytes());
    }
    long[] outOfLine = new long[entries.length];
    for (int i = 0; i < entries.length; i++) {
      outOfLine[i] = values.get(i).length > 4 ? data(values.get(i)) : -1;
    }
    align();
    long at = out.size();
    ByteBuffer ifd = ByteBuffer.allocate(2 + 12 * entries.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    ifd.putShort((short) entries.length);
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      ifd.putShort((short) e.tag).putShort((short) e.type).putInt(e.values.length);
      byte[] value = values.get(i);
      if (outOfLine[i] >= 0) {
        ifd.putInt((int) outOfLine[i]);
      } else {
        ifd.put(value).put(new byte[4 - value.length]);
      }
    }
    ifd.putInt(0);
    out.writeBytes(ifd.array());
    return at;
  }

  /** Makes the header point to {@code ifd0}. */
  public TiffBuilder first(long ifd0) {
    patches.add(new long[] {4, ifd0});
    return this;
  }

  /** Sets the next-IFD offset of the IFD at {@code ifd} (with {@code entries} entries) to {@code next}. */
  public TiffBuilder link(long ifd, int entries, long next) {
    patches.add(new long[] {ifd + 2 + 12L * entries, next});
    return this;
  }

  public byte[] bytes() {
    ByteBuffer file = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    for (long[] p : patches) {
      file.putInt((int) p[0], (int) p[1]);
    }
    return file.array();
  }

  private void align() {
    if (out.size() % 2 != 0) {
      out.write(0);
    }
  }

  public static Entry entry(int tag, int type, long... values) {
    return new Entry(tag, type, values);
  }

  public static Entry shorts(int tag, long... values) {
    return new Entry(tag, SHORT, values);
  }

  public static Entry longs(int tag, long... values) {
    return new Entry(tag, LONG, values);
  }

  /** One IFD entry: SHORT or LONG values. */
  public record Entry(int tag, int type, long[] values) {
    byte[] valueBytes() {
      int size = type == SHORT ? 2 : 4;
      ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : values) {
        if (type == SHORT) {
          b.putShort((short) v);
        } else {
          b.putInt((int) v);
        }
      }
      return b.array();
    }
  }
}
