package ai.alicemultiverse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search benchmark end to end on a small cache, and again in the same folder. */
class SearchBenchTest {
  @TempDir Path dir;

  @Test
  void runsAgainInTheSameFolderKeepingTheEarlierRunInTheHistory() throws Exception {
    for (int run = 1; run <= 2; run++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SearchBench.run(300, dir, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("load into DuckDB").contains("text (two words, BM25 + phrase, 50 rows)")
          .contains("p50");
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("bench.duckdb"));
        ResultSet rows = db.createStatement().executeQuery("SELECT count(*), count(DISTINCT run_id) FROM runs")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
      assertThat(rows.getInt(2)).isEqualTo(2);
    }
  }
}
