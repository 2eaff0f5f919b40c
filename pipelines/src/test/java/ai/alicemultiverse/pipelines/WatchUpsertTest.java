package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.WatchUpsert;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a watch's batches do to the cache rows, as the rebuild would merge the same sightings:
 * copies of one media become one asset with every location, the newest metadata wins (higher
 * metadata_version, then later processed_at), copies that disagree are flagged, the winning copy's
 * standard values are the asset's, and an asset leaves with its last copy.
 */
class WatchUpsertTest {
  @TempDir Path work;
  Path cache;
  WatchUpsert writer;
  MediaRecord neon;
  MediaRecord pattern;

  @BeforeEach
  void setUp() throws Exception {
    cache = work.resolve("alice.duckdb");
    writer = new WatchUpsert(cache);
    writer.ensureCache(List.of(work.toString()));
    neon = WatchPipelineTest.record(Samples.dir().resolve("renders/neon-alley.png"));
    pattern = WatchPipelineTest.record(Samples.dir().resolve("inbox/pattern.png"));
    assertThat(neon.metadataJson()).isNotNull();
  }

  @Test
  void copiesBecomeOneAssetAndTheNewestMetadataWins() throws Exception {
    MediaRecord newer = copy(neon, "/b/neon.png", m -> m.toBuilder().description("newer words").metadataVersion(2).build());
    MediaRecord older = copy(neon, "/c/neon.png", m -> m.toBuilder().description("older words").build());
    writer.write(List.of(neon, newer), List.of());
    writer.write(List.of(older), List.of());

    assertThat(row("SELECT location_count, len(locations), metadata_version, description, metadata_conflict"
        + " FROM assets WHERE content_hash = '" + neon.contentHash() + "'"))
        .containsExactly("3", "3", "2", "newer words", "true");
    assertThat(CacheRows.query(cache, "SELECT path FROM locations WHERE content_hash = '" + neon.contentHash()
        + "' ORDER BY path")).containsExactly(List.of("/b/neon.png"), List.of("/c/neon.png"), List.of(neon.path()));
    assertThat(searched("newer")).containsExactly(neon.contentHash());
    assertThat(searched("older")).isEmpty();
  }

  @Test
  void sameVersionLaterProcessedAtWinsAndEqualCopiesAreNoConflict() throws Exception {
    MediaRecord same = copy(neon, "/b/neon.png", m -> m);
    writer.write(List.of(neon, same), List.of());
    assertThat(row("SELECT metadata_conflict FROM assets")).containsExactly("false");

    MediaRecord later = copy(neon, "/c/neon.png",
        m -> m.toBuilder().description("processed again").processedAt("2099-01-01T00:00:00Z").build());
    writer.write(List.of(later), List.of());
    assertThat(row("SELECT description, metadata_conflict, location_count FROM assets"))
        .containsExactly("processed again", "true", "3");
  }

  @Test
  void tagsFollowTheWinningMetadata() throws Exception {
    MediaRecord retagged = copy(neon, "/b/neon.png",
        m -> m.toBuilder().metadataVersion(5).build().withTag("mood", "wistful"));
    writer.write(List.of(neon), List.of());
    long before = Long.parseLong(row("SELECT count(*) FROM tags").get(0));
    writer.write(List.of(retagged), List.of());
    assertThat(CacheRows.query(cache, "SELECT value FROM tags WHERE category = 'mood' ORDER BY value"))
        .contains(List.of("wistful"));
    assertThat(Long.parseLong(row("SELECT count(*) FROM tags").get(0))).isEqualTo(before + 1);
    assertThat(searchedTag("mood:wistful")).containsExactly(neon.contentHash());
  }

  @Test
  void aPathNowHoldingOtherMediaTakesItsLastCopyAwayWithTheAsset() throws Exception {
    writer.write(List.of(neon, pattern), List.of());
    // the file at neon's path was replaced by other media
    MediaRecord replaced = copy(pattern, neon.path(), m -> m);
    writer.write(List.of(replaced), List.of());
    assertThat(CacheRows.query(cache, "SELECT content_hash, location_count FROM assets"))
        .containsExactly(List.of(pattern.contentHash(), "2"));
    assertThat(row("SELECT count(*) FROM tags WHERE content_hash = '" + neon.contentHash() + "'")).containsExactly("0");
    assertThat(searched("neon")).isEmpty();
  }

