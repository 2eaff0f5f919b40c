package ai.alicemultiverse.cache;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reading one value back from DuckDB, the way every count and size check of the cache does. */
public final class SqlValues {
  private SqlValues() {}

  /** The first column of the first row of {@code query}, as a long (a count, a size, an id). */
  public static long single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
