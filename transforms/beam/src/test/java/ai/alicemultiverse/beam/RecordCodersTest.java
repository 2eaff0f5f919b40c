package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

/** Beam's coder properties for every hand-written coder: round trip, determinism, serializability. */
class RecordCodersTest {
  static final StandardMetadata FULL = new StandardMetadata("video/mp4", 1920, 1080, 12.5, "avc1", "mp4a", 48000, 2,
      "a camera", "a tool", "2026-01-01T00:00:00", "{\"k\":\"v\"}", "a note");
  static final StandardMetadata SPARSE =
      new StandardMetadata(null, null, null, null, null, null, null, null, null, null, null, null, null);
  static final MediaRecord FULL_RECORD = new MediaRecord("sha256:" + "ab".repeat(32), "/a/b é.mp4", "local", "mp4",
      "video", "video/mp4", 123_456_789_012L, -1L, "embedded", "{\"description\":\"ünïcode\"}", 3,
      "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", FULL);
  static final MediaRecord BARE_RECORD = new MediaRecord("sha256:" + "cd".repeat(32), "s3://bucket/x.png", "s3",
      "png", "image", "image/png", 0, 0, "computed", null, null, null, "2026-02-01T00:00:00Z", null);

  @Test
  void mediaRecords() throws Exception {
    for (MediaRecord r : List.of(FULL_RECORD, BARE_RECORD,
        new MediaRecord("h", "p", "local", "png", "image", "image/png", 1, 2, "computed", "{}", 0, "", "", SPARSE))) {
      holds(RecordCoders.mediaRecord(), r);
    }
  }

  @Test
  void assetRecords() throws Exception {
    holds(RecordCoders.assetRecord(), new AssetRecord(FULL_RECORD.contentHash(), "mp4", "video", "video/mp4", 9,
        FULL_RECORD.metadataJson(), 3, "2026-01-01T00:00:00Z", true, List.of(FULL_RECORD, BARE_RECORD), FULL));
    holds(RecordCoders.assetRecord(), new AssetRecord("h", "png", "image", "image/png", 0, null, null, null, false,
        List.of(), null));
  }

  @Test
  void standardMetadata() throws Exception {
    holds(RecordCoders.StandardCoder.NULLABLE, FULL);
    holds(RecordCoders.StandardCoder.NULLABLE, SPARSE);
    CoderProperties.coderDecodeEncodeEqual(RecordCoders.StandardCoder.NULLABLE, null);
  }

  @Test
  void fileErrors() throws Exception {
    holds(RecordCoders.fileError(), new FileError("/a/broken.jpg", "extract", "truncated: ünïcode", "2026-01-01T00:00:00Z"));
  }

  @Test
  void packedRecordsAndDeflatedBytesComeBackEqual() throws Exception {
    for (MediaRecord r : List.of(FULL_RECORD, BARE_RECORD)) {
      assertThat(PackedRecords.unpack(PackedRecords.pack(r))).isEqualTo(r);
    }
    byte[] empty = Deflated.bytes(out -> {});
    assertThat(Deflated.inflating(empty).readAllBytes()).isEmpty();
    byte[] large = new byte[1 << 20];
    new java.util.Random(7).nextBytes(large);
    assertThat(Deflated.inflating(Deflated.bytes(out -> out.write(large))).readAllBytes()).isEqualTo(large);
  }

  private static <T> void holds(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDeterministic(coder, value, value);
    CoderProperties.coderConsistentWithEquals(coder, value, value);
    CoderProperties.coderSerializable(coder);
    CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
  }
}
