package ai.alicemultiverse.codec;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Random access to the bytes of one media file. Codecs read only the regions they need (headers,
 * metadata boxes), so a 4 GB video is never loaded whole; the hash streams the payload ranges.
 */
public interface MediaSource extends Closeable {

  /** Total size in bytes. */
  long size() throws IOException;

  /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns -1 at end of file. */
  int read(long position, ByteBuffer dst) throws IOException;

  /** Reads exactly {@code length} bytes at {@code position} or throws {@link EOFException}. */
  default byte[] readFully(long position, int length) throws IOException {
    byte[] bytes = new byte[length];
    ByteBuffer dst = ByteBuffer.wrap(bytes);
    while (dst.hasRemaining()) {
      int n = read(position + dst.position(), dst);
      if (n < 0) {
        throw new EOFException(
            "unexpected end of file at byte " + (position + dst.position()) + " (wanted "
                + length + " bytes from " + position + ", file has " + size() + ")");
      }
    }
    return bytes;
  }

  /**
   * Streams {@code length} bytes at {@code position} to {@code out} unchanged, through a buffer of
   * at most 1 MiB, so a writer never holds a large payload whole. Copies nothing when {@code length}
   * is not positive.
   *
   * @throws EOFException naming the byte where the source ended, if it ends before the range does
   */
  default void copyTo(long position, long length, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, length)));
    long at = position;
    long end = position + length;
    while (at < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
      int n = read(at, buffer);
      if (n < 0) {
        throw new EOFException("file ends at byte " + at + " while copying " + length
            + " bytes from byte " + position);
      }
      out.write(buffer.array(), 0, n);
      at += n;
    }
  }

  /** {@link #copyTo(long, long, OutputStream)} for one range. */
  default void copyTo(ByteRange range, OutputStream out) throws IOException {
    copyTo(range.offset(), range.length(), out);
  }

  @Override
  default void close() throws IOException {}
}
