package ai.alicemultiverse.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a metadata parser that reads a file in sequence is shown in place of the whole file, as the
 * format's codec chooses it: never more of the media payload than the parser needs.
 *
 * @param pieces what the parser reads, in order
 * @param keepsOffsets true when every byte shown is at its own offset in the file (the payload read as
 *     zeros), for parsers that follow offsets; false when the pieces follow each other
 * @param durationSeconds the playing time the codec measured while choosing the view (it stands over the
 *     parser's, which saw a part only), or null to keep the parser's
 * @param sampleDataBytes the size of the sample data left out of the view, from which the parser's sample
 *     rate, channels and bits per sample give the playing time; -1 when that does not apply
 */
public record ParserView(List<Piece> pieces, boolean keepsOffsets, Double durationSeconds, long sampleDataBytes) {
  public ParserView {
    pieces = List.copyOf(pieces);
  }

  /** A run of {@code length} bytes: from the file at {@code offset}, zeros, or {@code literal}. */
  public record Piece(long offset, long length, boolean zeros, byte[] literal) {
    /** {@code length} bytes of the file from {@code offset}. */
    public static Piece file(long offset, long length) {
      return new Piece(offset, length, false, null);
    }

    /** A few bytes the codec writes itself (a stand-in for a chunk it leaves out). */
    public static Piece of(byte[] literal) {
      return new Piece(0, literal.length, false, literal);
    }

    /** The first {@code length} bytes of this piece. */
    public Piece cut(long length) {
      return new Piece(offset, length, zeros, literal);
    }
  }

  /** The whole file of {@code size} bytes with {@code holes} read as zeros (offsets stay valid). */
  public static ParserView sparse(long size, List<ByteRange> holes) {
    List<Piece> pieces = new ArrayList<>();
    long at = 0;
    for (ByteRange hole : sorted(holes)) {
      if (hole.offset() > at) {
        pieces.add(Piece.file(at, hole.offset() - at));
      }
      long start = Math.max(at, hole.offset());
      if (hole.end() > start) {
        pieces.add(new Piece(start, hole.end() - start, true, null));
        at = hole.end();
      }
    }
    if (size > at) {
      pieces.add(Piece.file(at, size - at));
    }
    return new ParserView(pieces, true, null, -1);
  }

  /** Only the {@code keep} ranges, one after another (for parsers that do not follow offsets). */
  public static ParserView compact(List<ByteRange> keep) {
    return new ParserView(sorted(keep).stream().map(r -> Piece.file(r.offset(), r.length())).toList(), false, null,
        -1);
  }

  /** The given pieces in order: file ranges and literal bytes (for views that splice in a stand-in). */
  public static ParserView spliced(List<Piece> pieces) {
    return new ParserView(pieces, false, null, -1);
  }

  /** This view with the playing time the codec measured. */
  public ParserView withDuration(Double seconds) {
    return new ParserView(pieces, keepsOffsets, seconds, sampleDataBytes);
  }

  /** This view with the size of the sample data it leaves out. */
  public ParserView withSampleDataBytes(long bytes) {
    return new ParserView(pieces, keepsOffsets, durationSeconds, bytes);
  }

  /** How many bytes the parser would read without a limit. */
  public long length() {
    return pieces.stream().mapToLong(Piece::length).sum();
  }

  private static List<ByteRange> sorted(List<ByteRange> ranges) {
    return ranges.stream().sorted(Comparator.comparingLong(ByteRange::offset)).toList();
  }
}
