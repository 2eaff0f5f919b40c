package ai.alicemultiverse.beam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Values as they wait in the DirectRunner's shuffles, which it keeps in memory until they end:
 * deflated at the fastest level, which shrinks their JSON to a fraction for a few microseconds.
 */
final class Deflated {
  /** Writes one value's bytes. */
  interface Writing {
    void to(OutputStream out) throws IOException;
  }

  private Deflated() {}

  static byte[] bytes(Writing writing) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DeflaterOutputStream out = new DeflaterOutputStream(packed, deflater)) {
      writing.to(out);
    } finally {
      deflater.end();
    }
    return packed.toByteArray();
  }

  static InputStream inflating(byte[] packed) {
    return new InflaterInputStream(new ByteArrayInputStream(packed));
  }
}
