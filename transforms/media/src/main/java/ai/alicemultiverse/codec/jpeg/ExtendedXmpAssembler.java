package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reassembles JPEG Extended XMP (XMP Specification Part 3 (2016) 1.1.3.1) from its APP1 pieces.
 * The pieces may appear in any order; only those with the GUID that the main packet names in
 * {@code xmpNote:HasExtendedXMP} belong to it (others are stale leftovers and are ignored).
 */
final class ExtendedXmpAssembler {
  static final int GUID_LENGTH = 32;
  /** Identifier (35) + GUID (32) + full length (4) + offset (4). */
  static final int CHUNK_HEADER =
      JpegAppSegment.EXTENDED_XMP.headerLength() + GUID_LENGTH + 4 + 4;
  /** Cap on the reassembled size, checked against the declared full length before anything is read. */
  static final long MAX_EXTENDED_LENGTH = ai.alicemultiverse.codec.XmpPacket.MAX_BYTES;

  // xmpNote:HasExtendedXMP="GUID" (attribute form) or <xmpNote:HasExtendedXMP>GUID</...> (element
  // form); the prefix is not fixed, so match on the local name.
  private static final Pattern GUID_ATTRIBUTE =
      Pattern.compile("HasExtendedXMP\\s*=\\s*([\"'])\\s*([0-9A-Fa-f]{32})\\s*\\1");
  private static final Pattern GUID_ELEMENT =
      Pattern.compile("HasExtendedXMP(?:\\s[^<>]*)?>\\s*([0-9A-Fa-f]{32})\\s*<");

  /** One Extended XMP piece: its header values and where its data lies in the file. */
  record Chunk(String guid, long fullLength, long offset, long dataOffset, int dataLength,
      long segmentOffset) {}

  private ExtendedXmpAssembler() {}

  /** The GUID named by {@code xmpNote:HasExtendedXMP} in the main packet, if any. */
  static Optional<String> guidNamedIn(String mainXml) {
    Matcher attribute = GUID_ATTRIBUTE.matcher(mainXml);
    if (attribute.find()) {
      return Optional.of(attribute.group(2));
    }
    Matcher element = GUID_ELEMENT.matcher(mainXml);
    return element.find() ? Optional.of(element.group(1)) : Optional.empty();
  }

  /**
   * Reads the header of one Extended XMP segment.
   *
   * <pre>
   * APP1 payload = "http://ns.adobe.com/xmp/extension/\0" (35)
   *                GUID (32 ASCII hex, MD5 of the whole extended packet)
   *                full length (4, big-endian, of the whole extended packet)
   *                offset (4, big-endian, of this piece within it)
   *                data (the rest of the segment)
   * </pre>
   */
  static Chunk readChunk(MediaSource source, JpegSegment segment) throws IOException {
    if (segment.payloadLength() < CHUNK_HEADER) {
      throw new CodecException("JPEG Extended XMP segment at byte " + segment.markerOffset()
          + " is shorter than its " + CHUNK_HEADER + "-byte header");
    }
    int idLength = JpegAppSegment.EXTENDED_XMP.headerLength();
    ByteBuffer header =
        ByteBuffer.wrap(source.readFully(segment.payloadOffset() + idLength, CHUNK_HEADER - idLength));
    String guid = new String(header.array(), 0, GUID_LENGTH, StandardCharsets.ISO_8859_1);
    long fullLength = Integer.toUnsignedLong(header.getInt(GUID_LENGTH));
    long offset = Integer.toUnsignedLong(header.getInt(GUID_LENGTH + 4));
    long dataOffset = segment.payloadOffset() + CHUNK_HEADER;
    int dataLength = (int) (segment.end() - dataOffset);
    return new Chunk(guid, fullLength, offset, dataOffset, dataLength, segment.markerOffset());
  }

  /**
   * Joins the pieces whose GUID is {@code guid}, ordered by their offset. Returns null when there
   * are none; throws when they disagree on the full length or leave a gap.
   */
  static String assemble(MediaSource source, List<Chunk> chunks, String guid) throws IOException {
    List<Chunk> mine = chunks.stream()
        .filter(c -> c.guid().equalsIgnoreCase(guid))
        .sorted(Comparator.comparingLong(Chunk::offset))
        .toList();
    if (mine.isEmpty()) {
      return null;
    }
    long fullLength = mine.get(0).fullLength();
    if (fullLength > MAX_EXTENDED_LENGTH) {
      throw new CodecException("JPEG Extended XMP " + guid + " declares " + fullLength
          + " bytes (segment at byte " + mine.get(0).segmentOffset() + "), over the "
          + MAX_EXTENDED_LENGTH + "-byte limit");
    }
    byte[] packet = new byte[(int) fullLength];
    long covered = 0;
    for (Chunk chunk : mine) {
      if (chunk.fullLength() != fullLength) {
        throw new CodecException("JPEG Extended XMP segment at byte " + chunk.segmentOffset()
            + " declares full length " + chunk.fullLength() + ", others " + fullLength);
      }
      if (chunk.offset() + chunk.dataLength() > fullLength) {
        throw new CodecException("JPEG Extended XMP segment at byte " + chunk.segmentOffset()
            + " holds bytes " + chunk.offset() + ".." + (chunk.offset() + chunk.dataLength())
            + " of a " + fullLength + "-byte packet");
      }
      if (chunk.offset() > covered) {
        throw new CodecException("JPEG Extended XMP " + guid + " is missing bytes " + covered
            + ".." + chunk.offset() + " (next piece in segment at byte " + chunk.segmentOffset() + ")");
      }
      byte[] data = source.readFully(chunk.dataOffset(), chunk.dataLength());
      System.arraycopy(data, 0, packet, (int) chunk.offset(), data.length);
      covered = Math.max(covered, chunk.offset() + chunk.dataLength());
    }
    if (covered < fullLength) {
      throw new CodecException("JPEG Extended XMP " + guid + " is missing bytes " + covered + ".."
          + fullLength + " (truncated)");
    }
    return new String(packet, StandardCharsets.UTF_8);
  }
}
