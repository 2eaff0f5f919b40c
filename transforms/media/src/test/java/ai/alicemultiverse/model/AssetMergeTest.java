package ai.alicemultiverse.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.extract.StandardMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetMergeTest {
  static final String HASH = "sha256:" + "ab".repeat(32);

  static MediaRecord sighting(String path, String json, Integer version, String processedAt, long mtime,
      long size, StandardMetadata standard) {
    return new MediaRecord(HASH, path, "local", "png", "image", "image/png", size, mtime, "computed", json, version,
        processedAt, "2026-01-01T00:00:00Z", standard);
  }

  static StandardMetadata standard(String camera) {
    return new StandardMetadata("image/png", 4, 3, null, null, null, null, null, camera, null, null, null, null);
  }

  @Test
  void higherMetadataVersionWinsOverLaterProcessedAtAndMtime() {
    MediaRecord v2 = sighting("/a.png", "{\"v\":2}", 2, "2026-01-01T00:00:00Z", 1, 10, null);
    MediaRecord v1 = sighting("/b.png", "{\"v\":1}", 1, "2027-01-01T00:00:00Z", 9, 11, null);
    AssetRecord asset = AssetMerge.merge(HASH, List.of(v1, v2));
    assertThat(asset.metadataJson()).isEqualTo("{\"v\":2}");
    assertThat(asset.sizeBytes()).isEqualTo(10);
    assertThat(asset.metadataConflict()).isTrue();
    assertThat(asset.locations()).extracting(MediaRecord::path).containsExactly("/a.png", "/b.png");
  }

  @Test
  void anyMetadataWinsOverNone() {
    MediaRecord bare = sighting("/z.png", null, null, null, 99, 10, null);
    MediaRecord tagged = sighting("/a.png", "{}", null, null, 1, 20, null);
    assertThat(AssetMerge.isNewer(tagged, bare)).isTrue();
    AssetRecord asset = AssetMerge.merge(HASH, List.of(bare, tagged));
    assertThat(asset.sizeBytes()).isEqualTo(20);
    // a copy without metadata disagrees with one that has it
    assertThat(asset.metadataConflict()).isTrue();
  }

  @Test
  void tiesGoToTheLaterProcessedAtThenTheLaterMtimeThenTheGreaterPath() {
    MediaRecord early = sighting("/b.png", "{\"x\":1}", 1, "2026-01-01T00:00:00Z", 5, 1, null);
    MediaRecord late = sighting("/a.png", "{\"x\":2}", 1, "2026-06-01T00:00:00Z", 1, 2, null);
    assertThat(AssetMerge.isNewer(late, early)).isTrue();

    MediaRecord olderFile = sighting("/z.png", "{}", 1, "2026-01-01T00:00:00Z", 1, 1, null);
    MediaRecord newerFile = sighting("/a.png", "{}", 1, "2026-01-01T00:00:00Z", 2, 2, null);
    assertThat(AssetMerge.isNewer(newerFile, olderFile)).isTrue();

    MediaRecord a = sighting("/a.png", "{}", 1, "2026-01-01T00:00:00Z", 1, 1, null);
    MediaRecord b = sighting("/b.png", "{}", 1, "2026-01-01T00:00:00Z", 1, 2, null);
    assertThat(AssetMerge.isNewer(b, a)).isTrue();
    assertThat(AssetMerge.isNewer(a, b)).isFalse();
    assertThat(AssetMerge.isNewer(a, a)).isFalse();
    AssetRecord asset = AssetMerge.merge(HASH, List.of(b, a));
    assertThat(asset.sizeBytes()).isEqualTo(2);
    assertThat(asset.metadataConflict()).isFalse();
  }

  @Test
  void theOrderOfTheSightingsDoesNotMatter() {
    MediaRecord a = sighting("/a.png", "{\"x\":1}", 1, "2026-01-01T00:00:00Z", 3, 1, standard("a"));
    MediaRecord b = sighting("/b.png", "{\"x\":2}", 1, "2026-01-01T00:00:00Z", 3, 2, standard("b"));
    MediaRecord c = sighting("/c.png", null, null, null, 7, 3, standard("c"));
    assertThat(AssetMerge.merge(HASH, List.of(a, b, c))).isEqualTo(AssetMerge.merge(HASH, List.of(c, b, a)));
  }

  @Test
  void sameMetadataTreatsNoneAsAValueOfItsOwn() {
    assertThat(AssetMerge.sameMetadata(null, null)).isTrue();
    assertThat(AssetMerge.sameMetadata("{}", "{}")).isTrue();
    assertThat(AssetMerge.sameMetadata(null, "{}")).isFalse();
    assertThat(AssetMerge.sameMetadata("{\"a\":1}", "{\"a\":2}")).isFalse();
  }

  @Test
  void standardValuesAreTheNewestsElseTheFirstCopyThatHasAny() {
    MediaRecord newestWithout = sighting("/c.png", "{}", 2, null, 1, 1, null);
    MediaRecord b = sighting("/b.png", null, null, null, 1, 1, standard("b"));
    MediaRecord a = sighting("/a.png", null, null, null, 1, 1, standard("a"));
    assertThat(AssetMerge.merge(HASH, List.of(newestWithout, b, a)).standard()).isEqualTo(standard("a"));
    MediaRecord newestWith = sighting("/d.png", "{}", 3, null, 1, 1, standard("d"));
    assertThat(AssetMerge.merge(HASH, List.of(newestWith, b, a)).standard()).isEqualTo(standard("d"));
  }
}
