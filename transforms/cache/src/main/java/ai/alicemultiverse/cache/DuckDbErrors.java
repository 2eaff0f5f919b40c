package ai.alicemultiverse.cache;

import java.sql.SQLException;

/** The useful line of a DuckDB error, for messages that also say what was being done. */
public final class DuckDbErrors {
  /** What DuckDB's JDBC driver puts before the real error when a query fails while its result is read. */
  private static final String GENERIC = "unsuccessful or closed pending query result";

  private DuckDbErrors() {}

  /**
   * DuckDB's own reason, in one line: the first line that is not the driver's generic one, without the
   * {@code Error: } that the real error then starts with.
   */
  public static String reason(SQLException e) {
    String message = e.getMessage();
    if (message == null) {
      return "DuckDB refused it";
    }
    return message.strip().lines()
        .filter(l -> !l.isBlank() && !l.contains(GENERIC))
        .map(l -> l.startsWith("Error: ") ? l.substring("Error: ".length()) : l)
        .map(String::strip)
        .findFirst().orElse(message.strip());
  }
}
