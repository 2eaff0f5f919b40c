package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.ContainerCodec;
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
    byte[] bytes = reader.readBytes(entry.get());
    int length = bytes.length;
    while (length > 0 && bytes[length - 1] == 0) {
      length--; // some writers NUL-terminate the packet
    }
    if (length == 0) {
      return Optional.empty();
    }
    return Optional.of(XmpPacket.of(new String(bytes, 0, length, StandardCharsets.UTF_8)));
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    return TiffWalker.walk(TiffReader.open(source)).payload();
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    TiffXmpWriter.write(source, xmpPacket.getBytes(StandardCharsets.UTF_8), out);
  }
}
