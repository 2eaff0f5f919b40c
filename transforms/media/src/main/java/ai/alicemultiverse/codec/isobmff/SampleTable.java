package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locates a track's chunks from its sample table (ISO/IEC 14496-12 §8.7): {@code stco}/{@code co64}
 * give each chunk's file offset, {@code stsc} how many samples each chunk holds, and {@code stsz}
 * (or {@code stz2}) each sample's size. A chunk's length is the sum of its samples' sizes.
 */
final class SampleTable {
  private SampleTable() {}

  /** The byte ranges of every chunk of the track, in chunk order (empty chunks left out). */
  static List<ByteRange> chunkRanges(BoxReader reader, Track track) throws IOException {
    String where = "track " + track.number();
    if (track.sampleTable().isEmpty()) {
      throw new CodecException(where + " (" + track.trak() + ") has no sample table 'stbl'");
    }
    Box stbl = track.sampleTable().get();
    long[] offsets = chunkOffsets(reader, stbl, where);
    long[][] stsc = sampleToChunk(reader, stbl, where);
    SampleSizes sizes = sampleSizes(reader, stbl, where);
    long[] firstChunk = stsc[0];
    long[] perChunk = stsc[1];
    if (offsets.length > 0 && (firstChunk.length == 0 || firstChunk[0] != 1)) {
      throw new CodecException(where + ": 'stsc' does not start at chunk 1");
    }
    List<ByteRange> ranges = new ArrayList<>();
    int entry = 0;
    long sample = 0;
    for (int chunk = 1; chunk <= offsets.length; chunk++) {
      while (entry + 1 < firstChunk.length && firstChunk[entry + 1] <= chunk) {
        entry++;
      }
      long samples = perChunk[entry];
      long length = sizes.sum(sample, samples, where + " chunk " + chunk);
      sample += samples;
      long offset = offsets[chunk - 1];
      if (length > reader.size() - offset) {
        throw new CodecException(where + " chunk " + chunk + ": " + length + " bytes at byte "
            + offset + " run past the end of the file at byte " + reader.size());
      }
      if (length > 0) {
        ranges.add(new ByteRange(offset, length));
      }
    }
    return ranges;
  }

