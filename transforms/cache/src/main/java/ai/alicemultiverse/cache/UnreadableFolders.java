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
      boolean kept = copy(db, sql);
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

  private static boolean copy(Connection db, Statement sql) throws SQLException {
    if (SqlValues.single(sql, "SELECT count(*) FROM duckdb_columns() WHERE database_name = 'previous'"
        + " AND table_name = 'locations' AND column_name = 'has_standard'") == 0) {
      return false; // an older layout keeps too little of each copy to merge it again
    }
    // A copy's metadata and standard values are kept only where they differ from its asset's: made
    // explicit against the previous asset row, since the new cache's asset row may differ.
    sql.execute("CREATE TEMP TABLE kept_locations AS SELECT l.* REPLACE ("
        + " CASE WHEN l.has_metadata THEN coalesce(l.metadata, pa.metadata) END AS metadata,"
        + " CASE WHEN l.has_standard THEN coalesce(l.standard, " + AssetRecompute.assetStandard("pa") + ") END"
        + " AS standard)"
        + " FROM previous.locations l LEFT JOIN previous.assets pa ON pa.content_hash = l.content_hash"
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
    sql.execute("INSERT INTO locations BY NAME SELECT * FROM kept_locations");
    // every asset with a kept copy merged again from all its present copies, as a rebuild would
    AssetRecompute.recompute(db, sql, "kept_hashes");
    for (String table : new String[] {"kept_assets", "kept_hashes", "kept_locations"}) {
      sql.execute("DROP TABLE " + table);
    }
    return true;
  }
}
