package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the frames of an ID3v2.2/2.3/2.4 tag and finds the XMP packet that Adobe and ExifTool
 * store in a {@code PRIV} frame with owner "XMP". Hand-written: no Java ID3 library both keeps
 * unknown frames byte for byte and reports their offsets, which lossless rewriting needs.
 */
final class Id3v2Reader {
  /** Metadata reads are capped; a larger tag body is refused rather than allocated. */
  static final int MAX_TAG_BODY = 64 << 20;

  static final String XMP_OWNER = "XMP";
  private static final byte[] XMP_PREFIX = {'X', 'M', 'P', 0};

  private Id3v2Reader() {}

  /*
   * Tag body (id3v2.3.0 §3.2-3.3, id3v2.4.0-structure §3.2-4):
   *   [extended header] frames... [padding: zero bytes]
   * Extended header: v2.3 size (4, plain, excluding these 4 bytes: 6 or 10) | flags (2) |
   *   padding size (4) | [CRC (4)]; v2.4 size (4, syncsafe, including itself) | flag byte
   *   count (1) | flags | flag data.
   * Frame header: v2.3/v2.4 id (4) | size (4; plain in v2.3, syncsafe in v2.4) | flags (2);
   *   v2.2 id (3) | size (3, plain). The size excludes the header.
   */
  static Id3v2Tag read(MediaSource source, Id3v2Header header) throws IOException {
    if (header.bodySize() > MAX_TAG_BODY) {
      throw new CodecException("ID3v2 tag at byte " + header.offset() + " is larger than "
          + MAX_TAG_BODY + " bytes (" + header.bodySize() + ")");
    }
    if (header.bodySize() > XmpPacket.MAX_BYTES) {
      refuseOversizedXmpFrame(source, header); // before the body is read: it may be mostly that frame
    }
    byte[] body = source.readFully(header.offset() + Id3v2Header.LENGTH, header.bodySize());
    if (header.unsynchronised() && header.major() <= 3) {
      body = resynchronise(body); // v2.2/v2.3 unsynchronise the whole body, v2.4 each frame
    }
    int extended = extendedHeaderLength(header, body);
    boolean v22 = header.major() == 2;
    int headerLength = v22 ? 6 : 10;
    int idLength = v22 ? 3 : 4;
    List<Id3Frame> frames = new ArrayList<>();
    int pos = extended;
    while (pos + headerLength <= body.length && body[pos] != 0) {
      String id = new String(body, pos, idLength, StandardCharsets.ISO_8859_1);
      if (!id.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        break; // not a frame: junk where padding should be (see cleanPadding)
      }
      long size = v22 ? bigEndian(body, pos + 3, 3) : frameSize(header, body, pos + 4);
      int flags = v22 ? 0 : (int) bigEndian(body, pos + 8, 2);
      if (pos + headerLength + size > body.length) {
        throw new CodecException("ID3v2 frame " + id + " at byte " + tagOffset(header, pos)
            + " (size " + size + ") runs past the end of its tag");
      }
      frames.add(new Id3Frame(id, pos, headerLength, (int) size, flags));
      pos += headerLength + (int) size;
    }
    boolean clean = true;
    for (int i = pos; i < body.length && clean; i++) {
      clean = body[i] == 0;
    }
    return new Id3v2Tag(header, body, extended, frames, pos, clean);
  }

  /**
   * Walks the frame headers of a large tag through small reads and refuses it when a {@code PRIV}
   * "XMP" frame holds more than {@link XmpPacket#MAX_BYTES}, so a 50 MB packet costs 14 bytes of
   * reading instead of its size several times over. Tags whose frame headers cannot be read in place
   * (v2.2/v2.3 whole-tag unsynchronisation, an extended header) are left to {@link #read}'s caps.
   */
  private static void refuseOversizedXmpFrame(MediaSource source, Id3v2Header header) throws IOException {
    if (header.major() < 3 || header.hasExtendedHeader() || header.unsynchronised() && header.major() == 3) {
      return;
    }
    long bodyStart = header.offset() + Id3v2Header.LENGTH;
    long bodyEnd = bodyStart + header.bodySize();
    long pos = bodyStart;
    while (pos + 10 + XMP_PREFIX.length <= bodyEnd) {
      byte[] frame = source.readFully(pos, 10);
      if (!Character.isLetterOrDigit(frame[0])) {
        return; // padding or junk: read() decides
      }
      long size = frameSize(header, frame, 4);
      boolean plain = frame[8] == 0 && frame[9] == 0; // no flag bytes before the content
      if (plain && size > XmpPacket.MAX_BYTES + XMP_PREFIX.length
          && "PRIV".equals(new String(frame, 0, 4, StandardCharsets.ISO_8859_1))
          && Arrays.equals(source.readFully(pos + 10, XMP_PREFIX.length), XMP_PREFIX)) {
        XmpPacket.requireWithinLimit(size - XMP_PREFIX.length, "ID3v2 PRIV frame at byte " + pos);
      }
      pos += 10 + size;
    }
  }

