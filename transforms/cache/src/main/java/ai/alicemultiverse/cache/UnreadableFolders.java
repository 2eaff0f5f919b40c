package ai.alicemultiverse.cache;

import ai.alicemultiverse.model.FileError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a rebuild keeps of the cache it replaces under the folders it could not read (its error rows of
 * stage {@link FileError#LIST}): the rebuild saw nothing there, which does not make those files gone.
 * Their locations are copied as the old cache last saw them (with their old {@code last_verified}),
 * with the assets and tags the new cache lacks, and each affected asset's location list is made again
 * from the {@code locations} table: the cache is then what the rebuild would have built had the folder
 * been readable as it was last seen.
 */
final class UnreadableFolders {
  /** Whether a location's path is at or under one of the unreadable paths. */
  private static final String UNDER_UNREADABLE = "EXISTS (SELECT 1 FROM errors e WHERE e.stage = '"
      + FileError.LIST + "' AND (l.path = e.path OR starts_with(l.path, e.path || '/')))";

  private UnreadableFolders() {}

  /**
   * Copies from {@code previous} (the cache being replaced, attached read-only) the locations under
   * the folders in this cache's {@code errors} that could not be listed. Call it after the new rows
   * and errors are loaded and before the search tables are built.
   *
   * @return whether any location was kept (the copied assets then have no ready-made term lists)
   */
  static boolean keepPreviousLocations(Connection db, Path previous) throws SQLException {
    try (Statement sql = db.createStatement()) {
      if (!Files.isRegularFile(previous)
          || SqlValues.single(sql, "SELECT count(*) FROM errors WHERE stage = '" + FileError.LIST + "'") == 0) {
        return false;
      }
    }
    try (Statement sql = db.createStatement()) {
      sql.execute("ATTACH '" + previous.toString().replace("'", "''") + "' AS previous (READ_ONLY)");
    } catch (SQLException e) {
      return false; // a corrupt or locked cache: there is nothing to keep, the error rows still say why
    }
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try (Statement sql = db.createStatement()) {
      boolean kept = copy(sql);
      db.commit();
      return kept;
    } catch (SQLException e) {
      // An older cache of another layout: its rows cannot be kept, and the new cache stands without them.
      db.rollback();
      return false;
    } finally {
      db.setAutoCommit(autoCommit);
      try (Statement sql = db.createStatement()) {
        sql.execute("DETACH previous");
      }
    }
  }

  private static boolean copy(Statement sql) throws SQLException {
    sql.execute("CREATE TEMP TABLE kept_locations AS SELECT l.* FROM previous.locations l"
        + " WHERE l.state = 'present' AND " + UNDER_UNREADABLE
        + " AND l.path NOT IN (SELECT path FROM locations)");
    if (SqlValues.single(sql, "SELECT count(*) FROM kept_locations") == 0) {
      sql.execute("DROP TABLE kept_locations");
      return false;
    }
    sql.execute("CREATE TEMP TABLE kept_hashes AS SELECT DISTINCT content_hash FROM kept_locations");
    sql.execute("CREATE TEMP TABLE kept_assets AS SELECT content_hash FROM kept_hashes"
        + " WHERE content_hash NOT IN (SELECT content_hash FROM assets)");
    sql.execute("INSERT INTO assets BY NAME SELECT * FROM previous.assets"
        + " WHERE content_hash IN (SELECT content_hash FROM kept_assets)");
    sql.execute("INSERT INTO tags BY NAME SELECT * FROM previous.tags"
        + " WHERE content_hash IN (SELECT content_hash FROM kept_assets)");
    sql.execute("INSERT INTO locations BY NAME SELECT * FROM kept_locations");
    // the lists in the assets rows, as the pipeline makes them: every present location, by path
    sql.execute("CREATE TEMP TABLE relisted AS SELECT a.* REPLACE (l.locations AS locations,"
        + " l.location_count AS location_count) FROM assets a JOIN (SELECT content_hash,"
        + "   list({'path': path, 'storage_type': storage_type, 'last_verified': last_verified,"
        + "   'metadata_version': metadata_version, 'size_bytes': size_bytes, 'last_modified': last_modified,"
        + "   'hash_source': hash_source, 'has_metadata': has_metadata} ORDER BY path) AS locations,"
        + "   count(*)::INTEGER AS location_count"
        + "   FROM locations WHERE content_hash IN (SELECT content_hash FROM kept_hashes) GROUP BY content_hash) l"
        + " USING (content_hash)");
    sql.execute("DELETE FROM assets WHERE content_hash IN (SELECT content_hash FROM kept_hashes)");
    sql.execute("INSERT INTO assets BY NAME SELECT * FROM relisted");
    for (String table : new String[] {"relisted", "kept_assets", "kept_hashes", "kept_locations"}) {
      sql.execute("DROP TABLE " + table);
    }
    return true;
  }
}
