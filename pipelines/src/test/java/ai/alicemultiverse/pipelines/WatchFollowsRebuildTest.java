package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.WatchUpsert;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch's batches leave each asset as the rebuild would merge the same copies ({@link
 * AssetMerge}): the same winner on every tie-break, the same size and standard values, the same
 * conflict test, whatever the batches and their order.
 */
class WatchFollowsRebuildTest {
  @TempDir Path work;
  Path cache;
  WatchUpsert writer;
  MediaRecord neon;

  @BeforeEach
  void setUp() throws Exception {
    cache = work.resolve("alice.duckdb");
    writer = new WatchUpsert(cache);
    writer.ensureCache(List.of(work.toString()));
    neon = WatchPipelineTest.record(Samples.dir().resolve("renders/neon-alley.png"));
    assertThat(neon.metadataJson()).isNotNull();
  }

  @Test
  void onATieOfVersionAndProcessedAtTheLaterFileWinsInOneBatch() throws Exception {
    MediaRecord newerFile = copy("/a/neon.png", 2_000, 100, m -> m.toBuilder().description("newer file").build());
    MediaRecord olderFile = copy("/b/neon.png", 1_000, 200, m -> m.toBuilder().description("older file").build());
    writer.write(List.of(newerFile, olderFile), List.of());
    assertMatchesRebuild(newerFile, olderFile);
    assertThat(description()).isEqualTo("newer file");
  }

  @Test
  void onATieOfVersionAndProcessedAtTheLaterFileWinsAcrossBatches() throws Exception {
    MediaRecord newerFile = copy("/a/neon.png", 2_000, 100, m -> m.toBuilder().description("newer file").build());
    MediaRecord olderFile = copy("/b/neon.png", 1_000, 200, m -> m.toBuilder().description("older file").build());
    writer.write(List.of(newerFile), List.of());
    writer.write(List.of(olderFile), List.of());
    assertMatchesRebuild(newerFile, olderFile);

    MediaRecord greaterPath = copy("/c/neon.png", 2_000, 300, m -> m.toBuilder().description("greater path").build());
    writer.write(List.of(greaterPath), List.of());
    assertMatchesRebuild(newerFile, olderFile, greaterPath);
    assertThat(description()).isEqualTo("greater path");
  }

  @Test
  void aCopyWithoutMetadataDisagreesWithOneThatHasIt() throws Exception {
    MediaRecord bare = bare("/z/neon.png", 9_000, 100);
    MediaRecord tagged = copy("/a/neon.png", 1_000, 250, m -> m);
    writer.write(List.of(bare), List.of());
    writer.write(List.of(tagged), List.of());
    assertMatchesRebuild(bare, tagged);
    assertThat(CacheRows.single(cache, "SELECT size_bytes FROM assets")).isEqualTo("250");
  }

  @Test
  void aCopyWithoutMetadataArrivingLaterIsAConflictToo() throws Exception {
    MediaRecord tagged = copy("/a/neon.png", 1_000, 250, m -> m);
    MediaRecord bare = bare("/z/neon.png", 9_000, 100);
    writer.write(List.of(tagged), List.of());
    writer.write(List.of(bare), List.of());
    assertMatchesRebuild(tagged, bare);
  }

  @Test
  void equalCopiesInSeparateBatchesAreNoConflict() throws Exception {
    MediaRecord first = copy("/a/neon.png", 1_000, 250, m -> m);
    MediaRecord second = copy("/b/neon.png", 2_000, 250, m -> m);
    writer.write(List.of(first), List.of());
    writer.write(List.of(second), List.of());
    assertMatchesRebuild(first, second);
    assertThat(CacheRows.single(cache, "SELECT metadata_conflict FROM assets")).isEqualTo("false");
  }

  @Test
  void theWinnersStandardValuesAreTheAssets() throws Exception {
    MediaRecord winner = withStandard(copy("/a/neon.png", 2_000, 100, m -> m.toBuilder().metadataVersion(3).build()),
        standard(null, "winner camera"));
    MediaRecord loser = withStandard(copy("/b/neon.png", 1_000, 100, m -> m), standard(4000, null));
    writer.write(List.of(winner), List.of());
    writer.write(List.of(loser), List.of());
    assertMatchesRebuild(winner, loser);
  }

