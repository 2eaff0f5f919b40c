package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The top-level boxes of an ISO BMFF file that hold metadata: everything but the media data,
 * padding and the XMP box. Tika's MP4 parser reads boxes in sequence and would otherwise read a
 * 4 GB {@code mdat} through; it never follows chunk offsets, so it can be shown these boxes alone.
 * alice reads the XMP itself: a second parse of it by Tika cost more than all the other boxes.
 */
public final class TopLevelBoxes {
  private static final Set<String> MEDIA_OR_PADDING = Set.of("mdat", "free", "skip", "wide");
  /** The user type of the top-level {@code uuid} box that holds XMP (XMP Specification Part 3, §1.2.7). */
  private static final byte[] XMP_UUID = java.util.HexFormat.of().parseHex("be7acfcb97a942e89c71999491e3afac");

  private TopLevelBoxes() {}

  /*
   * Box header (ISO/IEC 14496-12 §4.2): u32 size, 4-char type; size 1 = a u64 size follows,
   * size 0 = the box runs to the end of the file.
   */
  public static List<ByteRange> metadataBoxes(MediaSource source) throws IOException {
    long size = source.size();
    List<ByteRange> keep = new ArrayList<>();
    long at = 0;
    while (at + 8 <= size) {
      ByteBuffer header = ByteBuffer.wrap(source.readFully(at, (int) Math.min(24, size - at)));
      long boxSize = Integer.toUnsignedLong(header.getInt(0));
      String type = new String(header.array(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (boxSize == 1 && header.capacity() >= 16) {
        boxSize = header.getLong(8);
      } else if (boxSize == 0) {
        boxSize = size - at;
      }
      if (boxSize < 8 || at + boxSize > size) {
        keep.add(new ByteRange(at, size - at)); // damaged: let Tika see the rest and report it
        break;
      }
      if (!MEDIA_OR_PADDING.contains(type) && !isXmp(type, header)) {
        keep.add(new ByteRange(at, boxSize));
      }
      at += boxSize;
    }
    return keep;
  }

  /** A {@code uuid} box with a 32-bit size: its user type follows the type at byte 8. */
  private static boolean isXmp(String type, ByteBuffer header) {
    return type.equals("uuid") && header.capacity() >= 24 && header.getInt(0) != 1
        && java.util.Arrays.equals(header.array(), 8, 24, XMP_UUID, 0, 16);
  }
}
