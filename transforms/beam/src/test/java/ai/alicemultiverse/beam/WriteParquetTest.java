package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet sink's shards read back with Beam's own ParquetIO: every row, every field that matters. */
class WriteParquetTest {
  @TempDir Path work;

  @Test
  void assetShardsReadBackWithParquetIo() {
    String json = AliceMetadata.builder().description("a neon alley").build().withTag("mood", "wistful").toJson();
    MediaRecord tagged = new MediaRecord("sha256:" + "aa".repeat(32), "/x/a.png", "local", "png", "image", "image/png",
        20, 1_000, "embedded", json, 1, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", RecordCodersTest.FULL);
    MediaRecord bare = new MediaRecord("sha256:" + "bb".repeat(32), "/y/b.wav", "local", "wav", "audio", "audio/wav",
        30, 2_000, "computed", null, null, null, "2026-02-01T00:00:00Z", null);
    List<AssetRecord> assets = List.of(
        MergeByContentHash.merge(tagged.contentHash(), List.of(tagged)),
        MergeByContentHash.merge(bare.contentHash(), List.of(bare)));

    TestPipeline write = pipeline();
    write.apply(Create.of(assets).withCoder(RecordCoders.assetRecord()))
        .apply(WriteParquet.assets(work.resolve("assets").toString()));
    write.run().waitUntilFinish();

    TestPipeline read = pipeline();
    PCollection<String> rows = read
        .apply(ParquetIO.read(ParquetSchemas.ASSET).from(work.resolve("assets").resolve("assets-*.parquet").toString()))
        .apply(MapElements.into(TypeDescriptors.strings()).via(WriteParquetTest::summary));
    PAssert.that(rows).containsInAnyOrder(
        "sha256:" + "aa".repeat(32) + "|image|png|image/png|20|a neon alley|1|" + json
            + "|false|1920|avc1|/x/a.png:1000:true|mood=wistful",
        "sha256:" + "bb".repeat(32) + "|audio|wav|audio/wav|30|null|null|null|false|null|null|/y/b.wav:2000:false|");
    read.run().waitUntilFinish();
  }

  @Test
  void errorShardsReadBackWithParquetIo() {
    FileError error = new FileError("/x/broken.jpg", "extract", "truncated", "2026-01-01T00:00:00Z");
    TestPipeline write = pipeline();
    write.apply(Create.of(error).withCoder(RecordCoders.fileError()))
        .apply(WriteParquet.errors(work.resolve("errors").toString()));
    write.run().waitUntilFinish();

    TestPipeline read = pipeline();
    PCollection<String> rows = read
        .apply(ParquetIO.read(ParquetSchemas.ERROR).from(work.resolve("errors").resolve("errors-*.parquet").toString()))
        .apply(MapElements.into(TypeDescriptors.strings())
            .via(r -> r.get("path") + "|" + r.get("stage") + "|" + r.get("reason") + "|" + r.get("seen_at")));
    PAssert.that(rows).containsInAnyOrder("/x/broken.jpg|extract|truncated|2026-01-01T00:00:00Z");
    read.run().waitUntilFinish();
  }

  private static String summary(GenericRecord r) {
    String locations = ((List<?>) r.get("locations")).stream().map(o -> (GenericRecord) o)
        .map(l -> l.get("path") + ":" + l.get("last_modified_ms") + ":" + l.get("has_metadata"))
        .collect(Collectors.joining(","));
    String tags = ((List<?>) r.get("tags")).stream().map(o -> (GenericRecord) o)
        .map(t -> t.get("category") + "=" + t.get("value")).collect(Collectors.joining(","));
    return String.join("|", List.of(String.valueOf(r.get("content_hash")), String.valueOf(r.get("media_type")),
        String.valueOf(r.get("format")), String.valueOf(r.get("mime")), String.valueOf(r.get("size_bytes")),
        String.valueOf(r.get("description")), String.valueOf(r.get("metadata_version")),
        String.valueOf(r.get("metadata_json")), String.valueOf(r.get("metadata_conflict")),
        String.valueOf(r.get("width")), String.valueOf(r.get("video_codec")), locations, tags));
  }

  private static TestPipeline pipeline() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline.getOptions().setRunner(DirectRunner.class);
    return pipeline;
  }
}
