package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.MediaSource;
import com.drew.lang.RandomAccessReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * metadata-extractor's random access over a {@link MediaSource}: a TIFF reader follows IFD offsets
 * and fetches only the blocks they land in, never the strips or tiles. Blocks are kept in a small
 * cache because the reader asks for values a few bytes at a time. Offsets past 2 GiB cannot be
 * addressed (metadata-extractor uses int offsets); such files get a note, as before.
 */
final class SourceReader extends RandomAccessReader {
  private static final int BLOCK = 4096;
  private static final int CACHED_BLOCKS = 64;

  private final MediaSource source;
  private final long length;
  private final Map<Long, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
      return size() > CACHED_BLOCKS;
    }
  };
  private long bytesRead;

  SourceReader(MediaSource source) throws IOException {
    this.source = source;
    this.length = Math.min(source.size(), Integer.MAX_VALUE);
  }

  /** Bytes fetched from the source so far. */
  long bytesRead() {
    return bytesRead;
  }

  @Override
  public int toUnshiftedOffset(int localOffset) {
    return localOffset;
  }

  @Override
  public byte getByte(int index) throws IOException {
    validateIndex(index, 1);
    return block(index / BLOCK)[index % BLOCK];
  }

  @Override
  public byte[] getBytes(int index, int count) throws IOException {
    validateIndex(index, count);
    byte[] out = new byte[count];
    int done = 0;
    while (done < count) {
      long at = (long) index + done;
      byte[] block = block(at / BLOCK);
      int within = (int) (at % BLOCK);
      int n = Math.min(count - done, block.length - within);
      System.arraycopy(block, within, out, done, n);
      done += n;
    }
    return out;
  }

  @Override
  protected void validateIndex(int index, int bytesRequested) throws IOException {
    if (!isValidIndex(index, bytesRequested)) {
      throw new EOFException("attempt to read " + bytesRequested + " bytes at offset " + index
          + " of a " + length + "-byte file");
    }
  }

  @Override
  protected boolean isValidIndex(int index, int bytesRequested) {
    return index >= 0 && bytesRequested >= 0 && (long) index + bytesRequested <= length;
  }

  @Override
  public long getLength() {
    return length;
  }

  private byte[] block(long number) throws IOException {
    byte[] block = blocks.get(number);
    if (block == null) {
      long offset = number * BLOCK;
      int size = (int) Math.min(BLOCK, length - offset);
      block = new byte[size];
      ByteBuffer into = ByteBuffer.wrap(block);
      while (into.hasRemaining()) {
        int n = source.read(offset + into.position(), into);
        if (n < 0) {
          throw new EOFException("file ended at byte " + (offset + into.position()) + " while reading metadata");
        }
        bytesRead += n;
      }
      blocks.put(number, block);
    }
    return block;
  }
}
