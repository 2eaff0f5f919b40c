package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's merge on the DirectRunner, in both of its shapes: buckets of hashes (what the
 * DirectRunner gets) and one key per hash (what a distributed runner gets) make the same assets.
 */
class MergeByContentHashTest {
  static final String A = "sha256:" + "aa".repeat(32);
  static final String B = "sha256:" + "bb".repeat(32);

  static MediaRecord sighting(String hash, String path, String json, Integer version, String processedAt, long mtime,
      long size) {
    return new MediaRecord(hash, path, "local", "png", "image", "image/png", size, mtime, "computed", json, version,
        processedAt, "2026-01-01T00:00:00Z",
        new StandardMetadata("image/png", 4, 3, null, null, null, null, null, path, null, null, null, null));
  }

  static final MediaRecord A_OLD = sighting(A, "/x/a.png", "{\"d\":\"old\"}", 1, "2026-01-01T00:00:00Z", 5, 10);
  static final MediaRecord A_NEW = sighting(A, "/y/a.png", "{\"d\":\"new\"}", 2, "2026-01-01T00:00:00Z", 1, 20);
  static final MediaRecord A_BARE = sighting(A, "/z/a.png", null, null, null, 9, 30);
  static final MediaRecord B_ONE = sighting(B, "/x/b.png", "{\"d\":\"b\"}", 1, "2026-01-01T00:00:00Z", 1, 40);
  static final MediaRecord B_TWO = sighting(B, "/y/b.png", "{\"d\":\"b\"}", 1, "2026-01-01T00:00:00Z", 2, 50);

  static final AssetRecord A_MERGED = new AssetRecord(A, "png", "image", "image/png", 20, "{\"d\":\"new\"}", 2,
      "2026-01-01T00:00:00Z", true, List.of(A_OLD, A_NEW, A_BARE), A_NEW.standard());
  static final AssetRecord B_MERGED = new AssetRecord(B, "png", "image", "image/png", 50, "{\"d\":\"b\"}", 1,
      "2026-01-01T00:00:00Z", false, List.of(B_ONE, B_TWO), B_TWO.standard());

  @Test
  void theNewestMetadataWinsAndDisagreeingCopiesConflictInBuckets() {
    TestPipeline pipeline = pipeline();
    PCollection<AssetRecord> assets = input(pipeline).apply(MergeByContentHash.create());
    assertThat(DirectRunnerBuckets.of(pipeline.getOptions())).as("the DirectRunner's bucket shape").isPositive();
    PAssert.that(assets).containsInAnyOrder(A_MERGED, B_MERGED);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void theNewestMetadataWinsAndDisagreeingCopiesConflictPerHash() {
    TestPipeline pipeline = pipeline();
    PCollection<AssetRecord> assets = input(pipeline).apply(MergeByContentHash.perHashKeys());
    PAssert.that(assets).containsInAnyOrder(A_MERGED, B_MERGED);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void bothShapesMakeTheSameAssetsFromManyHashes() {
    List<MediaRecord> records = new ArrayList<>();
    IntStream.range(0, 300).forEach(i -> {
      String hash = String.format("sha256:%064x", i);
      for (int copy = 0; copy <= i % 3; copy++) {
        records.add(sighting(hash, "/c" + copy + "/" + i + ".png", "{\"v\":" + (copy % 2) + "}", copy % 2 + 1,
            "2026-01-0" + (copy + 1) + "T00:00:00Z", copy, 100 + copy));
      }
    });
    List<AssetRecord> expected = new ArrayList<>();
    records.stream().collect(java.util.stream.Collectors.groupingBy(MediaRecord::contentHash))
        .forEach((hash, copies) -> expected.add(MergeByContentHash.merge(hash, copies)));

    TestPipeline pipeline = pipeline();
    PCollection<MediaRecord> input = pipeline.apply(Create.of(records).withCoder(RecordCoders.mediaRecord()));
    PAssert.that(input.apply("Buckets", MergeByContentHash.create())).containsInAnyOrder(expected);
    PAssert.that(input.apply("PerHash", MergeByContentHash.perHashKeys())).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  private static TestPipeline pipeline() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline.getOptions().setRunner(DirectRunner.class);
    return pipeline;
  }

  private static PCollection<MediaRecord> input(TestPipeline pipeline) {
    return pipeline.apply(Create.of(A_BARE, B_TWO, A_NEW, B_ONE, A_OLD).withCoder(RecordCoders.mediaRecord()));
  }
}
