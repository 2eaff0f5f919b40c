package ai.alicemultiverse.cache;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reading values back from DuckDB: one for a count or size check, a column of names for a schema step. */
public final class SqlValues {
  private SqlValues() {}

  /** The first column of the first row of {@code query}, as a long (a count, a size, an id). */
  public static long single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The first column of every row of {@code query}, as strings (table or index names, say). */
  public static java.util.List<String> strings(Statement sql, String query) throws SQLException {
    java.util.List<String> values = new java.util.ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
