package ai.alicemultiverse.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Hostile variants of real files. Mutant {@code i} of a campaign depends only on the seed and {@code i}, so
 * any failure is replayed from the two numbers printed with it.
 */
final class Mutator {
  enum Operator { TRUNCATE, FLIP, LYING_SIZE, HUGE_LENGTH, NESTED, REPEATED, SPLICE }

  record Mutant(int index, String base, String extension, Operator operator, String detail, byte[] bytes) {
    String describe() {
      return "mutant " + index + " (" + operator + " of " + base + ": " + detail + ", " + bytes.length + " bytes)";
    }
  }

  /** One original: its name, its extension and its bytes. */
  record Original(String name, String extension, byte[] bytes) {}

  private static final long[] HUGE = {0xFFFFFFFFL, 0x7FFFFFFFL, 0xFFFFFFF0L, 0x80000000L, 0x7FFFFFF8L,
      0xFFFFFFFFFFFFFFFFL, 0x7FFFFFFFFFFFFFFFL, 0x100000000L};

  private final List<Original> originals;
  private final long seed;

  Mutator(List<Original> originals, long seed) {
    this.originals = originals;
    this.seed = seed;
  }

  Mutant mutant(int index) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    Original original = originals.get(random.nextInt(originals.size()));
    byte[] b = original.bytes().clone();
    Structure s = Structure.of(b);
    Operator op = Operator.values()[random.nextInt(Operator.values().length)];
    String detail;
    byte[] out;
    switch (op) {
      case TRUNCATE -> {
        int cut = random.nextBoolean() || s.boundaries.isEmpty()
            ? random.nextInt(b.length + 1)
            : clamp(pick(random, s.boundaries) + random.nextInt(-8, 9), 0, b.length);
        detail = "cut at " + cut;
        out = Arrays.copyOf(b, cut);
      }
      case FLIP -> {
        int n = 1 + random.nextInt(8);
        int window = random.nextBoolean() ? Math.min(b.length, 4096) : b.length;
        StringBuilder at = new StringBuilder("bytes changed at");
        for (int k = 0; k < n && window > 0; k++) {
          int p = random.nextInt(window);
          b[p] = random.nextBoolean() ? (byte) (b[p] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
          at.append(' ').append(p);
        }
        detail = at.toString();
        out = b;
      }
      case LYING_SIZE, HUGE_LENGTH -> {
        if (s.fields.isEmpty()) {
          detail = "no size field found: cut in half";
          out = Arrays.copyOf(b, b.length / 2);
        } else {
          Structure.Field f = pick(random, s.fields);
          long old = f.littleEndian() ? Structure.le(b, f.offset(), f.width()) : Structure.be(b, f.offset(), f.width());
          long value = op == Operator.HUGE_LENGTH ? HUGE[random.nextInt(HUGE.length)] : lie(random, old, b.length);
          Structure.put(b, f, value);
          detail = s.kind + " field at " + f.offset() + " (" + f.width() + " bytes) " + old + " -> " + value;
          out = b;
        }
      }
      case NESTED -> {
        int depth = new int[] {64, 1_000, 20_000}[random.nextInt(3)];
        detail = s.kind + " nested " + depth + " deep";
        out = nested(s.kind, b, depth, random);
      }
      case REPEATED -> {
        int times = new int[] {50, 2_000}[random.nextInt(2)];
        detail = s.kind + " XMP-like structure repeated " + times + " times";
        out = repeated(s, b, times, random);
      }
      default -> {
        int at = s.boundaries.isEmpty() ? random.nextInt(b.length + 1) : pick(random, s.boundaries);
        byte[] junk = new byte[1 + random.nextInt(64)];
        for (int k = 0; k < junk.length; k++) {
          junk[k] = (byte) random.nextInt(256);
        }
        detail = junk.length + " random bytes inserted at " + at;
        out = insert(b, Math.min(at, b.length), junk);
      }
    }
    return new Mutant(index, original.name(), original.extension(), op, detail, out);
  }

  private static long lie(SplittableRandom random, long old, int fileLength) {
    return switch (random.nextInt(7)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> old + 1;
      case 3 -> Math.max(0, old - 1);
      case 4 -> fileLength + 1L;
      case 5 -> old * 2 + 7;
      default -> random.nextInt(1 << 16);
    };
  }

