package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two shortcuts must give exactly what the long way gives, on a synthetic library with the term lists
 * the pipeline computes ({@link SyntheticLibrary}): the index built from the pipeline's term lists equals the one
 * built by splitting the text in SQL (what an in-place update does), and a words-only page read
 * from bounded postings equals the page that scores every matching asset.
 */
class SearchPathsTest {
  static final int ASSETS = 3000;
  @TempDir static Path dir;
  static Path cache;

  @BeforeAll
  static void build() throws Exception {
    cache = SyntheticLibrary.cache(ASSETS, dir);
  }

  @Test
  void termListsFromThePipelineIndexLikeSql() throws Exception {
    Path sqlBuilt = SearchIndexUpdateTest.copyWithIndexBuiltInSql(cache, dir.resolve("sql-built.duckdb"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + sqlBuilt); Statement sql = db.createStatement()) {
      sql.execute("ATTACH '" + cache + "' AS piped (READ_ONLY)");
      assertThat(count(sql, "SELECT count(*) FROM search_postings")).isGreaterThan(ASSETS * 10L);
      assertThat(count(sql, "SELECT count(*) FROM search_postings"))
          .isEqualTo(count(sql, "SELECT count(*) FROM piped.search_postings"));
      String postings = "SELECT t.term, p.asset_id, p.tf, p.length, list_sort(p.positions) FROM %s.search_postings p"
          + " JOIN %s.search_terms t USING (term_id)";
      assertThat(count(sql, "SELECT count(*) FROM (" + postings.formatted("main", "main") + " EXCEPT "
          + postings.formatted("piped", "piped") + ")")).isZero();
      assertThat(count(sql, "SELECT count(*) FROM (SELECT term_id, term, df FROM search_terms"
          + " EXCEPT SELECT term_id, term, df FROM piped.search_terms)")).isZero();
      assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM search_info EXCEPT SELECT * FROM piped.search_info)"))
          .isZero();
    }
  }

  @Test
  void boundedWordsOnlyPagesEqualFullScoring() throws Exception {
    Random random = new Random(11);
    int bounded = 0;
    try (CacheSearch search = CacheSearch.open(cache)) {
      for (int i = 0; i < 60; i++) {
        String text = switch (i % 4) {
          case 0 -> SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60));
          case 1 -> SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60)) + " " + SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60));
          case 2 -> SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60)) + " " + SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60))
              + " " + SyntheticLibrary.word(SyntheticLibrary.zipf(random, 5000));
          default -> SyntheticLibrary.word(SyntheticLibrary.zipf(random, 60)) + " " + SyntheticLibrary.word(SyntheticLibrary.zipf(random, 300));
        };
        SearchQuery q = SearchQuery.builder().text(text).limit(20).offset(i % 3 == 2 ? 25 : 0).build();
        Resolved r = search.resolve(q);
        if (r.empty() || (r.phrase() && r.termIds().size() == 1)) {
          continue; // nothing to rank, or one word repeated: a phrase of one term takes the general path
        }
        Resolved general = new Resolved(r.termIds(), r.phraseTermIds(), r.phraseBonus(), false, -1, 0, r.idf(),
            r.avgLength());
        assertThat(SearchSql.textOnly(q, r)).isTrue();
        assertThat(SearchSql.textOnly(q, general)).isFalse();
        List<String> fast = page(search.connection(), SearchSql.page(q, r));
        assertThat(fast).as(text).hasSize(q.limit() + 1).isEqualTo(page(search.connection(), SearchSql.page(q, general)));
        bounded++;
      }
    }
    assertThat(bounded).isGreaterThan(40);
  }

  /** Each row as "asset_id score", then the total. */
  private static List<String> page(Connection db, Sql sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    long total = -1;
    try (PreparedStatement statement = sql.prepare(db); ResultSet r = statement.executeQuery()) {
      while (r.next()) {
        rows.add(r.getInt(1) + " " + r.getDouble(2));
        total = r.getLong(3);
      }
    }
    rows.add("total " + total);
    return rows;
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
