package ai.alicemultiverse.cache;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one batch of a watch's sightings does to the assets it touches, decided in memory: the
 * sightings are applied one by one in path order, then the errors, exactly as the rows would
 * change if each were written on its own, so that {@link WatchUpsert} can then write the end
 * state with a few set-based statements instead of several table scans per file.
 *
 * <p>The rules are the rebuild's: a path belongs to the media it holds now; copies of one media
 * are one asset; the newest metadata wins (higher metadata_version, then later processed_at) and
 * copies that disagree flag the asset; the latest sighting's standard values fill in; an asset
 * leaves with its last copy (and one that comes back in the same batch starts afresh).
 */
final class WatchBatch {
  /** What the merge rules read of an asset's row before the batch. */
  record Current(String metadataJson, Integer metadataVersion, String processedAt, boolean conflict, int locations) {}

  /** The end state of one touched asset. */
  static final class Asset {
    final String contentHash;
    boolean exists;
    /** Must be inserted: new, or gone and back within the batch. */
    boolean fresh;
    int locations;
    /** The sighting that made it, when fresh: its media type, format, MIME type and size. */
    MediaRecord created;
    /** The sighting whose metadata it carries now, when the batch replaced it. */
    MediaRecord metadataFrom;
    String metadataJson;
    Integer metadataVersion;
    String processedAt;
    boolean conflict;
    /** The batch's standard values, latest first per field; null when no sighting had any. */
    StandardMetadata standard;

    Asset(String contentHash) {
      this.contentHash = contentHash;
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
        a.metadataJson = c.metadataJson();
        a.metadataVersion = c.metadataVersion();
        a.processedAt = c.processedAt();
        a.conflict = c.conflict();
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
      a.created = null;
      a.metadataFrom = null;
      a.metadataJson = null;
      a.metadataVersion = null;
      a.processedAt = null;
      a.conflict = false;
      a.standard = null;
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
      a.created = r;
      a.locations = 1;
      a.conflict = false;
      a.standard = r.standard();
      if (r.metadataJson() != null) {
        takeMetadata(a, r);
      }
      return;
    }
    a.locations++;
    a.standard = latest(r.standard(), a.standard);
    if (r.metadataJson() == null) {
      return;
    }
    if (a.metadataJson != null
        && !AliceMetadata.fromJson(a.metadataJson).equals(AliceMetadata.fromJson(r.metadataJson()))) {
      a.conflict = true;
    }
    if (a.metadataJson == null || isNewer(r, a)) {
      takeMetadata(a, r);
    }
  }

  private static void takeMetadata(Asset a, MediaRecord r) {
    a.metadataFrom = r;
    a.metadataJson = r.metadataJson();
    a.metadataVersion = r.metadataVersion();
    a.processedAt = r.processedAt();
  }

  private static boolean isNewer(MediaRecord r, Asset a) {
    int version = r.metadataVersion() == null ? -1 : r.metadataVersion();
    int currentVersion = a.metadataVersion == null ? -1 : a.metadataVersion;
    if (version != currentVersion) {
      return version > currentVersion;
    }
    return Objects.toString(r.processedAt(), "").compareTo(Objects.toString(a.processedAt, "")) >= 0;
  }

  /** Per field, the newer sighting's value when it has one, else the older's. */
  static StandardMetadata latest(StandardMetadata newer, StandardMetadata older) {
    if (newer == null || older == null) {
      return newer == null ? older : newer;
    }
    return new StandardMetadata(
        or(newer.mime(), older.mime()),
        or(newer.width(), older.width()),
        or(newer.height(), older.height()),
        or(newer.durationSeconds(), older.durationSeconds()),
        or(newer.videoCodec(), older.videoCodec()),
        or(newer.audioCodec(), older.audioCodec()),
        or(newer.sampleRate(), older.sampleRate()),
        or(newer.channels(), older.channels()),
        or(newer.camera(), older.camera()),
        or(newer.software(), older.software()),
        or(newer.createdAt(), older.createdAt()),
        or(newer.json(), older.json()),
        or(newer.note(), older.note()));
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
