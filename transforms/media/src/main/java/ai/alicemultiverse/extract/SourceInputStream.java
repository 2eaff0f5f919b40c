package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.ParserView.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link ParserView} of a {@link MediaSource} as a stream: each piece is either a byte range of
 * the file (fetched on read), a run of zeros standing in for media payload (never fetched), or a few
 * bytes the codec wrote itself (an empty chunk standing in for removed payload chunks).
 * {@link #skip} only moves the position. The bytes fetched from the source are counted, so tests
 * can show what a parser made alice read.
 */
final class SourceInputStream extends InputStream {
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

  /** What {@code view} shows of {@code source}, cut after {@code limit} bytes. */
  static SourceInputStream of(MediaSource source, ParserView view, long limit) {
    return new SourceInputStream(source, cut(view.pieces(), limit), view.length() > limit);
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

  private static List<Piece> cut(List<Piece> pieces, long limit) {
    List<Piece> kept = new ArrayList<>();
    long total = 0;
    for (Piece piece : pieces) {
      if (total >= limit) {
        break;
      }
      long length = Math.min(piece.length(), limit - total);
      kept.add(piece.cut(length));
      total += length;
    }
    return kept;
  }
}
