package ai.alicemultiverse.cache;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way to run SQL a user wrote ({@code alice sql}, {@code export --query}): a read-only
 * cache alone cannot stop {@code COPY ... TO} or {@code ATTACH} from writing files, nor {@code
 * read_text} and {@code glob} from reading any, so the connection is also cut off from the file
 * system ({@code enable_external_access=false}) and its settings locked, so the query cannot turn
 * that back on. Only the folders named as readable stay reachable, and only one SELECT runs.
 *
 * <p>DuckDB's settings belong to the database instance, which every connection to the same file in
 * this JVM shares: open a user-SQL connection only in a command that runs nothing else on the cache.
 */
public final class UserSql {
  private UserSql() {}

  /** Opens {@code cache} read-only and confined; see {@link #confine}. */
  public static Connection openCache(Path cache, Duration wait, List<Path> readable) throws SQLException, IOException {
    Connection db = CacheConnections.open(cache, true, wait);
    try {
      confine(db, readable);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A confined in-memory database, for user SQL over views the caller creates (e.g. Parquet shards). */
  public static Connection openInMemory(List<Path> readable) throws SQLException {
    Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
    try {
      confine(db, readable);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Cuts {@code db} off from every file except the database already open and the folders in {@code
   * readable} (which SQL may read and write: the caller's own staging folder, or Parquet folders the
   * user allowed), then locks its configuration.
   */
  public static void confine(Connection db, List<Path> readable) throws SQLException {
    try (Statement sql = db.createStatement()) {
      if (!readable.isEmpty()) {
        sql.execute("SET allowed_directories = " + readable.stream()
            .map(p -> "'" + directory(p).replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]")));
      }
      sql.execute("SET enable_external_access = false");
      sql.execute("SET lock_configuration = true");
      if (SqlValues.single(sql, "SELECT current_setting('enable_external_access')::INTEGER") != 0) {
        throw new SQLException("DuckDB did not turn off file access for user SQL");
      }
    }
  }

  /**
   * {@code query} if DuckDB's own parser reads it as exactly one SELECT (DESCRIBE, SHOW, SUMMARIZE
   * and FROM-first queries are SELECTs to it): a ';' inside a string or a comment is no second
   * statement, and {@code SELECT 1; DROP ...} is refused before anything runs.
   *
   * @throws IllegalArgumentException naming what DuckDB saw, prefixed with {@code what}
   */
  public static String requireOneSelect(Connection db, String query, String what) throws SQLException {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    String parsed;
    try (PreparedStatement sql = db.prepareStatement(
        "SELECT (j->>'error')::BOOLEAN, j->>'error_message', json_array_length(j->'statements')"
            + " FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)")) {
      sql.setString(1, query);
      try (ResultSet row = sql.executeQuery()) {
        row.next();
        if (row.getBoolean(1)) {
          parsed = row.getString(2);
          throw new IllegalArgumentException(what + ": " + (parsed.startsWith("Only SELECT")
              ? "only a SELECT (or DESCRIBE, SHOW, SUMMARIZE) can run here; the query is read-only" : parsed));
        }
        long statements = row.getLong(3);
        if (statements != 1) {
          throw new IllegalArgumentException(what + ": one statement only (this holds " + statements + ")");
        }
      }
    }
    return query;
  }

  private static String directory(Path p) {
    String absolute = p.toAbsolutePath().normalize().toString();
    return absolute.endsWith(File.separator) ? absolute : absolute + File.separator;
  }
}
