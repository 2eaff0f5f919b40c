package ai.alicemultiverse.codec;

/** A run of bytes in a file: where it starts and how long it is. */
public record ByteRange(long offset, long length) {
  public ByteRange {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative range " + offset + "+" + length);
    }
  }

  public long end() {
    return offset + length;
  }
}
