package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.RunInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors listing a rebuild prints: the first rows by path and the count of all, from a real cache file. */
class CacheReportsErrorsTest {
  @TempDir Path dir;
  Path cache;

  @BeforeEach
  void emptyCache() throws Exception {
    cache = dir.resolve("alice.duckdb");
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, List.of(), List.of(), new RunInfo("r", now, now, List.of(), "test", 0, 0, 0, 0));
  }

  private void addErrors(int count) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        PreparedStatement insert = db.prepareStatement(
            "INSERT INTO errors (path, stage, reason) VALUES (?, 'extract', ?)")) {
      for (int i = count; i > 0; i--) { // inserted out of order: the listing sorts by path
        insert.setString(1, String.format("/media/%02d.jpg", i));
        insert.setString(2, "truncated at byte " + i);
        insert.executeUpdate();
      }
    }
  }

  @Test
  void theFirstRowsByPathAndTheTotal() throws Exception {
    addErrors(12);

    try (Connection db = CacheFiles.openReadOnly(cache)) {
      CacheReports.Problems problems = new CacheReports(db).errors(3);

      assertThat(problems.first()).containsExactly(
          new CacheReports.FileProblem("/media/01.jpg", "truncated at byte 1"),
          new CacheReports.FileProblem("/media/02.jpg", "truncated at byte 2"),
          new CacheReports.FileProblem("/media/03.jpg", "truncated at byte 3"));
      assertThat(problems.total()).isEqualTo(12);
    }
  }

  @Test
  void noErrorsIsAnEmptyListing() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(cache)) {
      CacheReports.Problems problems = new CacheReports(db).errors(10);

      assertThat(problems.first()).isEmpty();
      assertThat(problems.total()).isZero();
    }
  }
}
