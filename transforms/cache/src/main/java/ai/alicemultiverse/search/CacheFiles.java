package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.CacheConnections;
import ai.alicemultiverse.cache.SearchIndex;
import ai.alicemultiverse.cache.SqlValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens a cache for reading. Read-only, so it works while a rebuild runs: the rebuild writes a new
 * file and renames it over the old one, and an open reader keeps the file it opened.
 */
public final class CacheFiles {
  private CacheFiles() {}

  /**
   * Opens a cache for the reports (show, locations, dupes, stats, verify, sql), which read its
   * assets and locations: a cache whose search tables are from an older alice still serves them.
   */
  public static Connection openReadOnly(Path cache) throws IOException {
    return open(cache, false);
  }

  /** Opens a cache for search: its search tables too, in this version's layout. */
  static Connection openForSearch(Path cache) throws IOException {
    return open(cache, true);
  }

  private static Connection open(Path cache, boolean search) throws IOException {
    if (!Files.isRegularFile(cache)) {
      throw new IOException(cache + ": no cache here; build it with 'alice rebuild FOLDER --cache " + cache
          + "'");
    }
    Connection db = connect(cache);
    try {
      requireTables(db, cache, search);
      return db;
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(db);
      throw e instanceof IOException io ? io : new IOException(cache + ": " + e.getMessage(), e);
    }
  }

  /**
   * Another process writing the cache in place (an ingest, a scan, a watch's batch) holds DuckDB's
   * file lock for as long as its transaction: a reader waits for it rather than fail, up to
   * {@link #WAIT_FOR_WRITER}. (A rebuild writes a new file and never holds this one.)
   */
  private static Connection connect(Path cache) throws IOException {
    try {
      return CacheConnections.open(cache, true, WAIT_FOR_WRITER);
    } catch (SQLException e) {
      if (CacheConnections.heldElsewhere(e)) {
        throw new IOException(cache + ": another alice process has been writing this cache for "
            + WAIT_FOR_WRITER.toSeconds() + " s; try again when it is done (" + e.getMessage() + ")", e);
      }
      throw new IOException(cache + ": cannot open the cache: " + e.getMessage(), e);
    }
  }

  /** How long a reader waits for a writer's transaction to end. */
  static final java.time.Duration WAIT_FOR_WRITER = java.time.Duration.ofSeconds(30);

  private static void requireTables(Connection db, Path cache, boolean search) throws SQLException, IOException {
    try (Statement sql = db.createStatement()) {
      if (SqlValues.single(sql, "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('assets', 'locations')")
          != 2) {
        throw new IOException(cache + ": this is not an alice cache (it has no assets and locations tables)");
      }
      if (search && !SearchIndex.hasCurrentLayout(sql)) {
        throw new IOException(cache + ": this cache was built by an older alice and its search tables do not fit"
            + " this one; run 'alice rebuild' to make it again (the other commands read it as it is)");
      }
    }
  }

  private static void closeQuietly(Connection db) {
    try {
      db.close();
    } catch (SQLException ignored) {
      // already failing with a better message
    }
  }
}
