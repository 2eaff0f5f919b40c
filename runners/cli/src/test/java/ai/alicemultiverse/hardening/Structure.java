package ai.alicemultiverse.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a container keeps its sizes, counts and offsets, found by a small walker per format, so that the
 * mutator can make them lie. Deliberately independent of the product's codecs (it must not share their bugs)
 * and deliberately forgiving: it stops at the first thing it does not understand.
 */
final class Structure {
  /** A size/count/offset field: {@code width} bytes at {@code offset}. */
  record Field(int offset, int width, boolean littleEndian) {}

  final List<Field> fields = new ArrayList<>();
  /** Offsets where a structure (chunk, box, segment, IFD) starts: good places to cut or insert. */
  final List<Integer> boundaries = new ArrayList<>();
  final String kind;

  private static final Set<String> BOX_CONTAINERS =
      Set.of("moov", "trak", "mdia", "minf", "stbl", "udta", "edts", "dinf", "mvex", "moof", "traf");
  private static final Set<String> COUNTED_TABLES = Set.of("stco", "co64", "stsc", "stts", "stss", "ctts");

  private Structure(String kind) {
    this.kind = kind;
  }

  static Structure of(byte[] b) {
    if (b.length >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
      return jpeg(b);
    }
    if (b.length >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return png(b);
    }
    if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF")) {
      return riff(b);
    }
    if (b.length >= 8 && (ascii(b, 0, 2).equals("II") || ascii(b, 0, 2).equals("MM"))) {
      return tiff(b);
    }
    if (b.length >= 10 && ascii(b, 0, 3).equals("ID3")) {
      return id3(b);
    }
    if (b.length >= 8) {
      Structure s = new Structure("isobmff");
      s.boxes(b, 0, b.length, 0);
      return s;
    }
    return new Structure("unknown");
  }

  private static Structure jpeg(byte[] b) {
    Structure s = new Structure("jpeg");
    int i = 2;
    while (i + 4 <= b.length && u8(b, i) == 0xFF) {
      int marker = u8(b, i + 1);
      s.boundaries.add(i);
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8) || marker == 0xFF) {
        i += marker == 0xFF ? 1 : 2;
        continue;
      }
      s.fields.add(new Field(i + 2, 2, false));
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      i += 2 + be(b, i + 2, 2);
    }
    return s;
  }

  private static Structure png(byte[] b) {
    Structure s = new Structure("png");
    for (int i = 8; i + 12 <= b.length; ) {
      s.boundaries.add(i);
      s.fields.add(new Field(i, 4, false));
      long length = be(b, i, 4);
      if (length > b.length) {
        break;
      }
      i += 12 + (int) length;
    }
    return s;
  }

  private static Structure riff(byte[] b) {
    Structure s = new Structure("riff");
    s.fields.add(new Field(4, 4, true));
    s.riffChunks(b, 12, b.length, 0);
    return s;
  }

  private void riffChunks(byte[] b, int from, int to, int depth) {
    for (int i = from; i + 8 <= to && depth < 8; ) {
      boundaries.add(i);
      fields.add(new Field(i + 4, 4, true));
      long size = le(b, i + 4, 4);
      if (size > to - i - 8) {
        break;
      }
      if (ascii(b, i, 4).equals("LIST")) {
        riffChunks(b, i + 12, i + 8 + (int) size, depth + 1);
      }
      i += 8 + (int) size + (int) (size & 1);
    }
  }

  private void boxes(byte[] b, int from, int to, int depth) {
    for (int i = from; i + 8 <= to && depth < 8; ) {
      boundaries.add(i);
      fields.add(new Field(i, 4, false));
      long size = be(b, i, 4);
      String type = ascii(b, i + 4, 4);
      int header = 8;
      if (size == 1 && i + 16 <= to) {
        fields.add(new Field(i + 8, 8, false));
        size = be(b, i + 8, 8);
        header = 16;
      }
      if (size < header || size > to - i) {
        break;
      }
      if (BOX_CONTAINERS.contains(type)) {
        boxes(b, i + header, i + (int) size, depth + 1);
      } else if (type.equals("meta")) {
        boxes(b, i + header + 4, i + (int) size, depth + 1);
      } else if (COUNTED_TABLES.contains(type) && size >= 16) {
        fields.add(new Field(i + 12, 4, false));
      } else if (type.equals("stsz") && size >= 20) {
        fields.add(new Field(i + 12, 4, false));
        fields.add(new Field(i + 16, 4, false));
      } else if (type.equals("stsd") && size >= 16) {
        fields.add(new Field(i + 12, 4, false));
      }
      i += (int) size;
    }
  }

  private static Structure tiff(byte[] b) {
    Structure s = new Structure("tiff");
    boolean little = b[0] == 'I';
    s.fields.add(new Field(4, 4, little));
    long ifd = little ? le(b, 4, 4) : be(b, 4, 4);
    for (int n = 0; n < 4 && ifd > 0 && ifd + 2 <= b.length; n++) {
      int at = (int) ifd;
      s.boundaries.add(at);
      s.fields.add(new Field(at, 2, little));
      int count = (int) (little ? le(b, at, 2) : be(b, at, 2));
      for (int e = 0; e < count && at + 2 + 12 * e + 12 <= b.length; e++) {
        int entry = at + 2 + 12 * e;
        s.fields.add(new Field(entry + 4, 4, little)); // value count
        s.fields.add(new Field(entry + 8, 4, little)); // value or offset
      }
      int next = at + 2 + 12 * count;
      if (next + 4 > b.length) {
        break;
      }
      s.fields.add(new Field(next, 4, little));
      ifd = little ? le(b, next, 4) : be(b, next, 4);
    }
    return s;
  }

  private static Structure id3(byte[] b) {
    Structure s = new Structure("id3");
    s.fields.add(new Field(6, 4, false));
    int end = (int) Math.min(b.length, 10 + syncsafe(b, 6));
    for (int i = 10; i + 10 <= end && b[i] != 0; ) {
      s.boundaries.add(i);
      s.fields.add(new Field(i + 4, 4, false));
      long size = be(b, i + 4, 4);
      if (size > end - i - 10) {
        break;
      }
      i += 10 + (int) size;
    }
    s.boundaries.add(end);
    return s;
  }

  static long syncsafe(byte[] b, int at) {
    return ((b[at] & 0x7F) << 21) | ((b[at + 1] & 0x7F) << 14) | ((b[at + 2] & 0x7F) << 7) | (b[at + 3] & 0x7F);
  }

  static int u8(byte[] b, int at) {
    return b[at] & 0xFF;
  }

  static long be(byte[] b, int at, int width) {
    long v = 0;
    for (int k = 0; k < width; k++) {
      v = (v << 8) | u8(b, at + k);
    }
    return v;
  }

  static long le(byte[] b, int at, int width) {
    long v = 0;
    for (int k = width - 1; k >= 0; k--) {
      v = (v << 8) | u8(b, at + k);
    }
    return v;
  }

  static void put(byte[] b, Field f, long value) {
    for (int k = 0; k < f.width(); k++) {
      int shift = 8 * (f.littleEndian() ? k : f.width() - 1 - k);
      if (f.offset() + k < b.length) {
        b[f.offset() + k] = (byte) (value >>> shift);
      }
    }
  }

  static String ascii(byte[] b, int at, int n) {
    return new String(b, at, n, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
