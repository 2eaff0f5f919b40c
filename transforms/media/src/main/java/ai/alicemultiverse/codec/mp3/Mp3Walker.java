package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the tags around the audio of an MP3 file without reading the audio: the ID3v2 tags at the
 * start (headers only) and the APE tag and ID3v1 block at the end.
 */
final class Mp3Walker {
  /** More leading tags than this is not a real file. */
  static final int MAX_LEADING_TAGS = 64;

  private static final int ID3V1_LENGTH = 128;
  private static final int APE_FOOTER_LENGTH = 32;
  private static final int APE_HAS_HEADER = 0x80000000;

  private Mp3Walker() {}

  static Mp3Layout scan(MediaSource source) throws IOException {
    long size = source.size();
    List<Id3v2Header> tags = leadingTags(source, size);
    long audioStart = tags.isEmpty() ? 0 : tags.get(tags.size() - 1).end();
    if (tags.isEmpty()) {
      byte[] head = source.readFully(0, (int) Math.min(4, size));
      if (!MpegFrameHeader.syncAt(head)) {
        throw new CodecException("not an MP3 file: no ID3v2 tag or MPEG frame sync at byte 0");
      }
    }
    long audioEnd = trailingTagsStart(source, audioStart, size);
    return new Mp3Layout(tags, audioStart, audioEnd);
  }

  /*
   * ID3v2 tags prepended to the audio (id3v2.4.0-structure §5): each a 10-byte header, a body of
   * the syncsafe size, and in v2.4 an optional 10-byte footer. Several may follow each other.
   */
  private static List<Id3v2Header> leadingTags(MediaSource source, long size) throws IOException {
    List<Id3v2Header> tags = new ArrayList<>();
    long pos = 0;
    while (pos + 3 <= size) {
      byte[] magic = source.readFully(pos, 3);
      if (!Id3v2Header.startsTag(magic)) {
        break;
      }
      if (tags.size() == MAX_LEADING_TAGS) {
        throw new CodecException("more than " + MAX_LEADING_TAGS + " ID3v2 tags at byte " + pos);
      }
      if (pos + Id3v2Header.LENGTH > size) {
        throw new CodecException("truncated ID3v2 header at byte " + pos);
      }
      Id3v2Header header = Id3v2Header.parse(source.readFully(pos, Id3v2Header.LENGTH), pos);
      if (header.end() > size) {
        throw new CodecException("ID3v2 tag at byte " + pos + " ends at byte " + header.end()
            + ", past the end of the file (" + size + " bytes)");
      }
      tags.add(header);
      pos = header.end();
    }
    return tags;
  }

  /*
   * Trailing tags, outermost last:
   *   ID3v1: the last 128 bytes, starting "TAG".
   *   APE v1/v2 (APE tag spec): 32-byte footer "APETAGEX" | version (4 LE) | size (4 LE: items +
   *   footer, not the header) | item count (4 LE) | flags (4 LE; bit 31 = a 32-byte header
   *   precedes the items) | reserved (8). It ends the file or sits just before ID3v1.
   */
  private static long trailingTagsStart(MediaSource source, long audioStart, long size)
      throws IOException {
    long end = size;
    if (end - ID3V1_LENGTH >= audioStart
        && "TAG".equals(ascii(source.readFully(end - ID3V1_LENGTH, 3)))) {
      end -= ID3V1_LENGTH;
    }
    if (end - APE_FOOTER_LENGTH >= audioStart) {
      byte[] footer = source.readFully(end - APE_FOOTER_LENGTH, APE_FOOTER_LENGTH);
      if ("APETAGEX".equals(new String(footer, 0, 8, StandardCharsets.ISO_8859_1))) {
        long tagSize = littleEndian32(footer, 12);
        boolean hasHeader = (littleEndian32(footer, 20) & APE_HAS_HEADER) != 0;
        long start = end - tagSize - (hasHeader ? APE_FOOTER_LENGTH : 0);
        if (tagSize < APE_FOOTER_LENGTH || start < audioStart) {
          throw new CodecException("APE tag footer at byte " + (end - APE_FOOTER_LENGTH)
              + " has impossible size " + tagSize);
        }
        end = start;
      }
    }
    return end;
  }

  private static long littleEndian32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
