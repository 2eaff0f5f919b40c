package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a parser is shown of a {@link MediaSource}: a sequence of pieces, each either a byte range
 * of the file (fetched on read), a run of zeros standing in for media payload (never fetched), or
 * a few bytes alice writes itself (an empty chunk standing in for removed payload chunks).
 * {@link #skip} only moves the position. The bytes fetched from the source are counted, so tests
 * can show what a parser made alice read.
 */
final class SourceInputStream extends InputStream {
  /** A run of {@code length} bytes: from the file at {@code offset}, zeros, or {@code literal}. */
  record Piece(long offset, long length, boolean zeros, byte[] literal) {
    Piece(long offset, long length, boolean zeros) {
      this(offset, length, zeros, null);
    }

    static Piece of(byte[] literal) {
      return new Piece(0, literal.length, false, literal);
    }
  }

  private final MediaSource source;
  private final List<Piece> pieces;
  private final long length;
  private final boolean truncated;
  private long position;
  private long mark;
  private long bytesRead;

  private SourceInputStream(MediaSource source, List<Piece> pieces, boolean truncated) {
    this.source = source;
    this.pieces = pieces;
    this.length = pieces.stream().mapToLong(Piece::length).sum();
    this.truncated = truncated;
  }

  /** The first {@code limit} bytes of the file. */
  static SourceInputStream prefix(MediaSource source, long limit) throws IOException {
    long size = source.size();
    return new SourceInputStream(source, List.of(new Piece(0, Math.min(limit, size), false)), limit < size);
  }

  /** The whole file up to {@code limit} bytes, with {@code holes} read as zeros (offsets stay valid). */
  static SourceInputStream sparse(MediaSource source, List<ByteRange> holes, long limit) throws IOException {
    List<Piece> pieces = new ArrayList<>();
    long at = 0;
    for (ByteRange hole : sorted(holes)) {
      if (hole.offset() > at) {
        pieces.add(new Piece(at, hole.offset() - at, false));
      }
      long start = Math.max(at, hole.offset());
      if (hole.end() > start) {
        pieces.add(new Piece(start, hole.end() - start, true));
        at = hole.end();
      }
    }
    long size = source.size();
    if (size > at) {
      pieces.add(new Piece(at, size - at, false));
    }
    return new SourceInputStream(source, cut(pieces, limit), size > limit);
  }

  /** Only the {@code keep} ranges, one after another (for parsers that do not follow offsets). */
  static SourceInputStream compact(MediaSource source, List<ByteRange> keep, long limit) {
    List<Piece> pieces = sorted(keep).stream().map(r -> new Piece(r.offset(), r.length(), false)).toList();
    long total = pieces.stream().mapToLong(Piece::length).sum();
    return new SourceInputStream(source, cut(pieces, limit), total > limit);
  }

  /** The given pieces in order: file ranges and literal bytes (for views that splice in a stand-in). */
  static SourceInputStream pieces(MediaSource source, List<Piece> pieces, long limit) {
    long total = pieces.stream().mapToLong(Piece::length).sum();
    return new SourceInputStream(source, cut(pieces, limit), total > limit);
  }

  /** Bytes fetched from the source so far (zeros and skipped ranges are not fetched). */
  long bytesRead() {
    return bytesRead;
  }

  /** True when the view stops at its limit before the end of what it would show. */
  boolean truncated() {
    return truncated;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    long pieceStart = 0;
    for (Piece piece : pieces) {
      if (position < pieceStart + piece.length()) {
        long within = position - pieceStart;
        int want = (int) Math.min(len, piece.length() - within);
        int n;
        if (piece.zeros()) {
          Arrays.fill(b, off, off + want, (byte) 0);
          n = want;
        } else if (piece.literal() != null) {
          System.arraycopy(piece.literal(), (int) within, b, off, want);
          n = want;
        } else {
          n = source.read(piece.offset() + within, ByteBuffer.wrap(b, off, want));
          if (n < 0) {
            return -1;
          }
          bytesRead += n;
        }
        position += n;
        return n;
      }
      pieceStart += piece.length();
    }
    return -1;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, length - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, length - position);
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readlimit) {
    mark = position;
  }

  @Override
  public synchronized void reset() {
    position = mark;
  }

  /** The source belongs to the caller: closing the stream leaves it open. */
  @Override
  public void close() {}

  private static List<ByteRange> sorted(List<ByteRange> ranges) {
    return ranges.stream().sorted(Comparator.comparingLong(ByteRange::offset)).toList();
  }

  private static List<Piece> cut(List<Piece> pieces, long limit) {
    List<Piece> kept = new ArrayList<>();
    long total = 0;
    for (Piece piece : pieces) {
      if (total >= limit) {
        break;
      }
      long length = Math.min(piece.length(), limit - total);
      kept.add(new Piece(piece.offset(), length, piece.zeros(), piece.literal()));
      total += length;
    }
    return kept;
  }
}
