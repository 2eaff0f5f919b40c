package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the IFD tree the way ExifTool 13 does for a TIFF file and collects the image data its
 * ImageDataHash covers ({@code ProcessExif} in {@code Image/ExifTool/Exif.pm} with the tag conditions
 * of {@code Exif::Main}, and {@code AddImageDataHash} in {@code WriteExif.pl}):
 *
 * <ul>
 *   <li>IFD0 and the chain after it (IFD1, IFD2, ... = pages); SubIFDs (tag 330, the first ten, named
 *       SubIFD, SubIFD1, ...; the chain is followed from the first one only, as SubIFD1, SubIFD2, ...);
 *       the Exif, Interoperability and GlobalParameters IFDs (34665, 40965, 400; one offset each). A
 *       sub-IFD is visited when its tag is met, so its data comes before the data of the IFD that holds
 *       it, and the next IFD of a chain after both;
 *   <li>per IFD, once all its entries are read, the image data of its offset tags in the order of
 *       their tag numbers written in decimal and sorted as text (Perl's {@code sort keys}): strips
 *       (273, sizes 279), tiles (324/325), HD Photo image and alpha (48320/48321, 48322/48323) and
 *       JPEGInterchangeFormat (513, sizes 514); each offset paired with its size, zero sizes skipped;
 *   <li>Compression (259) and NewSubfileType (254) are read afresh for every IFD (unset at its start;
 *       a sub-IFD's values do not reach its parent). Strips are left out when Compression is 7 and
 *       NewSubfileType is not 0 (ExifTool's PreviewImage), except in the IFD named SubIFD2
 *       (JpgFromRaw); JPEGInterchangeFormat data is left out in IFD1 (ThumbnailImage) and kept
 *       elsewhere (OtherImage, JpgFromRaw). A Compression value of a camera raw format (Sony ARW, Nikon
 *       NEF, ...) makes the file that raw type from then on, with ExifTool's conditions for it.
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
  static final int GLOBAL_PARAMETERS_IFD = 400;
  static final int JPEG_INTERCHANGE_FORMAT = 513;
  static final int JPEG_INTERCHANGE_FORMAT_LENGTH = 514;
  static final int XML_PACKET = 700;
  static final int EXIF_IFD = 34665;
  static final int INTEROP_IFD = 40965;
  static final int HD_PHOTO_IMAGE_OFFSET = 48320;
  static final int HD_PHOTO_IMAGE_BYTE_COUNT = 48321;
  static final int HD_PHOTO_ALPHA_OFFSET = 48322;
  static final int HD_PHOTO_ALPHA_BYTE_COUNT = 48323;

  /** The offset tag each size tag belongs to. */
  private static final Map<Integer, Integer> SIZE_OF = Map.of(
      STRIP_BYTE_COUNTS, STRIP_OFFSETS,
      TILE_BYTE_COUNTS, TILE_OFFSETS,
      JPEG_INTERCHANGE_FORMAT_LENGTH, JPEG_INTERCHANGE_FORMAT,
      HD_PHOTO_IMAGE_BYTE_COUNT, HD_PHOTO_IMAGE_OFFSET,
      HD_PHOTO_ALPHA_BYTE_COUNT, HD_PHOTO_ALPHA_OFFSET);

  /** ExifTool's IdentifyRawFile: Compression values that name a camera raw format. */
  private static final Map<Long, String> RAW_COMPRESSION = Map.of(
      32767L, "ARW", 32770L, "SRW", 32867L, "KDC", 34713L, "NEF", 65000L, "DCR", 65535L, "PEF");

  /** A tag value that is not exactly one unsigned integer (ExifTool compares the value as text). */
  private static final long NOT_ONE_VALUE = -1;

  private final TiffReader reader;
  private final Set<Long> visited = new HashSet<>();
  private final List<ByteRange> payload = new ArrayList<>();
  private final List<ByteRange> otherSpans = new ArrayList<>();
  private Ifd ifd0;
  private String tiffType = "TIFF";
  private int jpegPreviews;

  private TiffWalker(TiffReader reader) {
    this.reader = reader;
  }

  static TiffStructure walk(TiffReader reader) throws IOException {
    TiffWalker walker = new TiffWalker(reader);
    long first = reader.header().firstIfdOffset();
    if (first == 0) {
      throw new CodecException("TIFF header at byte 0 points to no IFD0 (offset 0)");
    }
    walker.walkChain(first, "IFD0", "", true, 0);
    walker.otherSpans.addAll(walker.payload);
    return new TiffStructure(walker.ifd0, List.copyOf(walker.payload),
        List.copyOf(walker.otherSpans), walker.jpegPreviews);
  }

  /** Visits the IFD at {@code offset} named {@code name}, and the chain after it when asked. */
  private void walkChain(long offset, String name, String parent, boolean followNext, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new CodecException(name + " at byte " + offset + " is nested deeper than " + MAX_DEPTH);
    }
    String dirName = name;
    while (offset != 0 && visited.add(offset)) {
      if (visited.size() > MAX_IFDS) {
        throw new CodecException("more than " + MAX_IFDS + " IFDs (at byte " + offset + ")");
      }
      Ifd ifd = visit(offset, dirName, parent, depth);
      if (!followNext) {
        return;
      }
      offset = ifd.nextOffset();
      dirName = nextName(dirName);
    }
  }

  /** ExifTool's name for the next IFD of a chain: IFD0, IFD1, ...; SubIFD, SubIFD1, SubIFD2, ... */
  static String nextName(String dirName) {
    int digits = dirName.length();
    while (digits > 0 && Character.isDigit(dirName.charAt(digits - 1))) {
      digits--;
    }
    long number = digits == dirName.length() ? 0 : Long.parseLong(dirName.substring(digits));
    return dirName.substring(0, digits) + (number + 1);
  }

  private Ifd visit(long offset, String dirName, String parent, int depth) throws IOException {
    Ifd ifd = reader.readIfd(offset, dirName);
    boolean isIfd0 = ifd0 == null;
    if (isIfd0) {
      ifd0 = ifd; // IFD0 itself is what the writer replaces, so it is not an "other" span
    } else {
      otherSpans.add(ifd.span());
    }
    // ExifTool unsets both at the start of every IFD
    Long compression = null;
    Long subfileType = null;
    Map<Integer, long[]> offsets = new HashMap<>();
    Map<Integer, Boolean> isImage = new HashMap<>();
    Map<Integer, long[]> sizes = new HashMap<>();
    for (IfdEntry entry : ifd.entries()) {
      if (!(isIfd0 && entry.tag() == XML_PACKET) && !reader.isInline(entry)
          && entry.valueSize() > 0) {
        otherSpans.add(reader.valueRange(entry));
      }
      int tag = entry.tag();
      switch (tag) {
        case NEW_SUBFILE_TYPE -> subfileType = oneValue(entry);
        case COMPRESSION -> {
          compression = oneValue(entry);
          identifyRawType(compression);
        }
        // each condition is evaluated when its tag is met, as ExifTool's tag Conditions are
        case STRIP_OFFSETS -> {
          offsets.put(tag, reader.readUnsigned(entry));
          isImage.put(tag, stripsAreImage(dirName, compression, subfileType));
          jpegPreviews += isImage.get(tag) ? 0 : 1;
        }
        case TILE_OFFSETS, HD_PHOTO_IMAGE_OFFSET, HD_PHOTO_ALPHA_OFFSET -> {
          offsets.put(tag, reader.readUnsigned(entry));
          isImage.put(tag, true);
        }
        case JPEG_INTERCHANGE_FORMAT -> {
          offsets.put(tag, reader.readUnsigned(entry));
          isImage.put(tag, jpegInterchangeIsImage(dirName, parent, compression));
        }
        case STRIP_BYTE_COUNTS, TILE_BYTE_COUNTS, JPEG_INTERCHANGE_FORMAT_LENGTH,
            HD_PHOTO_IMAGE_BYTE_COUNT, HD_PHOTO_ALPHA_BYTE_COUNT ->
            sizes.put(SIZE_OF.get(tag), reader.readUnsigned(entry));
        case SUB_IFDS -> {
          long[] subs = reader.readUnsigned(entry);
          for (int i = 0; i < Math.min(subs.length, MAX_SUBIFDS); i++) {
            walkChain(subs[i], i == 0 ? "SubIFD" : "SubIFD" + i, dirName, i == 0, depth + 1);
          }
        }
        case EXIF_IFD -> walkOne(entry, "ExifIFD", dirName, depth);
        case INTEROP_IFD -> walkOne(entry, "InteropIFD", dirName, depth);
        case GLOBAL_PARAMETERS_IFD -> walkOne(entry, "GlobParamIFD", dirName, depth);
        default -> { }
      }
    }
    List<Integer> order = new ArrayList<>(offsets.keySet());
    order.sort(Comparator.comparing(String::valueOf)); // Perl's sort keys: as text
    for (int tag : order) {
      // data ExifTool does not hash (thumbnails, JPEG previews) is still data the writer must keep
      addImageData(offsets.get(tag), sizes.get(tag), dirName + " tag " + tag + " data",
          isImage.get(tag) ? payload : otherSpans, reader);
    }
    return ifd;
  }

  /** A sub-IFD tag with one offset (ExifTool follows none when the value holds several). */
  private void walkOne(IfdEntry entry, String name, String parent, int depth) throws IOException {
    if (entry.count() == 1) {
      walkChain(reader.readUnsigned(entry)[0], name, parent, false, depth + 1);
    }
  }

  private void identifyRawType(Long compression) {
    if (tiffType.equals("TIFF") && compression != null && RAW_COMPRESSION.containsKey(compression)) {
      tiffType = RAW_COMPRESSION.get(compression);
    }
  }

  /** Tag 273's conditions in Exif::Main for a TIFF file: a JPEG preview is PreviewImage, not image data. */
  private boolean stripsAreImage(String dirName, Long compression, Long subfileType) {
    boolean jpegPreview = (tiffType.equals("TIFF") || tiffType.equals("DNG"))
        && Long.valueOf(7).equals(compression) && !Long.valueOf(0).equals(subfileType);
    return !jpegPreview || dirName.equals("SubIFD2");
  }

  /** Tag 513's conditions in Exif::Main: ThumbnailImage and PreviewImage are not image data. */
  private boolean jpegInterchangeIsImage(String dirName, String parent, Long compression) {
    boolean ifd0 = dirName.equals("IFD0");
    if (tiffType.equals("NEF") && ifd0 && Long.valueOf(6).equals(compression)) {
      tiffType = "NRW";
    }
    boolean thumbnail = dirName.equals("IFD1")
        || (ifd0 && (tiffType.equals("MRW") || tiffType.equals("NRW")))
        || (tiffType.equals("SRW") && dirName.equals("SubIFD") && parent.equals("IFD1"));
    boolean preview = ifd0 && (tiffType.equals("ARW") || tiffType.equals("SR2"));
    return !thumbnail && !preview;
  }

  /** The value of a one-value unsigned integer entry, else {@link #NOT_ONE_VALUE}. */
  private long oneValue(IfdEntry entry) throws IOException {
    if (!entry.isUnsignedInteger() || entry.count() != 1) {
      return NOT_ONE_VALUE;
    }
    return reader.readUnsigned(entry)[0];
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
