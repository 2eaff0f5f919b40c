package ai.alicemultiverse.codec.avi;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.codec.riff.RiffForm;
import ai.alicemultiverse.codec.riff.RiffReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AVI, read only. The content hash is ExifTool 13's ImageDataHash ({@code ProcessRIFF} in
 * {@code RIFF.pm}): the chunks are walked in file order to the end of the file, into the
 * {@code RIFF AVIX} extensions of an OpenDML file as well, and the data of every {@code LIST movi}
 * (after its list type, with the pad byte of an odd size) is hashed, as is any top-level chunk
 * ExifTool counts as image data ({@code data}, the WebP image chunks). Index, headers and metadata
 * are not.
 */
public final class AviCodec implements ContainerCodec {
  static final RiffForm FORM = new RiffForm("AVI ", "AVI", false, false);
  /** ExifTool's {@code %isImageData} in RIFF.pm; {@code LIST_movi} is handled by its list type. */
  private static final Set<String> IMAGE_CHUNKS = Set.of("data", "VP8 ", "VP8L", "ANIM", "ANMF", "ALPH");

  @Override
  public MediaFormat format(MediaSource source) {
    return MediaFormat.AVI;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return FORM.matches(head);
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) {
    return Optional.empty();
  }

  /*
   * RIFF chunk: fourcc (4) | size (4 LE) | data | pad byte if size is odd. A LIST chunk's data starts
   * with its list type (4). ExifTool steps into a nested RIFF chunk (OpenDML "RIFF AVIX") and reads
   * on to the end of the file, not only to the end of the first RIFF.
   */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    long size = source.size();
    if (size < 12 || !FORM.matches(source.readFully(0, 12))) {
      throw new CodecException("not an AVI file: no RIFF/AVI signature at byte 0");
    }
    List<ByteRange> ranges = new ArrayList<>();
    long pos = 12;
    int chunks = 0;
    while (pos + 8 <= size) {
      if (++chunks > RiffReader.MAX_CHUNKS) {
        throw new CodecException("more than " + RiffReader.MAX_CHUNKS + " RIFF chunks at byte " + pos);
      }
      byte[] header = source.readFully(pos, 8);
      String tag = new String(header, 0, 4, StandardCharsets.ISO_8859_1);
      long length = RiffReader.uint32(header, 4);
      long data = pos + 8;
      if (tag.equals("RIFF")) {
        pos = data + 4; // into the extension, past its form type
        continue;
      }
      if (tag.equals("LIST")) {
        if (length < 4 || data + 4 > size) {
          throw new CodecException("LIST chunk at byte " + pos + " is too short for its list type");
        }
        tag = "LIST_" + new String(source.readFully(data, 4), StandardCharsets.ISO_8859_1);
        data += 4;
        length -= 4;
      }
      if (length == 0) {
        pos = data;
        continue;
      }
      long padded = length + (length & 1);
      if (tag.equals("LIST_movi") || IMAGE_CHUNKS.contains(tag)) {
        if (length > size - data) {
          throw new CodecException("'" + tag + "' chunk at byte " + pos + " (" + length
              + " bytes) runs past the end of the file at byte " + size);
        }
        ranges.add(new ByteRange(data, Math.min(padded, size - data))); // a missing last pad byte is not read
      }
      pos = data + padded;
    }
    if (ranges.isEmpty()) {
      throw new CodecException("AVI file without movie data (no 'LIST movi' chunk)");
    }
    return ranges;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    throw new UnsupportedFormatException(MediaFormat.AVI.readOnlyReason());
  }
}
