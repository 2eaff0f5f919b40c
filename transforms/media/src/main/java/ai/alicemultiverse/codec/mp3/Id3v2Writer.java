package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds ID3v2 tags with a new XMP {@code PRIV} frame. Every other frame is copied byte for byte
 * (header flags included); the tag keeps its version, flags and, when the frames still fit, its
 * size, so the audio does not move.
 */
final class Id3v2Writer {
  /** Room left for later edits when a tag has to grow. */
  static final int DEFAULT_PADDING = 1024;

  private Id3v2Writer() {}

  /*
   * PRIV frame (id3v2.4.0-frames §4.27, id3v2.3.0 §4.28):
   *   "PRIV" | size (4; plain in v2.3, syncsafe in v2.4) | flags (2) = 0 |
   *   owner identifier "XMP" 0x00 | the XMP packet (UTF-8)
   */
  static byte[] xmpFrame(int major, String xmp) throws UnsupportedFormatException {
    byte[] packet = xmp.getBytes(StandardCharsets.UTF_8);
    long size = 4L + packet.length;
    if (size > Id3v2Header.MAX_SYNCSAFE) {
      throw new UnsupportedFormatException("XMP packet of " + packet.length
          + " bytes does not fit an ID3v2 frame");
    }
    byte[] frame = new byte[10 + (int) size];
    frame[0] = 'P';
    frame[1] = 'R';
    frame[2] = 'I';
    frame[3] = 'V';
    if (major == 4) {
      Id3v2Header.putSyncsafe(frame, 4, (int) size);
    } else {
      for (int i = 0; i < 4; i++) {
        frame[4 + i] = (byte) (size >>> (24 - 8 * i));
      }
    }
    frame[10] = 'X';
    frame[11] = 'M';
    frame[12] = 'P';
    System.arraycopy(packet, 0, frame, 14, packet.length);
    return frame;
  }

  /** A new ID3v2.4 tag holding only {@code frame}, with padding, for a file that had no tag. */
  static byte[] newTag(byte[] frame) throws UnsupportedFormatException {
    Id3v2Header header = new Id3v2Header(0, 4, 0, 0, 0);
    return assemble(header, new byte[0], frame, DEFAULT_PADDING);
  }

  /**
   * The tag again with its XMP frames dropped and {@code newFrame} (null: none) put where the
   * first XMP frame was, or after the last frame. Refuses tags whose bytes cannot be kept exactly.
   */
  static byte[] rewrite(Id3v2Tag tag, byte[] newFrame) throws CodecException {
    Id3v2Header header = tag.header();
    long at = header.offset();
    if (header.major() == 2) {
      throw new UnsupportedFormatException("ID3v2.2 tag at byte " + at + " is read-only");
    }
    if (header.unsynchronised()) {
      throw new UnsupportedFormatException("unsynchronised ID3v2 tag at byte " + at
          + " cannot be rewritten losslessly");
    }
    if (!tag.cleanPadding()) {
      throw new UnsupportedFormatException("ID3v2 tag at byte " + at + " has unparseable data at"
          + " byte " + tag.fileOffset(tag.framesEnd()) + " that rewriting would lose");
    }
    byte[] extended = extendedHeader(tag);
    ByteArrayOutputStream frames = new ByteArrayOutputStream(tag.framesEnd() + 64);
    boolean placed = newFrame == null;
    for (Id3Frame frame : tag.frames()) {
      if (Id3v2Reader.isXmpFrame(tag, frame)) {
        if (!placed) {
          frames.writeBytes(newFrame);
          placed = true;
        }
      } else {
        frames.write(tag.body(), frame.offset(), frame.end() - frame.offset());
      }
    }
    if (!placed) {
      frames.writeBytes(newFrame);
    }
    long content = (long) extended.length + frames.size();
    long padding;
    if (header.hasFooter()) {
      padding = 0; // v2.4 §3.4: a tag with a footer has no padding
    } else if (content <= header.bodySize()) {
      padding = header.bodySize() - content; // same size: the audio stays where it was
    } else {
      padding = DEFAULT_PADDING;
    }
    if (header.major() == 3 && extended.length > 0) {
      // v2.3 extended header records the padding size at bytes 6..9
      for (int i = 0; i < 4; i++) {
        extended[6 + i] = (byte) (padding >>> (24 - 8 * i));
      }
    }
    return assemble(header, extended, frames.toByteArray(), padding);
  }

  /*
   * The extended header is kept as it is, except where it describes the old content:
   * v2.3 flags 0x8000 (CRC of the frames) and v2.4 flag 0x20 (CRC) would be stale, v2.4 flag 0x10
   * (size/encoding restrictions) may forbid the new frame; those tags are refused.
   */
  private static byte[] extendedHeader(Id3v2Tag tag) throws UnsupportedFormatException {
    byte[] extended = Arrays.copyOf(tag.body(), tag.extendedHeaderLength());
    if (extended.length == 0) {
      return extended;
    }
    boolean refuse = tag.header().major() == 3
        ? (extended[4] & 0x80) != 0
        : (extended[5] & 0x30) != 0;
    if (refuse) {
      throw new UnsupportedFormatException("ID3v2 extended header at byte "
          + tag.fileOffset(0) + " has a CRC or restrictions that the new XMP frame would break");
    }
    return extended;
  }

  private static byte[] assemble(Id3v2Header header, byte[] extended, byte[] frames,
      long padding) throws UnsupportedFormatException {
    long bodySize = extended.length + (long) frames.length + padding;
    if (bodySize > Id3v2Header.MAX_SYNCSAFE) {
      throw new UnsupportedFormatException("ID3v2 tag would be " + bodySize
          + " bytes, more than its size field holds");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) bodySize + 20);
    out.writeBytes(header.encode((int) bodySize, false));
    out.writeBytes(extended);
    out.writeBytes(frames);
    out.writeBytes(new byte[(int) padding]);
    if (header.hasFooter()) {
      out.writeBytes(header.encode((int) bodySize, true));
    }
    return out.toByteArray();
  }
}