  @Test
  void withoutTheWinnersStandardValuesTheFirstCopyInPathOrderGivesThem() throws Exception {
    MediaRecord later = withStandard(copy("/b/neon.png", 2_000, 100, m -> m), standard(4000, null));
    MediaRecord earlierPath = withStandard(copy("/a/neon.png", 1_000, 100, m -> m), standard(3000, null));
    MediaRecord winner = withStandard(copy("/c/neon.png", 1_000, 100, m -> m.toBuilder().metadataVersion(3).build()),
        null);
    writer.write(List.of(later), List.of());
    writer.write(List.of(earlierPath), List.of());
    writer.write(List.of(winner), List.of());
    assertMatchesRebuild(later, earlierPath, winner);
    assertThat(CacheRows.single(cache, "SELECT width FROM assets")).isEqualTo("3000");
  }

  @Test
  void aCopyLeavingLeavesTheAssetAsTheRemainingCopiesMakeIt() throws Exception {
    MediaRecord winner = copy("/a/neon.png", 2_000, 300, m -> m.toBuilder().metadataVersion(3).description("w").build());
    MediaRecord other = copy("/b/neon.png", 1_000, 100, m -> m.toBuilder().description("other").build());
    writer.write(List.of(winner, other), List.of());
    assertMatchesRebuild(winner, other);
    writer.write(List.of(), List.of(new ai.alicemultiverse.model.FileError(winner.path(), "read", "gone",
        neon.lastVerified())));
    assertMatchesRebuild(other);
    assertThat(description()).isEqualTo("other");
  }

  /** The asset row has what {@link AssetMerge} makes of {@code copies}, as the rebuild would load it. */
  private void assertMatchesRebuild(MediaRecord... copies) throws Exception {
    AssetRecord rebuilt = AssetMerge.merge(neon.contentHash(), Arrays.asList(copies));
    StandardMetadata s = rebuilt.standard();
    List<String> expected = new ArrayList<>(Arrays.asList(String.valueOf(rebuilt.sizeBytes()), rebuilt.mime(),
        rebuilt.format(), String.valueOf(rebuilt.metadataVersion()),
        rebuilt.metadataJson() == null ? null : AliceMetadata.fromJson(rebuilt.metadataJson()).description(),
        String.valueOf(rebuilt.metadataConflict()), String.valueOf(copies.length),
        s == null || s.width() == null ? null : String.valueOf(s.width()), s == null ? null : s.camera()));
    List<List<String>> rows = CacheRows.query(cache, "SELECT size_bytes, mime, format, metadata_version, description,"
        + " metadata_conflict, location_count, width, camera FROM assets");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).as("size, mime, format, version, description, conflict, copies, width, camera")
        .isEqualTo(expected);
  }

  private String description() throws Exception {
    return CacheRows.single(cache, "SELECT description FROM assets");
  }

  /** The same media at {@code path}, with its own mtime and size and its metadata changed by {@code change}. */
  private MediaRecord copy(String path, long mtime, long size, UnaryOperator<AliceMetadata> change) {
    AliceMetadata m = change.apply(AliceMetadata.fromJson(neon.metadataJson()));
    return new MediaRecord(neon.contentHash(), path, "local", neon.format(), neon.mediaType(), neon.mime(), size, mtime,
        neon.hashSource(), m.toJson(), m.metadataVersion(), m.processedAt(), neon.lastVerified(), neon.standard());
  }

  private MediaRecord bare(String path, long mtime, long size) {
    return new MediaRecord(neon.contentHash(), path, "local", neon.format(), neon.mediaType(), neon.mime(), size, mtime,
        neon.hashSource(), null, null, null, neon.lastVerified(), neon.standard());
  }

  private static MediaRecord withStandard(MediaRecord r, StandardMetadata standard) {
    return new MediaRecord(r.contentHash(), r.path(), r.storageType(), r.format(), r.mediaType(), r.mime(),
        r.sizeBytes(), r.lastModifiedMillis(), r.hashSource(), r.metadataJson(), r.metadataVersion(), r.processedAt(),
        r.lastVerified(), standard);
  }

  private StandardMetadata standard(Integer width, String camera) {
    return new StandardMetadata(neon.mime(), width, null, null, null, null, null, null, camera, null, null, null, null);
  }
}
