package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts an XMP packet into a classic TIFF or a BigTIFF without moving a single existing byte.
 *
 * <p>TIFF values are found by absolute offsets, so relocating anything means rewriting every
 * pointer to it, including ones inside maker notes nobody documents. Instead this writer appends:
 *
 * <pre>
 * [original file, header bytes 4..7 patched] [pad] [XMP packet] [pad] [new IFD0]
 * </pre>
 *
 * The new IFD0 is a copy of the old one's entries (12 bytes, 20 in BigTIFF; offsets still point to the old places,
 * inline values stay inline), with tag 700 XMLPacket (type BYTE, as XMP Specification Part 3 asks)
 * added or replaced and the entries sorted by tag; its next-IFD pointer is the old one. The header
 * then points to it. The old IFD0 becomes unreferenced dead space. The old packet's bytes are blanked
 * (zeroed) when nothing else points into them, so the file holds exactly one XMP packet.
 *
 * <p>When the file already ends with an XMP packet followed by IFD0 (what this writer produces),
 * that tail is dropped and written anew, so rewriting does not grow the file and writing the same
 * packet twice gives the same bytes.
 */
final class TiffXmpWriter {
  private static final long MAX_CLASSIC_OFFSET = 0xFFFF_FFFFL;
  private static final int TYPE_BYTE = 1;
  private static final int TYPE_UNDEFINED = 7;

  private TiffXmpWriter() {}

  static void write(MediaSource source, byte[] xmp, OutputStream out) throws IOException {
    TiffReader reader = TiffReader.open(source);
    TiffHeader layout = reader.header();
    TiffStructure structure = TiffWalker.walk(reader); // refuses broken files before writing
    Ifd ifd0 = structure.ifd0();
    long fileSize = reader.fileSize();
    if (!layout.bigTiff() && fileSize > MAX_CLASSIC_OFFSET) {
      throw new UnsupportedFormatException("classic TIFF over 4 GB (" + fileSize
          + " bytes): no room for 32-bit offsets to an appended IFD");
    }

    long keep = fileSize;
    List<ByteRange> blank = new ArrayList<>();
    Optional<IfdEntry> oldXmp = ifd0.find(TiffWalker.XML_PACKET);
    int xmpType = TYPE_BYTE;
    if (oldXmp.isPresent()) {
      IfdEntry entry = oldXmp.get();
      xmpType = entry.type() == TYPE_UNDEFINED ? TYPE_UNDEFINED : TYPE_BYTE;
      if (!reader.isInline(entry)) {
        ByteRange old = reader.valueRange(entry);
        boolean tailIsOurs = ifd0.offset() + ifd0.size() == fileSize
            && old.offset() % 2 == 0 && align(old.end()) == ifd0.offset()
            && structure.nothingElseFrom(old.offset());
        if (tailIsOurs) {
          keep = old.offset();
        } else if (old.end() <= fileSize && structure.onlyXmpUses(old)) {
          blank.add(old);
        }
      }
    }

    long xmpOffset = align(keep);
    boolean xmpInline = xmp.length <= layout.offsetSize();
    long ifdOffset = xmpInline ? xmpOffset : align(xmpOffset + xmp.length);
    List<byte[]> entries = newEntries(reader, ifd0, xmp, xmpType, xmpOffset, xmpInline);
    long ifdSize = layout.countFieldSize() + (long) layout.entrySize() * entries.size() + layout.offsetSize();
    if (entries.size() > TiffReader.MAX_ENTRIES) {
      throw new UnsupportedFormatException("IFD0 would have more than 65535 entries");
    }
    if (!layout.bigTiff() && ifdOffset + ifdSize > MAX_CLASSIC_OFFSET) {
      throw new UnsupportedFormatException("classic TIFF would pass 4 GB with the appended XMP");
    }

    ByteBuffer header = ByteBuffer.allocate(layout.offsetSize()).order(layout.order());
    if (layout.bigTiff()) {
      header.putLong(0, ifdOffset);
    } else {
      header.putInt(0, (int) ifdOffset);
    }
    List<Patch> patches = new ArrayList<>();
    patches.add(new Patch(layout.firstIfdPointerPosition(), header.array()));
    for (ByteRange range : blank) {
      patches.add(new Patch(range.offset(), new byte[(int) range.length()]));
    }
    copy(source, keep, patches, out);
    pad(out, xmpOffset - keep);
    if (!xmpInline) {
      out.write(xmp);
      pad(out, ifdOffset - (xmpOffset + xmp.length));
    }
    out.write(ifdBytes(reader, entries, ifd0.nextOffset()));
  }

