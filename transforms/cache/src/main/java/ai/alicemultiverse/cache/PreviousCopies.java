package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The cache's present copies with everything their records hold, exported to one Parquet file for an
 * incremental run, which joins them with its listing inside the pipeline (beam's {@code ReuseUnchanged})
 * and reuses those whose change signature is unchanged. Only copies with a signature are exported: the
 * others are read again. A missing, unreadable or older cache exports nothing: the run is a full one, and
 * {@link Export#fullBecause} says why.
 */
public final class PreviousCopies {
  private PreviousCopies() {}

  /**
   * @param fullBecause why the run must read every file, or null when {@code copies} were exported
   * @param copies the copies exported
   */
  public record Export(String fullBecause, long copies) {
    public boolean incremental() {
      return fullBecause == null;
    }
  }

  /** Writes the copies of {@code cacheFile} to {@code target} (a local Parquet file). */
  public static Export export(Path cacheFile, Path target) throws IOException {
    return export(cacheFile, target, query());
  }

  /**
   * Writes every location of {@code cacheFile} to {@code target} (a local Parquet file) as an incremental
   * rebuild that changes the cache in place joins them with its listing (beam's {@code ListChanges}): path,
   * signature (null unless the location is present) and storage type. Three narrow columns: the records stay
   * in the cache, which keeps the rows of unchanged files where they are.
   */
  public static Export exportLocations(Path cacheFile, Path target) throws IOException {
    return export(cacheFile, target, "SELECT path, CASE WHEN state = 'present' THEN signature END AS signature,"
        + " storage_type FROM locations");
  }

  private static Export export(Path cacheFile, Path target, String query) throws IOException {
    Path cache = cacheFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(cache)) {
      return new Export("no cache yet", 0);
    }
    try (Connection db = CacheConnections.open(cache, true, Duration.ofSeconds(30));
        Statement sql = db.createStatement()) {
      if (!CacheSchema.isCurrent(sql)) {
        return new Export("the cache was made by an older version of alice", 0);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      sql.execute("COPY (" + query + ") TO '" + target.toAbsolutePath().toString().replace("'", "''")
          + "' (FORMAT PARQUET)");
      return new Export(null, SqlValues.single(sql, "SELECT count(*) FROM locations"
          + " WHERE state = 'present' AND signature IS NOT NULL"));
    } catch (SQLException e) {
      return new Export("the cache could not be read (" + e.getMessage() + ")", 0);
    }
  }

  /** One row per present copy as {@code ReuseUnchanged} reads it: the copy's own metadata and standard values. */
  private static String query() {
    return "SELECT path, signature, content_hash, storage_type, format, media_type, mime, size_bytes,"
        + " epoch_ms(last_modified) AS last_modified_ms, hash_source,"
        + " CASE WHEN has_metadata THEN coalesce(metadata, asset_metadata)::VARCHAR END AS metadata_json,"
        + " metadata_version, processed_at, last_verified::VARCHAR AS last_verified, has_standard,"
        + " s.width AS width, s.height AS height, s.duration_seconds AS duration_seconds,"
        + " s.video_codec AS video_codec, s.audio_codec AS audio_codec, s.sample_rate AS sample_rate,"
        + " s.channels AS channels, s.camera AS camera, s.software AS software,"
        + " s.created_at::VARCHAR AS created_at, s.json::VARCHAR AS standard_json"
        + " FROM (SELECT l.*, a.metadata AS asset_metadata, CASE WHEN l.has_standard THEN coalesce(l.standard, "
        + AssetRecompute.assetStandard("a") + ") END AS s FROM locations l LEFT JOIN assets a USING (content_hash)"
        + "   WHERE l.state = 'present' AND l.signature IS NOT NULL)";
  }
}
