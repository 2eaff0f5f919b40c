package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import java.util.List;

/**
 * What a walk of the IFD tree found.
 *
 * @param ifd0 the main image directory (the one the header points to)
 * @param payload the image strips and tiles, in ExifTool ImageDataHash order, adjacent runs merged
 * @param otherSpans every other byte range something still points to: the other IFDs, their
 *     out-of-line values, IFD0's values except its XMP packet, and the image data. Bytes outside
 *     these, IFD0 itself and IFD0's XMP are unreferenced (safe to drop or blank).
 * @param jpegPreviews how many IFDs had JPEG strips left out of the payload as previews (Compression 7
 *     without NewSubfileType 0), to say why a payload is empty
 */
record TiffStructure(Ifd ifd0, List<ByteRange> payload, List<ByteRange> otherSpans, int jpegPreviews) {

  /** True when nothing but IFD0's own XMP entry points into {@code range}. */
  boolean onlyXmpUses(ByteRange range) {
    for (ByteRange span : otherSpans) {
      if (span.length() > 0 && span.offset() < range.end() && range.offset() < span.end()) {
        return false;
      }
    }
    return true;
  }

  /** True when no other referenced data lies at or after {@code offset}. */
  boolean nothingElseFrom(long offset) {
    for (ByteRange span : otherSpans) {
      if (span.length() > 0 && span.end() > offset) {
        return false;
      }
    }
    return true;
  }
}
