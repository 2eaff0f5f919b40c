package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.extract.TikaExtractor;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.model.MediaRecord;
import java.nio.file.Path;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** What the DirectRunner's merge shuffle holds per file. */
class PackedRecordsTest {
  @Test
  void aRealRecordComesBackEqualAndTakesLessThanHalfTheBytes() throws Exception {
    // a generated image as alice writes it: understanding, generation, provider outputs
    MediaRecord record = recordOf(Path.of(System.getProperty("alice.samples"), "renders", "neon-alley.png"));
    assertThat(record.metadataJson()).contains("\"generation\"", "\"understanding\"");

    byte[] packed = PackedRecords.pack(record);

    assertThat(PackedRecords.unpack(packed)).isEqualTo(record);
    assertThat(packed.length).isLessThan(CoderUtils.encodeToByteArray(RecordCoders.mediaRecord(), record).length / 2);
  }

  private static MediaRecord recordOf(Path file) throws Exception {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, false);
      return new MediaRecord(seen.contentHash(), file.toString(), "local", "png", "image", "image/png",
          source.size(), 0L, "embedded", seen.metadata().toJson(), seen.metadata().metadataVersion(),
          seen.metadata().processedAt(), "2026-11-26T00:00:00Z",
          TikaExtractor.extract(source, seen.format()).metadata());
    }
  }
}