  @Test
  void anUnreadableFileIsAnErrorAndNoLongerACopy() throws Exception {
    MediaRecord second = copy(neon, "/b/neon.png", m -> m);
    writer.write(List.of(neon, second), List.of());
    writer.write(List.of(), List.of(new FileError("/b/neon.png", "extract", "truncated", "2026-01-01T00:00:00Z")));
    assertThat(row("SELECT location_count, locations[1].path FROM assets")).containsExactly("1", neon.path());
    assertThat(CacheRows.query(cache, "SELECT path, reason FROM errors"))
        .containsExactly(List.of("/b/neon.png", "truncated"));
    // readable again: the error goes, the copy comes back
    writer.write(List.of(second), List.of());
    assertThat(row("SELECT count(*) FROM errors")).containsExactly("0");
    assertThat(row("SELECT location_count FROM assets")).containsExactly("2");
  }

  @Test
  void theWinningCopysStandardValuesAreTheAssets() throws Exception {
    StandardMetadata s = neon.standard();
    MediaRecord sameButOlderFile = copy(neon, "/b/neon.png", m -> m);
    MediaRecord noWidth = withStandard(new MediaRecord(sameButOlderFile.contentHash(), sameButOlderFile.path(), "local",
        neon.format(), neon.mediaType(), neon.mime(), neon.sizeBytes(), neon.lastModifiedMillis() - 1_000,
        neon.hashSource(), sameButOlderFile.metadataJson(), sameButOlderFile.metadataVersion(),
        sameButOlderFile.processedAt(), neon.lastVerified()), new StandardMetadata(s.mime(), null, null,
        null, null, null, null, null, "a camera", null, null, null, null));
    MediaRecord wider = withStandard(copy(neon, "/c/neon.png", m -> m.toBuilder().metadataVersion(7).build()),
        new StandardMetadata(s.mime(), 4000, 3000, null, null, null, null, null, null, null, null, null, null));
    writer.write(List.of(neon), List.of());
    // same metadata, older file: it loses, as in a rebuild, and adds nothing
    writer.write(List.of(noWidth), List.of());
    assertThat(row("SELECT width, camera FROM assets")).containsExactly(String.valueOf(s.width()), s.camera());
    writer.write(List.of(wider), List.of());
    assertThat(row("SELECT width, height, camera FROM assets")).containsExactly("4000", "3000", null);
    assertThat(row("SELECT width FROM search_assets")).containsExactly("4000");
  }

  @Test
  void aNewAssetWithoutMetadataIsFoundByType() throws Exception {
    MediaRecord bare = new MediaRecord("sha256:" + "ab".repeat(32), "/x/bare.png", "local", "png", "image",
        "image/png", 10, 0, "computed", null, null, null, "2026-01-01T00:00:00Z", pattern.standard());
    writer.write(List.of(bare), List.of());
    assertThat(row("SELECT media_type, metadata_version, metadata_conflict, location_count, width FROM assets"))
        .containsExactly("image", null, "false", "1", String.valueOf(pattern.standard().width()));
    assertThat(row("SELECT count(*) FROM tags")).containsExactly("0");
  }

  private List<String> row(String sql) throws Exception {
    List<List<String>> rows = CacheRows.query(cache, sql);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private List<String> searched(String text) throws Exception {
    try (var search = ai.alicemultiverse.search.CacheSearch.open(cache)) {
      return search.search(ai.alicemultiverse.search.SearchQuery.builder().text(text).build()).hits().stream()
          .map(h -> h.contentHash()).toList();
    }
  }

  private List<String> searchedTag(String tag) throws Exception {
    try (var search = ai.alicemultiverse.search.CacheSearch.open(cache)) {
      return search.search(ai.alicemultiverse.search.SearchQuery.builder().tag(tag).build()).hits().stream()
          .map(h -> h.contentHash()).toList();
    }
  }

  /** The same media seen at {@code path}, with its metadata changed by {@code change}. */
  private static MediaRecord copy(MediaRecord r, String path, UnaryOperator<AliceMetadata> change) {
    AliceMetadata m = r.metadataJson() == null ? null : change.apply(AliceMetadata.fromJson(r.metadataJson()));
    return new MediaRecord(r.contentHash(), path, r.storageType(), r.format(), r.mediaType(), r.mime(), r.sizeBytes(),
        r.lastModifiedMillis(), r.hashSource(), m == null ? null : m.toJson(), m == null ? null : m.metadataVersion(),
        m == null ? null : m.processedAt(), r.lastVerified(), r.standard());
  }

  private static MediaRecord withStandard(MediaRecord r, StandardMetadata standard) {
    return new MediaRecord(r.contentHash(), r.path(), r.storageType(), r.format(), r.mediaType(), r.mime(),
        r.sizeBytes(), r.lastModifiedMillis(), r.hashSource(), r.metadataJson(), r.metadataVersion(), r.processedAt(),
        r.lastVerified(), standard);
  }
}