  /** IFD0's entries with tag 700 replaced, sorted by tag (TIFF 6.0 requires ascending order). */
  private static List<byte[]> newEntries(TiffReader reader, Ifd ifd0, byte[] xmp, int type,
      long xmpOffset, boolean inline) {
    List<IfdEntry> kept = new ArrayList<>();
    for (IfdEntry entry : ifd0.entries()) {
      if (entry.tag() != TiffWalker.XML_PACKET) {
        kept.add(entry);
      }
    }
    TiffHeader layout = reader.header();
    ByteBuffer e = ByteBuffer.allocate(layout.entrySize()).order(layout.order());
    e.putShort((short) TiffWalker.XML_PACKET).putShort((short) type);
    if (layout.bigTiff()) {
      e.putLong(xmp.length); // BigTIFF: u64 count, 8-byte value or offset
    } else {
      e.putInt(xmp.length);
    }
    if (inline) {
      e.put(xmp);
    } else if (layout.bigTiff()) {
      e.putLong(xmpOffset);
    } else {
      e.putInt((int) xmpOffset);
    }
    kept.add(new IfdEntry(TiffWalker.XML_PACKET, type, xmp.length, -1, e.array()));
    kept.sort(Comparator.comparingInt(IfdEntry::tag)); // stable: duplicate tags keep their order
    return kept.stream().map(IfdEntry::raw).toList();
  }

  /**
   * Layout: u16 count, count x 12-byte entry, u32 next IFD offset; BigTIFF: u64 count, count x 20-byte
   * entry, u64 next IFD offset.
   */
  private static byte[] ifdBytes(TiffReader reader, List<byte[]> entries, long next) {
    TiffHeader layout = reader.header();
    ByteBuffer buf = ByteBuffer.allocate(layout.countFieldSize() + layout.entrySize() * entries.size()
        + layout.offsetSize()).order(layout.order());
    if (layout.bigTiff()) {
      buf.putLong(entries.size());
      entries.forEach(buf::put);
      buf.putLong(next);
    } else {
      buf.putShort((short) entries.size());
      entries.forEach(buf::put);
      buf.putInt((int) next);
    }
    return buf.array();
  }

  /** Streams bytes [0, length) of the source, with the patches laid over them. */
  private static void copy(MediaSource source, long length, List<Patch> patches, OutputStream out)
      throws IOException {
    source.copyTo(0, length, new PatchingStream(out, patches));
  }

  private static void pad(OutputStream out, long count) throws IOException {
    for (long i = 0; i < count; i++) {
      out.write(0);
    }
  }

  /** TIFF 6.0: values and IFDs begin on a word (even) boundary. */
  private static long align(long offset) {
    return offset + (offset & 1);
  }

  /**
   * Passes the copied file through, laying the patches (in list order) over the bytes at their
   * absolute offsets. Does not close {@code out}.
   */
  private static final class PatchingStream extends OutputStream {
    private final OutputStream out;
    private final List<Patch> patches;
    private long position;

    PatchingStream(OutputStream out, List<Patch> patches) {
      this.out = out;
      this.patches = patches;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + length);
      for (Patch patch : patches) {
        patch.apply(chunk, position, length);
      }
      out.write(chunk);
      position += length;
    }
  }

  /** Bytes to lay over the copied file at an absolute offset. */
  private record Patch(long offset, byte[] bytes) {
    void apply(byte[] buffer, long bufferStart, int length) {
      long from = Math.max(offset, bufferStart);
      long to = Math.min(offset + bytes.length, bufferStart + length);
      for (long p = from; p < to; p++) {
        buffer[(int) (p - bufferStart)] = bytes[(int) (p - offset)];
      }
    }
  }
}
