package ai.alicemultiverse.pipelines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Runs SQL against a cache file, read-only, and returns rows as lists of strings. */
public final class CacheRows {
  private CacheRows() {}

  public static List<List<String>> query(Path cache, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache, readOnly)) {
      return query(db, sql);
    }
  }

  /** Runs SQL in a throw-away in-memory DuckDB (for read_parquet over exports and hand-offs). */
  public static List<List<String>> inMemory(String sql) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      return query(db, sql);
    }
  }

  private static List<List<String>> query(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      List<List<String>> result = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  public static String single(Path cache, String sql) throws SQLException {
    List<List<String>> rows = query(cache, sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new AssertionError("expected one value from " + sql + " but got " + rows);
    }
    return rows.get(0).get(0);
  }
}
