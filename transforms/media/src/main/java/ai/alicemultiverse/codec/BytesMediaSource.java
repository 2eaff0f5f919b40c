package ai.alicemultiverse.codec;

import java.nio.ByteBuffer;

/** A {@link MediaSource} over bytes already in memory (tests, small files, re-parse checks). */
public final class BytesMediaSource implements MediaSource {
  private final byte[] bytes;

  public BytesMediaSource(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public int read(long position, ByteBuffer dst) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), bytes.length - position);
    dst.put(bytes, (int) position, n);
    return n;
  }
}