  /** Deep nesting where the format allows it, or a loop where the format links by offsets. */
  private static byte[] nested(String kind, byte[] b, int depth, SplittableRandom random) {
    switch (kind) {
      case "isobmff" -> {
        // A top-level box holding one of its type holding ... with consistent sizes, after the real boxes.
        // udta alone never reached Tika's MP4 reader, which descends into trak, moov, mdia and meta only.
        String type = new String[] {"udta", "trak", "moov", "meta"}[random.nextInt(4)];
        byte[] chain = new byte[8 * depth];
        for (int d = 0; d < depth; d++) {
          ByteBuffer.wrap(chain, 8 * d, 8).putInt(8 * (depth - d)).put(type.getBytes(StandardCharsets.US_ASCII));
        }
        return insert(b, b.length, chain);
      }
      case "riff" -> {
        // LIST chunks nested inside each other, the RIFF size grown to match.
        byte[] chain = new byte[12 * depth];
        ByteBuffer buf = ByteBuffer.wrap(chain).order(ByteOrder.LITTLE_ENDIAN);
        for (int d = 0; d < depth; d++) {
          buf.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(12 * (depth - d) - 8)
              .put("INFO".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] out = insert(b, b.length, chain);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return out;
      }
      case "tiff" -> {
        // IFD0's next-IFD link pointing back at IFD0 (or its first entry at itself): a loop.
        Structure s = Structure.of(b);
        Structure.Field first = s.fields.get(0);
        long ifd0 = first.littleEndian() ? Structure.le(b, 4, 4) : Structure.be(b, 4, 4);
        Structure.Field last = s.fields.get(s.fields.size() - 1);
        Structure.put(b, random.nextBoolean() ? last : s.fields.get(Math.min(3, s.fields.size() - 1)), ifd0);
        return b;
      }
      case "png" -> {
        // Many ancillary chunks before IEND.
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int d = 0; d < Math.min(depth, 5_000); d++) {
          chunks.writeBytes(pngChunk("tEXt", ("k" + d + "\0v").getBytes(StandardCharsets.ISO_8859_1)));
        }
        return insert(b, Math.max(8, b.length - 12), chunks.toByteArray());
      }
      default -> {
        // JPEG / MP3: a long run of markers or frames of zero length.
        byte[] run = new byte[4 * Math.min(depth, 5_000)];
        for (int d = 0; d < run.length; d += 4) {
          run[d] = (byte) 0xFF;
          run[d + 1] = (byte) 0xE2;
          run[d + 3] = 2;
        }
        return insert(b, Math.min(2, b.length), run);
      }
    }
  }

  /** The structure that carries XMP, many times over (many packets, extended-XMP chunks that lie). */
  private static byte[] repeated(Structure s, byte[] b, int times, SplittableRandom random) {
    String xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>";
    ByteArrayOutputStream copies = new ByteArrayOutputStream();
    int at;
    switch (s.kind) {
      case "jpeg" -> {
        for (int k = 0; k < times; k++) {
          if (random.nextBoolean()) {
            byte[] sig = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
            copies.writeBytes(jpegSegment(0xE1, concat(sig, xmp.getBytes(StandardCharsets.UTF_8))));
          } else {
            // Extended XMP: GUID, a lying full length and offset, a piece.
            ByteBuffer ext = ByteBuffer.allocate(35 + 32 + 8 + 16);
            ext.put("http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1));
            ext.put("0123456789ABCDEF0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
            ext.putInt((int) HUGE[random.nextInt(3)]).putInt(random.nextInt());
            copies.writeBytes(jpegSegment(0xE1, ext.array()));
          }
        }
        at = 2;
      }
      case "png" -> {
        byte[] itxt = concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
            xmp.getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < times; k++) {
          copies.writeBytes(pngChunk("iTXt", itxt));
        }
        at = s.boundaries.size() > 1 ? s.boundaries.get(1) : 8;
      }
      case "riff" -> {
        byte[] data = xmp.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < times; k++) {
          ByteBuffer c = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
          c.put((random.nextBoolean() ? "XMP " : "_PMX").getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
          copies.writeBytes(c.array());
        }
        byte[] out = insert(b, b.length, copies.toByteArray());
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return out;
      }
      case "isobmff" -> {
        byte[] uuid = {(byte) 0xBE, 0x7A, (byte) 0xCF, (byte) 0xCB, (byte) 0x97, (byte) 0xA9, 0x42, (byte) 0xE8,
            (byte) 0x9C, 0x71, (byte) 0x99, (byte) 0x94, (byte) 0x91, (byte) 0xE3, (byte) 0xAF, (byte) 0xAC};
        byte[] data = xmp.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < times; k++) {
          ByteBuffer box = ByteBuffer.allocate(24 + data.length);
          box.putInt(24 + data.length).put("uuid".getBytes(StandardCharsets.US_ASCII)).put(uuid).put(data);
          copies.writeBytes(box.array());
        }
        at = b.length;
      }
      default -> {
        // TIFF / MP3: a long tail of repeated copies of the first structure.
        int len = Math.min(b.length, 64);
        for (int k = 0; k < times; k++) {
          copies.write(b, 0, len);
        }
        at = b.length;
      }
    }
    return insert(b, Math.min(at, b.length), copies.toByteArray());
  }

  static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer c = ByteBuffer.allocate(12 + data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    c.putInt(data.length).put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    c.putInt((int) crc.getValue());
    return c.array();
  }

  static byte[] jpegSegment(int marker, byte[] data) {
    ByteBuffer s = ByteBuffer.allocate(4 + data.length);
    s.put((byte) 0xFF).put((byte) marker).putShort((short) (2 + data.length)).put(data);
    return s.array();
  }

  static byte[] insert(byte[] b, int at, byte[] extra) {
    byte[] out = new byte[b.length + extra.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(b, at, out, at + extra.length, b.length - at);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    return insert(a, a.length, b);
  }

  private static <T> T pick(SplittableRandom random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
