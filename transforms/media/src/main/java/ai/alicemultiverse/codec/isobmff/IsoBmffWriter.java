package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites an ISO BMFF file with one XMP packet: {@code moov/udta/XMP_} for MOV, a top-level XMP
 * {@code uuid} box right after {@code moov} for MP4/M4A. Every earlier XMP box of either kind is
 * dropped.
 *
 * <p>Only {@code moov} is held in memory (at most {@link BoxReader#MAX_METADATA} bytes); every other
 * top-level box is streamed unchanged. When the bytes before a box move (a moov-first file whose
 * moov or XMP grows), every {@code stco}/{@code co64} entry of every track is shifted by what moved
 * before the box it points into, so the chunks are found again. Everything is checked before the
 * first byte is written, so a refused file leaves {@code out} untouched.
 */
final class IsoBmffWriter {
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  private final MovieFile file;
  private final MediaSource source;

  IsoBmffWriter(MovieFile file, MediaSource source) {
    this.file = file;
    this.source = source;
  }

  /** One run of the output: bytes copied from {@code oldOffset} of the source, or new bytes. */
  private record Piece(long oldOffset, long length, byte[] bytes, long newOffset, boolean mapsChunks) {
    long oldEnd() {
      return oldOffset + length;
    }
  }

  void write(MediaFormat format, byte[] xmp, OutputStream out) throws IOException {
    if (xmp.length > BoxReader.MAX_METADATA) {
      throw new CodecException("XMP packet of " + xmp.length + " bytes exceeds the "
          + BoxReader.MAX_METADATA + "-byte limit");
    }
    Optional<Box> moof = file.first("moof");
    if (moof.isPresent()) {
      throw fragmented("'moof' box at byte " + moof.get().offset());
    }
    Box moov = file.moov();
    byte[] oldMoov = file.reader().whole(moov);
    BoxReader inMemory = new BoxReader(new BytesMediaSource(oldMoov));
    Box memMoov = inMemory.header(0, oldMoov.length);
    Optional<Box> mvex = inMemory.child(memMoov, "mvex");
    if (mvex.isPresent()) {
      throw fragmented("'mvex' box at byte " + (moov.offset() + mvex.get().offset()));
    }
    boolean quickTime = format == MediaFormat.MOV;
    byte[] newMoov = rebuildMoov(inMemory, memMoov, oldMoov, quickTime ? xmp : null);

    List<Piece> pieces = layout(moov, newMoov, quickTime ? null : box("uuid", xmpUuidPayload(xmp)));
    shiftChunkOffsets(newMoov, pieces);
    for (Piece piece : pieces) {
      if (piece.bytes() != null) {
        out.write(piece.bytes());
      } else {
        source.copyTo(piece.oldOffset(), piece.length(), out);
      }
    }
  }

  private static UnsupportedFormatException fragmented(String where) {
    return new UnsupportedFormatException("fragmented MP4 (moof) cannot be rewritten safely: " + where);
  }

  /**
   * The output, top-level box by box: old XMP {@code uuid} boxes dropped, {@code moov} replaced
   * (and followed by the new XMP {@code uuid}), everything else copied. Bytes after the last box
   * (too short to be one) are copied too.
   */
  private List<Piece> layout(Box moov, byte[] newMoov, byte[] uuidBox) {
    List<Piece> pieces = new ArrayList<>();
    long newOffset = 0;
    long end = 0;
    for (Box box : file.topLevel()) {
      end = box.end();
      if (box.isXmpUuid()) {
        continue;
      }
      if (box.offset() == moov.offset()) {
        pieces.add(new Piece(box.offset(), box.size(), newMoov, newOffset, false));
        newOffset += newMoov.length;
        if (uuidBox != null) {
          pieces.add(new Piece(box.end(), 0, uuidBox, newOffset, false));
          newOffset += uuidBox.length;
        }
      } else {
        pieces.add(new Piece(box.offset(), box.size(), null, newOffset, true));
        newOffset += box.size();
      }
    }
    if (end < file.reader().size()) {
      pieces.add(new Piece(end, file.reader().size() - end, null, newOffset, true));
    }
    return pieces;
  }

  /*
   * Movie box 'moov' (ISO/IEC 14496-12 §8.2.1) and user data box 'udta' (§8.10.1; QuickTime File
   * Format "User Data Atoms"): plain containers, so a child can be dropped or appended and only the
   * size in each ancestor's header changes. QuickTime may end a udta list with a 32-bit zero; bytes
   * after the last child are kept at the end.
   */
  private static byte[] rebuildMoov(BoxReader reader, Box moov, byte[] bytes, byte[] quickTimeXmp)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] pending = quickTimeXmp;
    long end = moov.payloadOffset();
    for (Box child : reader.children(moov)) {
      if (child.is("udta")) {
        body.writeBytes(rebuildUdta(reader, child, bytes, pending));
        pending = null;
      } else {
        body.write(bytes, (int) child.offset(), (int) child.size());
      }
      end = child.end();
    }
    if (pending != null) {
      body.writeBytes(box("udta", box("XMP_", pending)));
    }
    body.write(bytes, (int) end, (int) (moov.end() - end));
    return withHeader(moov, body.toByteArray());
  }

  private static byte[] rebuildUdta(BoxReader reader, Box udta, byte[] bytes, byte[] quickTimeXmp)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long end = udta.payloadOffset();
    for (Box child : reader.children(udta)) {
      if (!child.is("XMP_")) {
        body.write(bytes, (int) child.offset(), (int) child.size());
      }
      end = child.end();
    }
    if (quickTimeXmp != null) {
      body.writeBytes(box("XMP_", quickTimeXmp));
    }
    body.write(bytes, (int) end, (int) (udta.end() - end));
    return withHeader(udta, body.toByteArray());
  }

  /*
   * Chunk offsets (stco u32 / co64 u64 entries after version+flags and entry_count, §8.7.5) are
   * absolute file positions. Each one is moved by as much as the top-level box it points into
   * moved. An entry pointing into moov or an old XMP box has no safe new value: refuse.
   */
  private void shiftChunkOffsets(byte[] moovBytes, List<Piece> pieces) throws IOException {
    boolean moved = pieces.stream().anyMatch(p -> p.mapsChunks() && p.newOffset() != p.oldOffset());
    BoxReader reader = new BoxReader(new BytesMediaSource(moovBytes));
    Box moov = reader.header(0, moovBytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(moovBytes);
    for (Track track : Track.readAll(reader, moov)) {
      if (track.sampleTable().isEmpty()) {
        continue;
      }
      for (Box table : reader.children(track.sampleTable().get())) {
        boolean wide = table.is("co64");
        if (table.is("saio") && moved) {
          // Sample auxiliary information offsets are absolute too (CENC); not rewritten here.
          throw new UnsupportedFormatException("track " + track.number()
              + " has 'saio' offsets that would have to move; not rewritten");
        }
        if (!wide && !table.is("stco")) {
          continue;
        }
        int width = wide ? 8 : 4;
        if (table.payloadSize() < 8) {
          throw new CodecException("track " + track.number() + ": " + table + " is too short");
        }
        int base = (int) table.payloadOffset();
        long count = Integer.toUnsignedLong(buffer.getInt(base + 4));
        if (count > (table.payloadSize() - 8) / width) {
          throw new CodecException("track " + track.number() + ": " + count + " entries do not fit in " + table);
        }
        for (int i = 0; i < count; i++) {
          int at = base + 8 + width * i;
          long old = wide ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
          long shifted = map(old, pieces, track);
          if (wide) {
            buffer.putLong(at, shifted);
          } else if (shifted > MAX_U32) {
            throw new UnsupportedFormatException("track " + track.number() + " chunk " + (i + 1)
                + " would move to byte " + shifted + ", past what a 32-bit 'stco' entry can hold");
          } else {
            buffer.putInt(at, (int) shifted);
          }
        }
      }
    }
  }

  private static long map(long old, List<Piece> pieces, Track track) throws CodecException {
    // Pieces of the old file are in ascending order; the inserted uuid (length 0) never matches.
    int low = 0;
    int high = pieces.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Piece piece = pieces.get(middle);
      if (old < piece.oldOffset()) {
        high = middle - 1;
      } else if (old >= piece.oldEnd()) {
        low = middle + 1;
      } else {
        if (!piece.mapsChunks()) {
          throw new UnsupportedFormatException("track " + track.number() + " has a chunk at byte "
              + old + ", inside the 'moov' box being rewritten");
        }
        return old + piece.newOffset() - piece.oldOffset();
      }
    }
    // Dropped XMP boxes are not in the layout; neither are offsets past the end of the file.
    throw new CodecException("track " + track.number() + " has a chunk at byte " + old
        + ", outside the file's media boxes");
  }

  /** A box with a 32-bit size header. */
  private static byte[] box(String type, byte[] payload) {
    ByteBuffer box = ByteBuffer.allocate(8 + payload.length);
    box.putInt(8 + payload.length).put(fourCc(type)).put(payload);
    return box.array();
  }

  /** The payload of the XMP {@code uuid} box: usertype then the packet. */
  private static byte[] xmpUuidPayload(byte[] xmp) {
    ByteBuffer payload = ByteBuffer.allocate(16 + xmp.length);
    payload.putLong(Box.XMP_UUID.getMostSignificantBits())
        .putLong(Box.XMP_UUID.getLeastSignificantBits())
        .put(xmp);
    return payload.array();
  }

  /** {@code body} under a header of the same form as {@code original}'s (32- or 64-bit size). */
  private static byte[] withHeader(Box original, byte[] body) throws CodecException {
    int headerSize = original.largeSize() ? 16 : 8;
    long size = (long) headerSize + body.length;
    ByteBuffer box = ByteBuffer.allocate((int) size);
    if (original.largeSize()) {
      box.putInt(1).put(fourCc(original.type())).putLong(size);
    } else if (size > MAX_U32) {
      throw new CodecException(original + " would outgrow its 32-bit size");
    } else {
      box.putInt((int) size).put(fourCc(original.type()));
    }
    return box.put(body).array();
  }

  private static byte[] fourCc(String type) {
    return type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
