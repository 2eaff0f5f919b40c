package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The image data of a HEIF/AVIF {@code meta} box as ExifTool 13's ImageDataHash takes it
 * ({@code HandleItemInfo} in {@code QuickTime.pm}): for each item in ascending item ID order whose
 * {@code infe} type is a coded image ({@code av01}, {@code avc1}, {@code hvc1}, {@code lhv1},
 * {@code hvt1}), every {@code iloc} extent in stored order, at base offset + extent offset (plus the
 * {@code idat} payload for construction method 1). Items that are protected, stored in another file
 * (data reference index not 0), built by construction method 2 or without extents are left out, as
 * ExifTool leaves them out. Derived items ({@code grid}, {@code iovl}), metadata and JPEG previews
 * are never hashed.
 */
final class HeifItems {
  /** ExifTool's {@code %isImageData} in QuickTime.pm. */
  static final Set<String> IMAGE_TYPES = Set.of("av01", "avc1", "hvc1", "lhv1", "hvt1");

  private HeifItems() {}

  /** What {@code infe} and {@code iloc} say of one item. */
  private static final class Item {
    String type;
    String contentType;
    int protectionIndex;
    int constructionMethod;
    int dataReferenceIndex;
    long baseOffset;
    List<long[]> extents; // {offset, length}
  }

  /** The hashed ranges of one {@code meta} box, in hash order. */
  static List<ByteRange> imageData(BoxReader reader, Box meta) throws IOException {
    Items read = read(reader, meta);
    List<ByteRange> ranges = new ArrayList<>();
    for (Map.Entry<Long, Item> entry : read.items().entrySet()) {
      Item item = entry.getValue();
      if (item.type != null && IMAGE_TYPES.contains(item.type)) {
        ranges.addAll(extents(reader, read, entry.getKey(), item));
      }
    }
    return ranges;
  }

  /** The extents of the first XMP item ({@code mime}, content type {@code application/rdf+xml}), if any. */
  static List<ByteRange> xmp(BoxReader reader, Box meta) throws IOException {
    Items read = read(reader, meta);
    for (Map.Entry<Long, Item> entry : read.items().entrySet()) {
      if ("application/rdf+xml".equals(entry.getValue().contentType)) {
        return extents(reader, read, entry.getKey(), entry.getValue());
      }
    }
    return List.of();
  }

  private record Items(Map<Long, Item> items, Long idat) {}

  private static Items read(BoxReader reader, Box meta) throws IOException {
    Map<Long, Item> items = new TreeMap<>();
    Long idat = null;
    // ISO meta is a full box: 4 bytes of version and flags before its children
    for (Box box : reader.children(meta.payloadOffset() + 4, meta.end())) {
      switch (box.type()) {
        case "iinf" -> readItemInfo(reader, box, items);
        case "iloc" -> readLocations(reader.payload(box), items, box);
        case "idat" -> idat = box.payloadOffset();
        default -> { }
      }
    }
    return new Items(items, idat);
  }

  /** An item's data in extent order; none where ExifTool reads none (see the class comment). */
  private static List<ByteRange> extents(BoxReader reader, Items read, long id, Item item) throws CodecException {
    if (item.protectionIndex != 0 || item.constructionMethod > 1
        || (item.constructionMethod == 1 && read.idat() == null)
        || item.dataReferenceIndex != 0 || item.extents == null) {
      return List.of();
    }
    long base = item.baseOffset + (item.constructionMethod == 1 ? read.idat() : 0);
    List<ByteRange> ranges = new ArrayList<>();
    for (long[] extent : item.extents) {
      long offset = base + extent[0];
      if (offset < 0 || extent[1] < 0 || extent[1] > reader.size() - offset) {
        throw new CodecException("item " + id + " ('" + item.type + "'): " + extent[1]
            + " bytes at byte " + offset + " run past the end of the file at byte " + reader.size());
      }
      if (extent[1] > 0) {
        ranges.add(new ByteRange(offset, extent[1]));
      }
    }
    return ranges;
  }

  /*
   * 'iinf' item info box, ISO/IEC 14496-12 §8.11.6: version+flags u32, entry_count u16 (version 0)
   * or u32, then 'infe' boxes. 'infe' versions 0/1: item_ID u16, protection_index u16, then strings
   * (no item type); versions 2/3: item_ID u16/u32, protection_index u16, item_type 4cc, name...
   */
  private static void readItemInfo(BoxReader reader, Box iinf, Map<Long, Item> items) throws IOException {
    if (iinf.payloadSize() < 4) {
      return;
    }
    int version = reader.payload(iinf)[0] & 0xff;
    long first = iinf.payloadOffset() + (version == 0 ? 6 : 8);
    if (first > iinf.end()) {
      return;
    }
    for (Box infe : reader.children(first, iinf.end())) {
      if (!infe.is("infe") || infe.payloadSize() < 8) {
        continue;
      }
      ByteBuffer b = ByteBuffer.wrap(reader.payload(infe));
      int infeVersion = b.get(0) & 0xff;
      if (infeVersion < 2) {
        item(items, b.getShort(4) & 0xffff).protectionIndex = b.getShort(6) & 0xffff;
        continue;
      }
      int at = 4;
      long id;
      if (infeVersion == 2) {
        id = b.getShort(at) & 0xffff;
        at += 2;
      } else if (infeVersion == 3) {
        id = Integer.toUnsignedLong(b.getInt(at));
        at += 4;
      } else {
        continue;
      }
      if (at + 6 > b.capacity()) {
        continue;
      }
      Item item = item(items, id);
      item.protectionIndex = b.getShort(at) & 0xffff;
      item.type = new String(b.array(), at + 2, 4, StandardCharsets.ISO_8859_1);
      if (item.type.equals("mime")) {
        int name = at + 6;
        int nameEnd = nul(b.array(), name);
        item.contentType = new String(b.array(), Math.min(nameEnd + 1, b.capacity()),
            Math.max(0, nul(b.array(), nameEnd + 1) - nameEnd - 1), StandardCharsets.UTF_8);
      }
    }
  }

