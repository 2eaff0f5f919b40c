package ai.alicemultiverse.codec.wav;

import ai.alicemultiverse.codec.MediaSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Streams a byte range of a source to an output unchanged (the audio is never held whole). */
final class SourceCopy {
  private static final int BUFFER = 1 << 16;

  private SourceCopy() {}

  static void copy(MediaSource source, long offset, long length, OutputStream out)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, length)));
    long position = offset;
    long remaining = length;
    while (remaining > 0) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), remaining));
      int n = source.read(position, buffer);
      if (n < 0) {
        throw new EOFException("file ends early at byte " + position);
      }
      out.write(buffer.array(), 0, n);
      position += n;
      remaining -= n;
    }
  }
}
