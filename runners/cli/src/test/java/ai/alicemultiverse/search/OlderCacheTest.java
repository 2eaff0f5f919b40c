package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache whose search tables an older alice made: the reports still read it, search asks for a rebuild. */
class OlderCacheTest {
  @TempDir Path dir;

  @Test
  void reportsReadItSearchAsksForARebuild() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    lib.rebuild();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + lib.cache); Statement sql = db.createStatement()) {
      // the layout before weights were computed per query
      sql.execute("ALTER TABLE search_postings DROP COLUMN tf");
    }
    String cache = lib.cache.toString();
    for (String[] report : new String[][] {
      {"stats", "--cache", cache}, {"dupes", "--cache", cache}, {"verify", "--cache", cache},
      {"locations", lib.hash("neon.png"), "--cache", cache}, {"show", lib.hash("neon.png"), "--cache", cache}}) {
      CacheSearchTest.Run run = CacheSearchTest.cli(report);
      assertThat(run.code()).as(String.join(" ", report) + ": " + run.err()).isZero();
      assertThat(run.out()).isNotBlank();
    }
    CacheSearchTest.Run search = CacheSearchTest.cli("search", "--text", "neon", "--cache", cache);
    assertThat(search.code()).isNotZero();
    assertThat(search.err()).contains("built by an older alice").contains("run 'alice rebuild'");
  }
}