  /** The XMP packet of the first {@code PRIV} "XMP" frame of the tag, if any. */
  static Optional<String> xmp(Id3v2Tag tag) throws CodecException {
    for (Id3Frame frame : tag.frames()) {
      Optional<byte[]> content = xmpContent(tag, frame);
      if (content.isPresent()) {
        byte[] data = content.get();
        int end = data.length;
        while (end > XMP_PREFIX.length && data[end - 1] == 0) {
          end--; // some writers NUL-terminate the packet
        }
        return Optional.of(new String(data, XMP_PREFIX.length, end - XMP_PREFIX.length,
            StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** True for a {@code PRIV} frame whose owner identifier is "XMP". */
  static boolean isXmpFrame(Id3v2Tag tag, Id3Frame frame) throws CodecException {
    return xmpContent(tag, frame).isPresent();
  }

  private static Optional<byte[]> xmpContent(Id3v2Tag tag, Id3Frame frame)
      throws CodecException {
    if (!"PRIV".equals(frame.id())) {
      return Optional.empty();
    }
    return content(tag, frame).filter(d -> d.length >= XMP_PREFIX.length
        && Arrays.equals(d, 0, XMP_PREFIX.length, XMP_PREFIX, 0, XMP_PREFIX.length));
  }

  /*
   * Frame content after the format flags (id3v2.3.0 §3.3.1, id3v2.4.0-structure §4.1.2): extra
   * bytes follow the header in flag order. v2.3: compression 0x0080 (+4 decompressed size),
   * encryption 0x0040 (+1 method), grouping 0x0020 (+1 group). v2.4: grouping 0x0040 (+1),
   * compression 0x0008, encryption 0x0004 (+1), unsynchronisation 0x0002, data length 0x0001
   * (+4). Empty for an encrypted frame: nothing can be read from it.
   */
  private static Optional<byte[]> content(Id3v2Tag tag, Id3Frame frame) throws CodecException {
    int flags = frame.flags();
    int major = tag.header().major();
    int start = frame.offset() + frame.headerLength();
    boolean compressed;
    boolean encrypted;
    boolean unsynchronised = false;
    if (major == 3) {
      compressed = (flags & 0x0080) != 0;
      encrypted = (flags & 0x0040) != 0;
      start += (compressed ? 4 : 0) + (encrypted ? 1 : 0) + ((flags & 0x0020) != 0 ? 1 : 0);
    } else if (major == 4) {
      compressed = (flags & 0x0008) != 0;
      encrypted = (flags & 0x0004) != 0;
      unsynchronised = (flags & 0x0002) != 0 || tag.header().unsynchronised();
      start += ((flags & 0x0040) != 0 ? 1 : 0) + (encrypted ? 1 : 0)
          + ((flags & 0x0001) != 0 ? 4 : 0);
    } else {
      compressed = false;
      encrypted = false;
    }
    if (start > frame.end()) {
      throw new CodecException("ID3v2 frame " + frame.id() + " at byte "
          + tag.fileOffset(frame.offset()) + " is shorter than its flags require");
    }
    if (encrypted) {
      return Optional.empty();
    }
    byte[] data = Arrays.copyOfRange(tag.body(), start, frame.end());
    if (unsynchronised) {
      data = resynchronise(data);
    }
    if (compressed) {
      data = inflate(data, tag.fileOffset(frame.offset()));
    }
    return Optional.of(data);
  }

  private static int extendedHeaderLength(Id3v2Header header, byte[] body)
      throws CodecException {
    if (!header.hasExtendedHeader()) {
      return 0;
    }
    long at = header.offset() + Id3v2Header.LENGTH;
    if (body.length < 6) {
      throw new CodecException("truncated ID3v2 extended header at byte " + at);
    }
    long length = header.major() == 3
        ? 4 + bigEndian(body, 0, 4)
        : Id3v2Header.syncsafe(body, 0, at);
    if (length < (header.major() == 3 ? 10 : 6) || length > body.length) {
      throw new CodecException("ID3v2 extended header at byte " + at + " has bad size " + length);
    }
    return (int) length;
  }

  /** v2.4 frame size: syncsafe by the spec; some writers (old iTunes) put a plain integer. */
  private static long frameSize(Id3v2Header header, byte[] body, int at) throws CodecException {
    if (header.major() == 3) {
      return bigEndian(body, at, 4);
    }
    boolean syncsafe = (body[at] | body[at + 1] | body[at + 2] | body[at + 3]) >= 0; // no top bit
    return syncsafe ? Id3v2Header.syncsafe(body, at, 0) : bigEndian(body, at, 4);
  }

  /** Undoes unsynchronisation (§6.1): every 0xFF 0x00 pair stands for 0xFF. */
  static byte[] resynchronise(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    for (int i = 0; i < data.length; i++) {
      out.write(data[i]);
      if ((data[i] & 0xFF) == 0xFF && i + 1 < data.length && data[i + 1] == 0) {
        i++;
      }
    }
    return out.toByteArray();
  }

  private static byte[] inflate(byte[] data, long frameOffset) throws CodecException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new CodecException("truncated compressed ID3v2 frame at byte " + frameOffset);
        }
        out.write(buffer, 0, n);
        if (out.size() > XmpPacket.MAX_BYTES + XMP_PREFIX.length) { // only PRIV frames are inflated
          XmpPacket.requireWithinLimit(out.size(), "compressed ID3v2 PRIV frame at byte " + frameOffset);
        }
        if (out.size() > MAX_TAG_BODY) {
          throw new CodecException("compressed ID3v2 frame at byte " + frameOffset
              + " inflates past " + MAX_TAG_BODY + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new CodecException("bad compressed ID3v2 frame at byte " + frameOffset, e);
    } finally {
      inflater.end();
    }
  }

  static long bigEndian(byte[] b, int at, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return value;
  }

  private static long tagOffset(Id3v2Header header, int bodyPosition) {
    return header.offset() + Id3v2Header.LENGTH + bodyPosition;
  }
}
