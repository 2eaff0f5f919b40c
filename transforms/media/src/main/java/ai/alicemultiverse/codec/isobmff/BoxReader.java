package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Walks ISO BMFF boxes through a {@link MediaSource}, reading headers only. Every size is checked
 * against the enclosing box (or the end of the file) before anything is read, so a corrupt size
 * can neither point past its parent nor make the walker allocate from it.
 *
 * <p>Hand-written byte walking: no Java library rewrites these boxes losslessly. Callers descend
 * only along fixed paths ({@link #path}), so nesting depth is bounded by {@link #MAX_DEPTH}.
 */
final class BoxReader {
  static final int MAX_DEPTH = 16;
  /** Caps the boxes listed in one container; each is at least 8 bytes, so this also caps memory. */
  static final int MAX_CHILDREN = 1 << 20;
  /** Cap for any metadata read (a {@code moov}, one sample table, one XMP packet). */
  static final int MAX_METADATA = 64 << 20;

  private static final int MAX_HEADER = 32;

  private final MediaSource source;
  private final long sourceSize;

  BoxReader(MediaSource source) throws IOException {
    this.source = source;
    this.sourceSize = source.size();
  }

  long size() {
    return sourceSize;
  }

  /** The top-level boxes of the file; trailing bytes too short for a header are left out. */
  List<Box> topLevel() throws IOException {
    return children(0, sourceSize);
  }

  /** The boxes of a container box's payload (moov, trak, mdia, minf, stbl, udta, ...). */
  List<Box> children(Box parent) throws IOException {
    return children(parent.payloadOffset(), parent.end());
  }

  /**
   * The boxes laid end to end in [start, end). Fewer than 8 bytes left at the end are not a box:
   * QuickTime ends {@code udta} lists with a 32-bit zero terminator, which callers keep as is.
   */
  List<Box> children(long start, long end) throws IOException {
    List<Box> boxes = new ArrayList<>();
    long position = start;
    while (end - position >= 8) {
      if (boxes.size() >= MAX_CHILDREN) {
        throw new CodecException("more than " + MAX_CHILDREN + " boxes in one container at byte " + start);
      }
      Box box = header(position, end);
      boxes.add(box);
      position = box.end();
    }
    return boxes;
  }

  /*
   * Box header, ISO/IEC 14496-12 §4.2 (big-endian):
   *   size      u32   whole box; 1 = a 64-bit largesize follows the type, 0 = box runs to the end
   *   type      4cc
   *   largesize u64   only when size == 1
   *   usertype  16    only when type == 'uuid'
   */
  /** Reads the header at {@code offset}; the box must end by {@code parentEnd}. */
  Box header(long offset, long parentEnd) throws IOException {
    return header(offset, parentEnd, true);
  }

  /**
   * The header at {@code offset} for a walk that steps over boxes and stops where they are damaged
   * instead of failing (what Tika is shown, how deep boxes nest, the track codes): empty where
   * {@link #header} would refuse the box. A {@code uuid} box too short for a usertype is one
   * without a usertype here, not damage.
   */
  Optional<Box> stepHeader(long offset, long parentEnd) throws IOException {
    try {
      return Optional.of(header(offset, parentEnd, false));
    } catch (CodecException damaged) {
      return Optional.empty();
    }
  }

  private Box header(long offset, long parentEnd, boolean userTypeRequired) throws IOException {
    if (offset < 0 || parentEnd > sourceSize || parentEnd - offset < 8) {
      throw new CodecException("truncated box header at byte " + offset);
    }
    ByteBuffer head = ByteBuffer.wrap(read(offset, (int) Math.min(MAX_HEADER, parentEnd - offset)));
    long size = Integer.toUnsignedLong(head.getInt());
    String type = fourCc(head);
    int headerSize = 8;
    boolean large = size == 1;
    if (large) {
      if (head.remaining() < 8) {
        throw new CodecException("truncated 64-bit size of '" + type + "' box at byte " + offset);
      }
      size = head.getLong();
      headerSize = 16;
      if (size < 0) {
        throw new CodecException("'" + type + "' box at byte " + offset + ": 64-bit size overflows");
      }
    } else if (size == 0) {
      size = parentEnd - offset; // runs to the end of its container (the file, at top level)
    }
    UUID userType = null;
    if (type.equals("uuid") && (userTypeRequired || (head.remaining() >= 16 && size >= headerSize + 16))) {
      if (head.remaining() < 16) {
        throw new CodecException("truncated usertype of 'uuid' box at byte " + offset);
      }
      userType = new UUID(head.getLong(), head.getLong());
      headerSize += 16;
    }
    if (size < headerSize) {
      throw new CodecException("'" + type + "' box at byte " + offset + ": size " + size
          + " is smaller than its " + headerSize + "-byte header");
    }
    if (size > parentEnd - offset) {
      throw new CodecException("'" + type + "' box at byte " + offset + ": size " + size
          + " runs past the end of its parent at byte " + parentEnd);
    }
    return new Box(type, offset, size, headerSize, large, userType);
  }

  /** The first child of {@code parent} with the given type. */
  Optional<Box> child(Box parent, String type) throws IOException {
    for (Box box : children(parent)) {
      if (box.is(type)) {
        return Optional.of(box);
      }
    }
    return Optional.empty();
  }

  /** Follows {@code types} from {@code root}, taking the first match at each level. */
  Optional<Box> path(Box root, String... types) throws IOException {
    if (types.length > MAX_DEPTH) {
      throw new IllegalArgumentException("box path deeper than " + MAX_DEPTH);
    }
    Box box = root;
    for (String type : types) {
      Optional<Box> next = child(box, type);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      box = next.get();
    }
    return Optional.of(box);
  }

  /** The payload of {@code box} (after its header), at most {@link #MAX_METADATA} bytes. */
  byte[] payload(Box box) throws IOException {
    return bytes(box.payloadOffset(), box.payloadSize(), box);
  }

  /** The whole box, header included, at most {@link #MAX_METADATA} bytes. */
  byte[] whole(Box box) throws IOException {
    return bytes(box.offset(), box.size(), box);
  }

  private byte[] bytes(long offset, long length, Box box) throws IOException {
    if (length > MAX_METADATA) {
      throw new CodecException(box + " is larger than the " + MAX_METADATA + "-byte metadata limit");
    }
    return read(offset, (int) length);
  }

  private byte[] read(long offset, int length) throws IOException {
    if (offset + length > sourceSize) {
      throw new CodecException("truncated file: " + length + " bytes at byte " + offset
          + " run past its end at byte " + sourceSize);
    }
    return source.readFully(offset, length);
  }

  private static String fourCc(ByteBuffer buffer) {
    byte[] type = new byte[4];
    buffer.get(type);
    return new String(type, StandardCharsets.ISO_8859_1);
  }
}
