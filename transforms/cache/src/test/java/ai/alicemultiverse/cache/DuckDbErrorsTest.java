package ai.alicemultiverse.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What DuckDB says when a query fails, reduced to the one line that says why. */
class DuckDbErrorsTest {
  @Test
  void anErrorRaisedWhileTheQueryRunsGivesDuckDbsReasonNotTheDriversPreamble() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      // a sample that DuckDB refuses only once the query runs, as an export's COPY can fail
      SQLException e = catchThrowableOfType(() -> sql.execute("SELECT * FROM range(1) USING SAMPLE 1 (system)"),
          SQLException.class);
      assertThat(e.getMessage()).contains("pending query result");
      assertThat(DuckDbErrors.reason(e)).startsWith("Parser Error: Sample method System").doesNotContain("\n");
    }
  }

  @Test
  void aQueryDuckDbCannotParseGivesItsFirstLine() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      SQLException e = catchThrowableOfType(() -> sql.executeQuery("SELEKT 1"), SQLException.class);
      assertThat(e.getMessage()).contains("\n");
      assertThat(DuckDbErrors.reason(e)).startsWith("Parser Error: syntax error").doesNotContain("\n");
    }
  }

  @Test
  void anErrorWithoutAMessageIsStillSaid() {
    assertThat(DuckDbErrors.reason(new SQLException())).isEqualTo("DuckDB refused it");
  }
}
