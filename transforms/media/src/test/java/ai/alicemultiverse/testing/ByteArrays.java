package ai.alicemultiverse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small byte-array helpers for building and inspecting test files. */
public final class ByteArrays {
  private ByteArrays() {}

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** How often {@code needle} (ISO-8859-1) occurs in {@code haystack}, overlaps included. */
  public static int count(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
    int found = 0;
    for (int i = 0; i + n.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
        found++;
      }
    }
    return found;
  }

  /** Unsigned 32-bit little-endian value at {@code at}. */
  public static long le32(byte[] bytes, int at) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(at));
  }
}
