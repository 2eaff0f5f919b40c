package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.MediaRecord;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Records as the DirectRunner's merge shuffle holds them: encoded with {@link RecordCoders} and
 * {@link Deflated}. That runner keeps a shuffle in memory until it ends, so a record's size there
 * is the rebuild's heap per file.
 */
final class PackedRecords {
  private PackedRecords() {}

  static byte[] pack(MediaRecord record) {
    try {
      return Deflated.bytes(out -> out.write(CoderUtils.encodeToByteArray(RecordCoders.mediaRecord(), record)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot pack the record of " + record.path(), e);
    }
  }

  static MediaRecord unpack(byte[] packed) {
    try (InputStream in = Deflated.inflating(packed)) {
      return CoderUtils.decodeFromByteArray(RecordCoders.mediaRecord(), in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack a record this pipeline packed", e);
    }
  }
}