  /*
   * 'iloc' item location box, ISO/IEC 14496-12 §8.11.3:
   *   version+flags u32, offset_size u4, length_size u4, base_offset_size u4, index_size u4 (v1/v2,
   *   else reserved), item_count u16 (v<2) or u32,
   *   per item: item_ID u16 (v<2) or u32, [reserved u12 construction_method u4] (v1/v2),
   *   data_reference_index u16, base_offset (base_offset_size), extent_count u16,
   *   per extent: [extent_index (index_size)] (v1/v2), extent_offset, extent_length.
   * Sizes are 0, 4 or 8 bytes; a table that ends early keeps the items read before it (as ExifTool).
   */
  private static void readLocations(byte[] payload, Map<Long, Item> items, Box iloc) throws CodecException {
    ByteBuffer b = ByteBuffer.wrap(payload);
    if (payload.length < 8) {
      return;
    }
    int version = b.get(0) & 0xff;
    int sizes = b.getShort(4) & 0xffff;
    int offsetSize = sizes >> 12;
    int lengthSize = (sizes >> 8) & 0x0f;
    int baseSize = (sizes >> 4) & 0x0f;
    int indexSize = sizes & 0x0f;
    for (int size : new int[] {offsetSize, lengthSize, baseSize}) {
      if (size != 0 && size != 4 && size != 8) {
        throw new CodecException(iloc + ": field size " + size + " (0, 4 or 8 allowed)");
      }
    }
    boolean v12 = version == 1 || version == 2;
    if (v12 && indexSize != 0 && indexSize != 4 && indexSize != 8) {
      throw new CodecException(iloc + ": index size " + indexSize + " (0, 4 or 8 allowed)");
    }
    Cursor at = new Cursor(b);
    long count;
    if (version < 2) {
      count = b.getShort(6) & 0xffff;
      at.position = 8;
    } else {
      if (payload.length < 10) {
        return;
      }
      count = Integer.toUnsignedLong(b.getInt(6));
      at.position = 10;
    }
    for (long i = 0; i < count; i++) {
      Long id = version < 2 ? at.next(2) : at.next(4);
      if (id == null) {
        return;
      }
      Item item = item(items, id);
      if (v12) {
        Long method = at.next(2);
        if (method == null) {
          return;
        }
        item.constructionMethod = (int) (method & 0x0f);
      }
      Long reference = at.next(2);
      if (reference == null) {
        return;
      }
      item.dataReferenceIndex = reference.intValue();
      Long base = at.next(baseSize);
      item.baseOffset = base == null ? 0 : base;
      Long extentCount = at.next(2);
      if (extentCount == null) {
        return;
      }
      List<long[]> extents = new ArrayList<>();
      for (long j = 0; j < extentCount; j++) {
        if (v12 && at.next(indexSize) == null) {
          return;
        }
        Long offset = at.next(offsetSize);
        Long length = at.next(lengthSize);
        if (offset == null || length == null) {
          return;
        }
        extents.add(new long[] {offset, length});
      }
      item.extents = extents;
    }
  }

  /** Where the NUL-terminated string at {@code from} ends (the array's end if it has no NUL). */
  private static int nul(byte[] bytes, int from) {
    int at = Math.min(from, bytes.length);
    while (at < bytes.length && bytes[at] != 0) {
      at++;
    }
    return at;
  }

  private static Item item(Map<Long, Item> items, long id) {
    return items.computeIfAbsent(id, k -> new Item());
  }

  /** Reads big-endian unsigned fields of 0, 2, 4 or 8 bytes; null once the table has ended. */
  private static final class Cursor {
    private final ByteBuffer buffer;
    int position;

    Cursor(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    Long next(int size) throws CodecException {
      if (position + size > buffer.capacity()) {
        position += size;
        return null;
      }
      long value = switch (size) {
        case 0 -> 0L;
        case 2 -> buffer.getShort(position) & 0xffffL;
        case 4 -> Integer.toUnsignedLong(buffer.getInt(position));
        default -> buffer.getLong(position);
      };
      if (value < 0) {
        throw new CodecException("64-bit item location value overflows");
      }
      position += size;
      return value;
    }
  }
}
