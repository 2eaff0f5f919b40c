package ai.alicemultiverse.beam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Records as the DirectRunner's merge shuffle holds them: encoded with {@link RecordCoders} and
 * deflated. That runner keeps a shuffle in memory until it ends, so a record's size there is the
 * rebuild's heap per file; the JSON that makes up most of a record deflates to a fraction of
 * itself at the fastest level for a few microseconds.
 */
final class PackedRecords {
  private PackedRecords() {}

  static byte[] pack(MediaRecord record) {
    try {
      byte[] encoded = CoderUtils.encodeToByteArray(RecordCoders.mediaRecord(), record);
      ByteArrayOutputStream packed = new ByteArrayOutputStream(encoded.length / 3 + 16);
      Deflater deflater = new Deflater(Deflater.BEST_SPEED);
      try (DeflaterOutputStream out = new DeflaterOutputStream(packed, deflater)) {
        out.write(encoded);
      } finally {
        deflater.end();
      }
      return packed.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot pack the record of " + record.path(), e);
    }
  }

  static MediaRecord unpack(byte[] packed) {
    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(packed))) {
      return CoderUtils.decodeFromByteArray(RecordCoders.mediaRecord(), in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack a record this pipeline packed", e);
    }
  }
}