  /*
   * 'stco' (32-bit) / 'co64' (64-bit) chunk offset box, §8.7.5:
   *   version+flags u32, entry_count u32, chunk_offset u32|u64 × entry_count
   */
  static long[] chunkOffsets(BoxReader reader, Box stbl, String where) throws IOException {
    Optional<Box> box = reader.child(stbl, "stco");
    boolean wide = false;
    if (box.isEmpty()) {
      box = reader.child(stbl, "co64");
      wide = true;
    }
    if (box.isEmpty()) {
      throw new CodecException(where + ": sample table at byte " + stbl.offset() + " has no 'stco' or 'co64'");
    }
    ByteBuffer table = table(reader, box.get(), 8, wide ? 8 : 4, where);
    long[] offsets = new long[table.getInt(4)];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = wide ? table.getLong(8 + 8 * i) : Integer.toUnsignedLong(table.getInt(8 + 4 * i));
      if (offsets[i] < 0) {
        throw new CodecException(where + ": chunk offset " + (i + 1) + " overflows in " + box.get());
      }
    }
    return offsets;
  }

  /*
   * 'stsc' sample-to-chunk box, §8.7.4:
   *   version+flags u32, entry_count u32,
   *   { first_chunk u32, samples_per_chunk u32, sample_description_index u32 } × entry_count
   * Each entry holds from its first_chunk until the next entry's first_chunk.
   */
  private static long[][] sampleToChunk(BoxReader reader, Box stbl, String where) throws IOException {
    Box box = require(reader, stbl, "stsc", where);
    ByteBuffer table = table(reader, box, 8, 12, where);
    int count = table.getInt(4);
    long[] firstChunk = new long[count];
    long[] perChunk = new long[count];
    for (int i = 0; i < count; i++) {
      firstChunk[i] = Integer.toUnsignedLong(table.getInt(8 + 12 * i));
      perChunk[i] = Integer.toUnsignedLong(table.getInt(12 + 12 * i));
      if (i > 0 && firstChunk[i] <= firstChunk[i - 1]) {
        throw new CodecException(where + ": 'stsc' first_chunk values are not increasing in " + box);
      }
    }
    return new long[][] {firstChunk, perChunk};
  }

  /*
   * 'stsz' sample size box, §8.7.3.2:
   *   version+flags u32, sample_size u32 (non-zero: every sample has this size), sample_count u32,
   *   entry_size u32 × sample_count (only when sample_size == 0)
   * 'stz2' compact sample size box, §8.7.3.3:
   *   version+flags u32, reserved u24, field_size u8 (4, 8 or 16), sample_count u32,
   *   entry_size of field_size bits × sample_count (4-bit entries: high nibble first)
   */
  private static SampleSizes sampleSizes(BoxReader reader, Box stbl, String where) throws IOException {
    Optional<Box> stsz = reader.child(stbl, "stsz");
    if (stsz.isPresent()) {
      ByteBuffer table = ByteBuffer.wrap(headOf(reader, stsz.get(), 12, where));
      long constant = Integer.toUnsignedLong(table.getInt(4));
      long count = Integer.toUnsignedLong(table.getInt(8));
      if (constant != 0) {
        return new SampleSizes(constant, count, null);
      }
      checkFits(stsz.get(), count, 12, 4, where);
      long[] sizes = new long[(int) count];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = Integer.toUnsignedLong(table.getInt(12 + 4 * i));
      }
      return new SampleSizes(0, sizes.length, sizes);
    }
    Box stz2 = require(reader, stbl, "stz2", where);
    ByteBuffer head = ByteBuffer.wrap(headOf(reader, stz2, 12, where));
    int fieldBits = head.get(7) & 0xff;
    if (fieldBits != 4 && fieldBits != 8 && fieldBits != 16) {
      throw new CodecException(where + ": 'stz2' field size " + fieldBits + " in " + stz2);
    }
    long count = Integer.toUnsignedLong(head.getInt(8));
    if (count > (stz2.payloadSize() - 12) * 8 / fieldBits) {
      throw new CodecException(where + ": " + count + " sample sizes do not fit in " + stz2);
    }
    byte[] payload = head.array();
    long[] sizes = new long[(int) count];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = switch (fieldBits) {
        case 4 -> (payload[12 + i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
        case 8 -> payload[12 + i] & 0xff;
        default -> ((payload[12 + 2 * i] & 0xff) << 8) | (payload[13 + 2 * i] & 0xff);
      };
    }
    return new SampleSizes(0, count, sizes);
  }

  private static Box require(BoxReader reader, Box stbl, String type, String where) throws IOException {
    return reader.child(stbl, type).orElseThrow(() -> new CodecException(
        where + ": sample table at byte " + stbl.offset() + " has no '" + type + "'"));
  }

  private static byte[] headOf(BoxReader reader, Box box, int length, String where) throws IOException {
    if (box.payloadSize() < length) {
      throw new CodecException(where + ": " + box + " is too short for its header");
    }
    return reader.payload(box);
  }

  /** The payload of a full box whose entry count sits at byte 4; checks the entries fit. */
  private static ByteBuffer table(BoxReader reader, Box box, int entriesAt, int entrySize, String where)
      throws IOException {
    ByteBuffer table = ByteBuffer.wrap(headOf(reader, box, entriesAt, where));
    checkFits(box, Integer.toUnsignedLong(table.getInt(4)), entriesAt, entrySize, where);
    return table;
  }

  private static void checkFits(Box box, long count, int entriesAt, int entrySize, String where)
      throws CodecException {
    if (count > (box.payloadSize() - entriesAt) / entrySize) {
      throw new CodecException(where + ": " + count + " entries do not fit in " + box);
    }
  }

  /** Either one size for every sample, or one size per sample. */
  private record SampleSizes(long constant, long count, long[] sizes) {
    /** Total size of samples [first, first + n). */
    long sum(long first, long n, String where) throws CodecException {
      if (n > count - first) {
        throw new CodecException(where + ": 'stsc' assigns samples past the " + count + " in 'stsz'");
      }
      if (sizes == null) {
        try {
          return Math.multiplyExact(constant, n);
        } catch (ArithmeticException e) {
          throw new CodecException(where + ": chunk length overflows (" + n + " samples of " + constant + ")");
        }
      }
      long total = 0;
      for (long i = first; i < first + n; i++) {
        total += sizes[(int) i];
      }
      return total;
    }
  }
}
