package ai.alicemultiverse.codec;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
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

  @Override
  default void close() throws IOException {}
}
