package ai.alicemultiverse.cache;

import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a rebuild keeps of the cache it replaces: the rows it did not look at. A rebuild changes only
 * what lies under the roots it read ({@link Root#contains}: by whole path segments); the locations
 * (present or missing) and error rows under other roots stay as the old cache had them, e.g. those a
 * watch or a scan of another root added. Under a folder the rebuild could not read (its error rows of
 * stage {@link FileError#LIST}) it saw nothing, which does not make those files gone: their present
 * locations are kept too. Kept locations keep their old {@code last_verified}; the assets and tags the
 * new cache lacks are copied, and each asset with a kept copy is merged again from all its present
 * copies by the one rule ({@link AssetRecompute}): the cache is then what a rebuild of every root would
 * have built, with the unread parts as last seen.
 */
final class KeptLocations {
  /**
   * Whether the path column given ({@code %1$s}) is at or under one of the unreadable paths: the errors of
   * stage {@link FileError#LIST} in the error table given ({@code %2$s}).
   */
  static final String UNDER_UNREADABLE = "EXISTS (SELECT 1 FROM %2$s e WHERE e.stage = '"
      + FileError.LIST + "' AND (%1$s = e.path OR starts_with(%1$s, e.path || '/')))";

  /** {@link Root#contains} over {@code rebuilt_roots}, for the path column given. */
  static final String UNDER_A_ROOT = "EXISTS (SELECT 1 FROM rebuilt_roots r"
      + " WHERE %1$s = r.own OR starts_with(%1$s, r.below))";

  private KeptLocations() {}

  /**
   * Copies from {@code previous} (the cache being replaced) the locations and errors outside the
   * {@code roots} read, and the present locations under the folders in this cache's {@code errors}
   * that could not be listed. Call it after the new rows and errors are loaded and before the search
   * tables are built.
   *
   * @param roots the roots the rebuild read, as named (a glob holds nothing for sure: rows under its
   *     folder are kept unless the rebuild found them again)
   * @return whether any location was kept (the copied assets then have no ready-made term lists)
   */
  static boolean keepPreviousRows(Connection db, Path previous, List<String> roots) throws SQLException {
    if (!Files.isRegularFile(previous)) {
      return false;
    }
    try (Statement sql = db.createStatement()) {
      sql.execute("ATTACH '" + previous.toString().replace("'", "''") + "' AS previous (READ_ONLY)");
    } catch (SQLException e) {
      return false; // a corrupt or locked cache: there is nothing to keep, the error rows still say why
    }
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try (Statement sql = db.createStatement()) {
      stageRoots(db, sql, roots);
      boolean kept = copy(db, sql);
      sql.execute("DROP TABLE rebuilt_roots");
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

  /** {@code rebuilt_roots (own, below)}: {@link Root#contains} in SQL (a glob contains nothing). */
  static void stageRoots(Connection db, Statement sql, List<String> roots) throws SQLException {
    sql.execute("CREATE TEMP TABLE rebuilt_roots (own VARCHAR, below VARCHAR)");
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO rebuilt_roots VALUES (?, ?)")) {
      for (String named : roots) {
        Root root = Root.parse(named);
        if (root.isGlob()) {
          continue;
        }
        insert.setString(1, root.isObjectStore() ? null : root.toString());
        insert.setString(2, root.below());
        insert.execute();
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
        + " WHERE l.path NOT IN (SELECT path FROM locations)"
        + " AND (NOT " + UNDER_A_ROOT.formatted("l.path") + " OR l.state = 'present' AND " + UNDER_UNREADABLE.formatted("l.path", "errors") + ")");
    // after the locations: the list errors that keep copies under a root are this rebuild's own
    sql.execute("INSERT INTO errors SELECT * FROM previous.errors p WHERE NOT " + UNDER_A_ROOT.formatted("p.path")
        + " AND p.path NOT IN (SELECT path FROM errors)");
    if (SqlValues.single(sql, "SELECT count(*) FROM kept_locations") == 0) {
      sql.execute("DROP TABLE kept_locations");
      return false;
    }
    sql.execute("CREATE TEMP TABLE kept_hashes AS SELECT DISTINCT content_hash FROM kept_locations");
    sql.execute("CREATE TEMP TABLE kept_assets AS SELECT content_hash FROM kept_hashes"
        + " WHERE content_hash NOT IN (SELECT content_hash FROM assets)");
    sql.execute("INSERT INTO assets BY NAME SELECT * FROM previous.assets"
        + " WHERE content_hash IN (SELECT content_hash FROM kept_assets)");
    // an asset left with missing copies only keeps its row and tags as they were (AssetRecompute)
    sql.execute("INSERT INTO tags BY NAME SELECT * FROM previous.tags"
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
