package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * TIFF (classic and BigTIFF): XMP in IFD0 tag 700 XMLPacket (XMP Specification Part
 * 3, section 1.1.4), media = the image strips and tiles as ExifTool's ImageDataHash takes them.
 *
 * <p>The container is walked by hand ({@link TiffReader}, {@link TiffWalker}) and written by
 * appending ({@link TiffXmpWriter}): no library rewrites a TIFF without decoding and re-encoding
 * it, which would move the image data and drop tags it does not know. Stateless and thread-safe.
 */
public final class TiffCodec implements ContainerCodec {

  /** TIFF, or DNG / CAMERA_RAW for a camera's raw file ({@link CameraRaw}), which alice reads only. */
  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    return CameraRaw.of(TiffReader.open(source)).orElse(MediaFormat.TIFF);
  }

  /** "II*\0" / "MM\0*" (classic) or "II+\0" / "MM\0+" (BigTIFF). */
  @Override
  public boolean recognizes(byte[] head) {
    if (head == null || head.length < 4) {
      return false;
    }
    if (head[0] == 'I' && head[1] == 'I') {
      return (head[2] == 42 || head[2] == 43) && head[3] == 0;
    }
    if (head[0] == 'M' && head[1] == 'M') {
      return head[2] == 0 && (head[3] == 42 || head[3] == 43);
    }
    return false;
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    TiffReader reader = TiffReader.open(source);
    long first = reader.header().firstIfdOffset();
    if (first == 0) {
      return Optional.empty();
    }
    Ifd ifd0 = reader.readIfd(first, "IFD0");
    Optional<IfdEntry> entry = ifd0.find(TiffWalker.XML_PACKET);
    if (entry.isEmpty() || IfdEntry.typeSize(entry.get().type()) != 1) {
      return Optional.empty(); // the spec allows BYTE or UNDEFINED; ASCII/SBYTE tolerated
    }
    XmpPacket.requireWithinLimit(entry.get().count(), "tag 700 at byte " + entry.get().position());
    String xml = XmpPacket.decode(reader.readBytes(entry.get())); // some writers NUL-terminate the packet
    if (xml.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(XmpPacket.of(xml));
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    TiffStructure structure = TiffWalker.walk(TiffReader.open(source));
    if (structure.payload().isEmpty()) {
      throw new CodecException(structure.jpegPreviews() > 0
          ? "TIFF has no image data to hash: its JPEG-compressed strips (Compression 7 without"
              + " NewSubfileType 0) are a preview image by ExifTool's ImageDataHash rule, which leaves them out"
          : "TIFF has no image data to hash: no strips, tiles or JPEG data of a non-zero size"
              + " outside thumbnails and previews");
    }
    return structure.payload();
  }

  /**
   * IFD0's ImageWidth (256) and ImageLength (257): the main image (TIFF 6.0 section 2 puts the full-resolution
   * image first; thumbnails and reduced images follow in later IFDs or SubIFDs, which EXIF readers may report).
   */
  @Override
  public Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    TiffReader reader = TiffReader.open(source);
    long first = reader.header().firstIfdOffset();
    if (first == 0) {
      return Optional.empty();
    }
    Ifd ifd0 = reader.readIfd(first, "IFD0");
    long width = firstValue(reader, ifd0, IMAGE_WIDTH);
    long height = firstValue(reader, ifd0, IMAGE_LENGTH);
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new FrameSize((int) width, (int) height));
  }

  private static final int IMAGE_WIDTH = 256;
  private static final int IMAGE_LENGTH = 257;

  /** The entry's first value when it is a single unsigned integer (SHORT or LONG), else 0. */
  private static long firstValue(TiffReader reader, Ifd ifd, int tag) throws IOException {
    Optional<IfdEntry> entry = ifd.find(tag);
    if (entry.isEmpty() || !entry.get().isUnsignedInteger() || entry.get().count() != 1) {
      return 0;
    }
    return reader.readUnsigned(entry.get())[0];
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    TiffXmpWriter.write(source, xmpPacket.getBytes(StandardCharsets.UTF_8), out);
  }
}
