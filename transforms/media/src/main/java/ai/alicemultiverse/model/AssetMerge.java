package ai.alicemultiverse.model;

import ai.alicemultiverse.extract.StandardMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one rule that turns the sightings of one media into its asset, shared by the rebuild (which
 * sees every copy at once) and the in-place updates (which see some copies now and the cache's row
 * for the others), so that the cache after any command equals what a rebuild would make.
 *
 * <ul>
 *   <li>The newest sighting wins ({@link #NEWEST_FIRST}): one with metadata over one without, then
 *       the higher metadata_version, then the later processed_at, then the later file mtime, then the
 *       greater path. Its metadata, format, media type, MIME type and size are the asset's.
 *   <li>Copies conflict when they do not all carry the same metadata ({@link #sameMetadata}); no
 *       metadata at all counts as a value of its own.
 *   <li>The standard values are the newest sighting's, else those of the first copy (path order)
 *       that has any.
 * </ul>
 */
public final class AssetMerge {
  private AssetMerge() {}

  /** Newest metadata first: see the class comment for the order of the tie-breaks. */
  public static final Comparator<MediaRecord> NEWEST_FIRST =
      Comparator.comparing((MediaRecord r) -> r.metadataJson() != null)
          .thenComparing(r -> r.metadataVersion() == null ? -1 : r.metadataVersion())
          .thenComparing(r -> r.processedAt() == null ? "" : r.processedAt())
          .thenComparingLong(MediaRecord::lastModifiedMillis)
          .thenComparing(MediaRecord::path)
          .reversed();

  /** Whether {@code candidate} wins over {@code current}. */
  public static boolean isNewer(MediaRecord candidate, MediaRecord current) {
    return NEWEST_FIRST.compare(candidate, current) < 0;
  }

  /** Whether two copies agree on their metadata (JSON as read from the files; null when none). */
  public static boolean sameMetadata(String metadataJson, String otherJson) {
    return metadataKey(metadataJson).equals(metadataKey(otherJson));
  }

  private static String metadataKey(String metadataJson) {
    return Objects.toString(metadataJson, "");
  }

  /**
   * Whether two copies' standard values are the same as the cache keeps them (every field but the
   * MIME type and the note, which are not kept); null when a copy has none.
   */
  public static boolean sameStandard(StandardMetadata a, StandardMetadata b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.width(), b.width()) && Objects.equals(a.height(), b.height())
        && Objects.equals(a.durationSeconds(), b.durationSeconds()) && Objects.equals(a.videoCodec(), b.videoCodec())
        && Objects.equals(a.audioCodec(), b.audioCodec()) && Objects.equals(a.sampleRate(), b.sampleRate())
        && Objects.equals(a.channels(), b.channels()) && Objects.equals(a.camera(), b.camera())
        && Objects.equals(a.software(), b.software()) && Objects.equals(a.createdAt(), b.createdAt())
        && Objects.equals(a.json(), b.json());
  }

  /** The standard values an asset shows: the newest sighting's, else any copy's that has them. */
  public static StandardMetadata standardOf(MediaRecord newest, List<MediaRecord> byPath) {
    if (newest.standard() != null) {
      return newest.standard();
    }
    return byPath.stream().map(MediaRecord::standard).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Every sighting of {@code contentHash} as one asset, its locations in path order. */
  public static AssetRecord merge(String contentHash, Iterable<MediaRecord> sightings) {
    List<MediaRecord> locations = new ArrayList<>();
    sightings.forEach(locations::add);
    locations.sort(Comparator.comparing(MediaRecord::path));
    MediaRecord newest = locations.stream().min(NEWEST_FIRST).orElseThrow();
    Set<String> distinctMetadata = new HashSet<>();
    for (MediaRecord r : locations) {
      distinctMetadata.add(metadataKey(r.metadataJson()));
    }
    return new AssetRecord(
        contentHash,
        newest.format(),
        newest.mediaType(),
        newest.mime(),
        newest.sizeBytes(),
        newest.metadataJson(),
        newest.metadataVersion(),
        newest.processedAt(),
        distinctMetadata.size() > 1,
        List.copyOf(locations),
        standardOf(newest, locations));
  }
}
