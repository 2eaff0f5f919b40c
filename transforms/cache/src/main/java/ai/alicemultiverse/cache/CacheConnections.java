package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens a cache file, waiting while someone else holds it: DuckDB lets one process write a file
 * or several read it, never both, and an in-place change (ingest, scan, a watch's batch) holds it
 * for its whole transaction, a search for its query. Both sides wait a little instead of failing.
 */
public final class CacheConnections {
  private CacheConnections() {}

  /**
   * @throws SQLException DuckDB's own error when the file is still held after {@code wait} (see
   *     {@link #heldElsewhere}), or when it cannot be opened at all
   */
  public static Connection open(Path cache, boolean readOnly, Duration wait) throws SQLException, IOException {
    Properties properties = new Properties();
    if (readOnly) {
      properties.setProperty("duckdb.read_only", "true");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return DriverManager.getConnection("jdbc:duckdb:" + cache.toAbsolutePath(), properties);
      } catch (SQLException e) {
        if (!heldElsewhere(e) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException(cache + ": interrupted while waiting for the cache", e);
        }
      }
    }
  }

  /**
   * Another process holds DuckDB's file lock, or (in this JVM) a connection with the other
   * read-only setting is open.
   */
  public static boolean heldElsewhere(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Conflicting lock") || message.contains("Could not set lock")
        || message.contains("different configuration");
  }
}
