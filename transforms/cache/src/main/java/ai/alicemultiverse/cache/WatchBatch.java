package ai.alicemultiverse.cache;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch of a watch's sightings does to the assets it touches, decided in memory: the
 * sightings are applied one by one in path order, then the errors, exactly as the rows would
 * change if each were written on its own, so that {@link WatchUpsert} can then write the end
 * state with a few set-based statements instead of several table scans per file.
 *
 * <p>The rules are the rebuild's ({@link AssetMerge}): a path belongs to the media it holds now;
 * copies of one media are one asset; the newest copy wins with every tie-break of the rebuild and
 * gives the asset its metadata, format, MIME type, size and standard values; copies that disagree
 * (a copy without metadata included) flag the asset; an asset leaves with its last copy (and one
 * that comes back in the same batch starts afresh). The cache keeps one metadata per asset, so a
 * copy that leaves while others stay leaves the winner and the flag as they were.
 */
final class WatchBatch {
  /**
   * What the merge rules read of an asset's row before the batch.
   *
   * @param newest the copy whose metadata the asset carries, as the rebuild would have picked it
   * @param hasStandard whether the asset has standard values already
   */
  record Current(MediaRecord newest, boolean conflict, int locations, boolean hasStandard) {}

  /** The end state of one touched asset. */
  static final class Asset {
    final String contentHash;
    boolean exists;
    /** Must be inserted: new, or gone and back within the batch. */
    boolean fresh;
    int locations;
    /** The copy that wins, from the cache or the batch. */
    MediaRecord newest;
    /** The batch replaced the winner: its format, MIME type, size and metadata are to be written. */
    boolean newestChanged;
    boolean conflict;
    /** The standard values the batch gives the asset; null leaves them as they are. */
    StandardMetadata standard;
    boolean hasStandard;

    Asset(String contentHash) {
      this.contentHash = contentHash;
    }

    /** The sighting whose metadata the asset now carries, when the batch replaced it. */
    MediaRecord metadataFrom() {
      return newestChanged && newest.metadataJson() != null ? newest : null;
    }
  }
  final Map<String, Asset> assets = new TreeMap<>();
  /** The location each path holds at the end of the batch (paths of errors hold none). */
  final Map<String, MediaRecord> locations = new LinkedHashMap<>();

  private final Map<String, String> heldAt;

  private WatchBatch(Map<String, String> heldAt) {
    this.heldAt = new HashMap<>(heldAt);
  }

  /**
   * @param records the batch's sightings, in path order
   * @param heldAt the content hash each of the batch's paths holds in the cache now
   * @param current the rows of the assets those paths and sightings name, as the cache has them
   */
  static WatchBatch decide(List<MediaRecord> records, List<FileError> errors, Map<String, String> heldAt,
      Map<String, Current> current) {
    WatchBatch batch = new WatchBatch(heldAt);
    for (MediaRecord r : records) {
      batch.removeLocation(r.path(), current);
      batch.addLocation(r, current);
    }
    for (FileError e : errors) {
      batch.removeLocation(e.path(), current); // the file at this path is no longer a readable asset
    }
    return batch;
  }

  private Asset asset(String hash, Map<String, Current> current) {
    return assets.computeIfAbsent(hash, h -> {
      Asset a = new Asset(h);
      Current c = current.get(h);
      if (c != null) {
        a.exists = true;
        a.locations = c.locations();
        a.newest = c.newest();
        a.conflict = c.conflict();
        a.hasStandard = c.hasStandard();
      }
      return a;
    });
  }

  private void removeLocation(String path, Map<String, Current> current) {
    locations.remove(path);
    String held = heldAt.remove(path);
    if (held == null) {
      return;
    }
    Asset a = asset(held, current);
    a.locations--;
    if (a.exists && a.locations <= 0) {
      // its last copy is gone from here: so is the asset
      a.exists = false;
      a.fresh = false;
      a.newest = null;
      a.newestChanged = false;
      a.conflict = false;
      a.standard = null;
      a.hasStandard = false;
      a.locations = 0;
    }
  }

  private void addLocation(MediaRecord r, Map<String, Current> current) {
    locations.put(r.path(), r);
    heldAt.put(r.path(), r.contentHash());
    Asset a = asset(r.contentHash(), current);
    if (!a.exists) {
      a.exists = true;
      a.fresh = true;
      a.locations = 1;
      a.conflict = false;
      a.newest = r;
      a.newestChanged = true;
      a.standard = r.standard();
      a.hasStandard = r.standard() != null;
      return;
    }
    a.locations++;
    if (!AssetMerge.sameMetadata(a.newest.metadataJson(), r.metadataJson())) {
      a.conflict = true;
    }
    boolean wins = AssetMerge.isNewer(r, a.newest);
    if (wins) {
      a.newest = r;
      a.newestChanged = true;
    }
    // the winner's standard values, else the first copy's that has any
    if (r.standard() != null && (wins || !a.hasStandard)) {
      a.standard = r.standard();
      a.hasStandard = true;
    }
  }

}
