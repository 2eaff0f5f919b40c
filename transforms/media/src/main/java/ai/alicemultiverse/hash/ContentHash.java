package ai.alicemultiverse.hash;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hash: {@code sha256:} + SHA-256 of the media payload ranges, as ExifTool's
 * ImageDataHash defines them. Metadata never takes part, so embedding never changes it.
 */
public final class ContentHash {
  public static final String PREFIX = "sha256:";
  private static final int BUFFER = 1 << 20;

  private ContentHash() {}

  /**
   * The hash of {@code ranges}, read in order from {@code source}.
   *
   * @throws CodecException when the ranges hold no bytes: an empty payload has no identity (its hash
   *     would be the same for every such file), so it gets none
   */
  public static String of(MediaSource source, List<ByteRange> ranges) throws IOException {
    if (total(ranges) == 0) {
      throw new CodecException("no media data to hash: the image or sound data of this file is empty");
    }
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, total(ranges)));
    for (ByteRange range : ranges) {
      long position = range.offset();
      long remaining = range.length();
      while (remaining > 0) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), remaining));
        int n = source.read(position, buffer);
        if (n < 0) {
          throw new EOFException("media data ends early at byte " + position);
        }
        sha.update(buffer.array(), 0, n);
        position += n;
        remaining -= n;
      }
    }
    return PREFIX + HexFormat.of().formatHex(sha.digest());
  }

  /** True for a well-formed {@code sha256:<64 lower-case hex>} value. */
  public static boolean isValid(String hash) {
    return hash != null && hash.matches("sha256:[0-9a-f]{64}");
  }

  private static long total(List<ByteRange> ranges) {
    long sum = 0;
    for (ByteRange r : ranges) {
      sum += r.length();
    }
    return sum;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
