package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the IFD tree the way ExifTool does for a TIFF file and collects the image data ranges its
 * ImageDataHash covers (Image::ExifTool::Exif ProcessExif + AddImageDataHash, 12.58 and later):
 *
 * <ul>
 *   <li>IFD0 and the chain after it (IFD1, IFD2, ... = pages), SubIFDs (tag 330, the first ten;
 *       the chain is followed from the first one only) and the Exif IFD (34665), in the order the
 *       entries are stored; a SubIFD is visited when its tag is met, so its data comes before the
 *       data of the IFD that holds it;
 *   <li>per IFD, StripOffsets/StripByteCounts (273/279) then TileOffsets/TileByteCounts (324/325),
 *       each offset paired with its count, zero counts skipped;
 *   <li>strips are not image data when the Compression last seen is 7 (JPEG) and the
 *       NewSubfileType last seen (tag 254) is not 0: ExifTool calls those PreviewImage. Like
 *       ExifTool, these two values carry over from IFDs visited earlier.
 * </ul>
 *
 * Each IFD is visited once (a set of offsets stops loops); the number of IFDs and the nesting depth
 * are bounded.
 */
final class TiffWalker {
  static final int MAX_IFDS = 4096;
  static final int MAX_DEPTH = 8;
  static final int MAX_SUBIFDS = 10; // ExifTool's MaxSubdirs for tag 330
  static final int MAX_RANGES = 1 << 22;

  static final int NEW_SUBFILE_TYPE = 254;
  static final int COMPRESSION = 259;
  static final int STRIP_OFFSETS = 273;
  static final int STRIP_BYTE_COUNTS = 279;
  static final int TILE_OFFSETS = 324;
  static final int TILE_BYTE_COUNTS = 325;
  static final int SUB_IFDS = 330;
  static final int XML_PACKET = 700;
  static final int EXIF_IFD = 34665;

  private final TiffReader reader;
  private final Set<Long> visited = new HashSet<>();
  private final List<ByteRange> payload = new ArrayList<>();
  private final List<ByteRange> otherSpans = new ArrayList<>();
  private Ifd ifd0;
  private Long compression;
  private Long subfileType;

  private TiffWalker(TiffReader reader) {
    this.reader = reader;
  }

  static TiffStructure walk(TiffReader reader) throws IOException {
    TiffWalker walker = new TiffWalker(reader);
    long first = reader.header().firstIfdOffset();
    if (first == 0) {
      throw new CodecException("TIFF header at byte 0 points to no IFD0 (offset 0)");
    }
    walker.walkChain(first, "IFD", true, 0);
    walker.otherSpans.addAll(walker.payload);
    return new TiffStructure(walker.ifd0, List.copyOf(walker.payload),
        List.copyOf(walker.otherSpans));
  }

  private void walkChain(long offset, String name, boolean followNext, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new CodecException(name + " at byte " + offset + " is nested deeper than " + MAX_DEPTH);
    }
    int index = 0;
    while (offset != 0 && visited.add(offset)) {
      if (visited.size() > MAX_IFDS) {
        throw new CodecException("more than " + MAX_IFDS + " IFDs (at byte " + offset + ")");
      }
      Ifd ifd = visit(offset, name + index, depth);
      if (!followNext) {
        return;
      }
      offset = ifd.nextOffset();
      index++;
    }
  }

  private Ifd visit(long offset, String name, int depth) throws IOException {
    Ifd ifd = reader.readIfd(offset, name);
    boolean isIfd0 = ifd0 == null;
    if (isIfd0) {
      ifd0 = ifd; // IFD0 itself is what the writer replaces, so it is not an "other" span
    } else {
      otherSpans.add(ifd.span());
    }
    long[] stripOffsets = null;
    long[] stripCounts = null;
    long[] tileOffsets = null;
    long[] tileCounts = null;
    boolean stripsAreImage = false;
    for (IfdEntry entry : ifd.entries()) {
      if (!(isIfd0 && entry.tag() == XML_PACKET) && !reader.isInline(entry)
          && entry.valueSize() > 0) {
        otherSpans.add(reader.valueRange(entry));
      }
      switch (entry.tag()) {
        case NEW_SUBFILE_TYPE -> subfileType = firstValue(entry, subfileType);
        case COMPRESSION -> compression = firstValue(entry, compression);
        case STRIP_OFFSETS -> {
          stripOffsets = reader.readUnsigned(entry);
          // evaluated when the tag is met, as ExifTool's tag Condition is
          stripsAreImage = !(Long.valueOf(7).equals(compression)
              && !Long.valueOf(0).equals(subfileType));
        }
        case STRIP_BYTE_COUNTS -> stripCounts = reader.readUnsigned(entry);
        case TILE_OFFSETS -> tileOffsets = reader.readUnsigned(entry);
        case TILE_BYTE_COUNTS -> tileCounts = reader.readUnsigned(entry);
        case SUB_IFDS -> {
          long[] subs = reader.readUnsigned(entry);
          for (int i = 0; i < Math.min(subs.length, MAX_SUBIFDS); i++) {
            walkChain(subs[i], "SubIFD" + i + ".", i == 0, depth + 1);
          }
        }
        case EXIF_IFD -> {
          long[] exif = reader.readUnsigned(entry);
          if (exif.length > 0) {
            walkChain(exif[0], "ExifIFD", false, depth + 1);
          }
        }
        default -> { }
      }
    }
    // strips ExifTool does not hash (JPEG previews) still hold data the writer must keep
    addImageData(stripOffsets, stripCounts, name + " strip",
        stripsAreImage ? payload : otherSpans, reader);
    addImageData(tileOffsets, tileCounts, name + " tile", payload, reader);
    return ifd;
  }

  private Long firstValue(IfdEntry entry, Long previous) throws IOException {
    if (!entry.isUnsignedInteger() || entry.count() < 1) {
      return previous;
    }
    long[] values = reader.readUnsigned(entry);
    return values[0];
  }

  private static void addImageData(long[] offsets, long[] counts, String what, List<ByteRange> into,
      TiffReader reader) throws IOException {
    if (offsets == null || counts == null) {
      return;
    }
    for (int i = 0; i < offsets.length && i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      reader.requireInFile(offsets[i], counts[i], what + " " + i);
      ByteRange range = new ByteRange(offsets[i], counts[i]);
      int last = into.size() - 1;
      if (last >= 0 && into.get(last).end() == range.offset()) {
        // contiguous strips hash the same as one run; keeps the list small
        into.set(last, new ByteRange(into.get(last).offset(),
            into.get(last).length() + range.length()));
      } else {
        if (into.size() >= MAX_RANGES) {
          throw new CodecException("more than " + MAX_RANGES + " separate image data runs ("
              + what + " at byte " + range.offset() + ")");
        }
        into.add(range);
      }
    }
  }
}
