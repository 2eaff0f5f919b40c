package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-place update of the search tables must leave them answering exactly as a full build of the
 * same rows: same assets in the same newest-first order, same tags, terms, counts and postings,
 * and the same hits with the same scores. The rows change the way ingest, scan and watch change
 * them: assets removed, edited (text, tags, dates) and added, with words and tag values the index
 * has never seen.
 */
class SearchIndexUpdateTest {
  static final int ASSETS = 2000;
  @TempDir Path dir;

  @Test
  void updatedIndexEqualsAFullBuildOfTheSameRows() throws Exception {
    Path updated = loadedCache();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      change(sql);
      SearchIndex.update(sql, "affected");
      db.commit();
      assertThat(count(sql, "SELECT count(*) FROM search_assets WHERE asset_id % " + SearchIndex.MAX_SPACING + " <> 0"))
          .as("assets placed between others' ids").isGreaterThan(0);
    }
    assertSameAsFullBuild(updated, queries(true));
  }

  @Test
  void assetsDatedWithinANarrowSpanGoBetweenTheirNeighbours() throws Exception {
    Path updated = loadedCache();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      // around an asset in the middle of the order: same date (just after it by hash), a second
      // newer, a second older; and one newer than everything
      String middle = single(sql, "SELECT content_hash FROM search_assets ORDER BY asset_id LIMIT 1 OFFSET " + ASSETS / 2);
      sql.execute("CREATE TEMP TABLE added AS SELECT * FROM (VALUES ('" + middle + "0', INTERVAL 0 SECOND),"
          + " ('" + middle + "1', INTERVAL 1 SECOND), ('" + middle + "2', -INTERVAL 1 SECOND),"
          + " ('" + middle + "3', INTERVAL 3650 DAY)) v(content_hash, shift)");
      sql.execute("INSERT INTO assets SELECT a.* REPLACE (n.content_hash AS content_hash,"
          + " a.generated_at + n.shift AS generated_at) FROM assets a, added n WHERE a.content_hash = '" + middle + "'");
      sql.execute("INSERT INTO locations (content_hash, path, storage_type)"
          + " SELECT content_hash, '/new/' || content_hash, 'local' FROM added");
      sql.execute("CREATE TEMP TABLE affected AS SELECT content_hash FROM added");
      SearchIndex.update(sql, "affected");
      db.commit();
      assertThat(count(sql, "SELECT count(*) FROM search_assets WHERE asset_id % " + SearchIndex.MAX_SPACING + " <> 0"))
          .as("placed between kept ids").isEqualTo(3);
      assertThat(single(sql, "SELECT content_hash FROM search_assets ORDER BY asset_id LIMIT 1")).isEqualTo(middle + "3");
    }
    assertSameAsFullBuild(updated, queries(false));
  }

  @Test
  void aGapBisectedAgainAndAgainIsWidenedInPlace() throws Exception {
    Path updated = loadedCache();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      String middle = single(sql, "SELECT content_hash FROM search_assets ORDER BY asset_id LIMIT 1 OFFSET " + ASSETS / 2);
      // each new asset sorts between the middle one and the one added before it: the same gap halves
      // every time, and 1,024 ids last ten rounds
      for (int round = 1; round <= 15; round++) {
        db.setAutoCommit(false);
        String hash = middle + "0".repeat(round) + "1";
        sql.execute("CREATE TEMP TABLE affected AS SELECT '" + hash + "' AS content_hash");
        sql.execute("INSERT INTO assets SELECT * REPLACE ('" + hash + "' AS content_hash) FROM assets"
            + " WHERE content_hash = '" + middle + "'");
        sql.execute("INSERT INTO locations (content_hash, path, storage_type) VALUES ('" + hash + "', '/new/" + round
            + "', 'local')");
        SearchIndex.update(sql, "affected");
        sql.execute("DROP TABLE affected");
        db.commit();
      }
      assertThat(count(sql, "SELECT count(*) FROM search_assets")).isEqualTo(ASSETS + 15);
      assertThat(count(sql, "SELECT count(*) FROM search_assets WHERE asset_id % " + SearchIndex.MAX_SPACING + " <> 0"))
          .as("ids spread around the gap, not the index made again").isBetween(15L, 200L);
    }
    assertSameAsFullBuild(updated, queries(false));
  }

  @Test
  void aGapWithNoRoomLeftMakesTheIndexAgain() throws Exception {
    Path updated = loadedCache();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      // more new assets than free ids right after the newest one: same date, hashes that sort just after it
      String newest = single(sql, "SELECT content_hash FROM search_assets ORDER BY asset_id LIMIT 1");
      sql.execute("CREATE TEMP TABLE affected AS SELECT '" + newest + "' || lpad(range::VARCHAR, 5, '0') AS content_hash"
          + " FROM range(" + (SearchIndex.MAX_SPACING + 10) + ")");
      sql.execute("INSERT INTO assets SELECT * REPLACE (f.content_hash AS content_hash)"
          + " FROM assets a, affected f WHERE a.content_hash = '" + newest + "'");
      sql.execute("INSERT INTO locations (content_hash, path, storage_type)"
          + " SELECT content_hash, '/new/' || content_hash, 'local' FROM affected");
      SearchIndex.update(sql, "affected");
      db.commit();
      assertThat(count(sql, "SELECT count(*) FROM search_assets")).isEqualTo(ASSETS + SearchIndex.MAX_SPACING + 10);
      assertThat(count(sql, "SELECT count(*) FROM search_assets WHERE asset_id % "
          + (SearchIndex.MAX_SPACING / 2) + " <> 0")).as("made again, so spread evenly").isZero();
    }
    assertSameAsFullBuild(updated, queries(false));
  }

  /**
   * Regression: an ingest failed with "Duplicate key asset_id: 10240 violates unique constraint" and
   * recorded nothing (CrashDuringIngestTest, once in a few campaigns). An asset edited in place
   * keeps its id: the update removes its row and puts it back under that id. Under a UNIQUE index,
   * DuckDB refuses that within one transaction when the index was not yet read from disk by the
   * process (a fresh command on a cache, nothing looked up by id before). The id index is a plain one.
   */
  @Test
  void anAssetEditedInPlaceKeepsItsIdInAFreshProcess() throws Exception {
    Path updated = loadedCache();
    String hash;
    long id;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      hash = single(sql, "SELECT content_hash FROM search_assets ORDER BY asset_id LIMIT 1 OFFSET 10");
      id = count(sql, "SELECT asset_id FROM search_assets WHERE content_hash = '" + hash + "'");
    }
    // a new database instance, as the next command opens it: the index not yet read
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      sql.execute("UPDATE assets SET description = 'edited in place' WHERE content_hash = '" + hash + "'");
      sql.execute("CREATE TEMP TABLE affected AS SELECT '" + hash + "' AS content_hash");
      SearchIndex.update(sql, "affected");
      db.commit();
      assertThat(single(sql, "SELECT description FROM search_assets WHERE asset_id = " + id)).isEqualTo("edited in place");
    }
    assertSameAsFullBuild(updated, queries(false));
  }

  /** A cache built before carries a UNIQUE id index: its first update replaces it, and answers as a full build. */
  @Test
  void anUpdateReplacesTheUniqueIdIndexOfAnOlderCache() throws Exception {
    Path updated = loadedCache();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + updated); Statement sql = db.createStatement()) {
      sql.execute("DROP INDEX search_assets_by_id");
      sql.execute("CREATE UNIQUE INDEX search_assets_id ON search_assets (asset_id)"); // as built before
      db.setAutoCommit(false);
      change(sql);
      SearchIndex.update(sql, "affected");
      db.commit();
      assertThat(count(sql, "SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'search_assets' AND is_unique"))
          .isZero();
      assertThat(count(sql, "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'search_assets_by_id'")).isEqualTo(1);
    }
    assertSameAsFullBuild(updated, queries(true));
  }

  private Path loadedCache() throws Exception {
    return SyntheticLibrary.cache(ASSETS, dir);
  }

  /** 40 assets removed, 40 edited, 40 added; their hashes in the temp table {@code affected}. */
  private static void change(Statement sql) throws SQLException {
    sql.execute("CREATE TEMP TABLE removed AS SELECT content_hash FROM assets ORDER BY hash(content_hash) LIMIT 40");
    sql.execute("CREATE TEMP TABLE edited AS SELECT content_hash FROM assets"
        + " WHERE content_hash NOT IN (SELECT content_hash FROM removed) ORDER BY hash(content_hash || 'e') LIMIT 40");
    for (String table : new String[] {"assets", "locations", "tags"}) {
      sql.execute("DELETE FROM " + table + " WHERE content_hash IN (SELECT content_hash FROM removed)");
    }
    sql.execute("CREATE TEMP TABLE added AS SELECT content_hash AS source, 'sha256:' || md5(content_hash) || md5(content_hash)"
        + " AS content_hash FROM assets ORDER BY hash(content_hash || 'a') LIMIT 40");
    sql.execute("CREATE TEMP TABLE affected AS SELECT content_hash FROM removed UNION SELECT content_hash FROM edited"
        + " UNION SELECT content_hash FROM added");
    // edited: new words (one the index has never seen), a new date, a tag value nobody had
    sql.execute("UPDATE assets SET description = 'quokka portraits, ' || description,"
        + " generated_at = generated_at + INTERVAL 400 DAY WHERE content_hash IN (SELECT content_hash FROM edited)");
    sql.execute("DELETE FROM tags WHERE content_hash IN (SELECT content_hash FROM edited) AND category = 'mood'");
    sql.execute("INSERT INTO tags SELECT content_hash, 'mood', 'wistful' FROM edited");
    // added: copies of other assets' rows under new hashes, with their own text and an undated one
    sql.execute("INSERT INTO assets SELECT a.* REPLACE (n.content_hash AS content_hash,"
        + " 'a zebra crossing at dusk' AS description,"
        + " CASE WHEN n.content_hash < 'sha256:4' THEN NULL ELSE a.generated_at END AS generated_at)"
        + " FROM assets a JOIN added n ON a.content_hash = n.source");
    sql.execute("INSERT INTO locations (content_hash, path, storage_type)"
        + " SELECT content_hash, '/added/' || content_hash || '.png', 'local' FROM added");
    sql.execute("INSERT INTO tags SELECT n.content_hash, t.category, t.value FROM tags t JOIN added n ON t.content_hash = n.source");
    sql.execute("INSERT INTO tags SELECT content_hash, 'style', 'Ukiyo-e' FROM added");
  }

  /** Queries over every kind of index row, some of them for what {@link #change} wrote. */
  private static List<SearchQuery> queries(boolean changed) {
    List<SearchQuery> queries = new ArrayList<>(List.of(
        SearchQuery.builder().text(SyntheticLibrary.word(1) + " " + SyntheticLibrary.word(3)).limit(40).build(),
        SearchQuery.builder().tag("style:" + SyntheticLibrary.value("style", 0)).limit(100).build(),
        SearchQuery.builder().sort(SearchSort.OLDEST).limit(100).build(),
        SearchQuery.builder().limit(200).build()));
    if (changed) {
      queries.addAll(List.of(
          SearchQuery.builder().text("quokka portraits").build(),
          SearchQuery.builder().text("zebra crossing").limit(30).build(),
          SearchQuery.builder().tag("mood:wistful").build(),
          SearchQuery.builder().tag("ukiyo-e").text("dusk").build()));
    }
    return queries;
  }

  private void assertSameAsFullBuild(Path updated, List<SearchQuery> queries) throws Exception {
    Path full = copyWithIndexBuiltInSql(updated, dir.resolve("full.duckdb"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + full); Statement sql = db.createStatement()) {
      sql.execute("ATTACH '" + updated + "' AS up (READ_ONLY)");
      // the same assets in the same order (ids differ: the update's sit between the others')
      String assets = "SELECT * EXCLUDE (asset_id) FROM %s.search_assets ORDER BY asset_id";
      assertThat(rows(sql, assets.formatted("up"))).isNotEmpty().isEqualTo(rows(sql, assets.formatted("main")));
      for (String query : new String[] {
        "SELECT a.content_hash, l.path, l.storage_type FROM %s.search_locations l JOIN %<s.search_assets a USING (asset_id)",
        "SELECT category, value, value_key, assets FROM %s.search_tag_values",
        "SELECT a.content_hash, v.category, v.value FROM %s.search_tags t JOIN %<s.search_tag_values v USING (tag_id)"
            + " JOIN %<s.search_assets a USING (asset_id)",
        "SELECT term, df FROM %s.search_terms",
        "SELECT a.content_hash, t.term, p.tf, p.length, list_sort(p.positions) FROM %s.search_postings p"
            + " JOIN %<s.search_terms t USING (term_id) JOIN %<s.search_assets a USING (asset_id)",
        "SELECT key, value FROM %s.search_info",
      }) {
        assertThat(count(sql, "SELECT count(*) FROM (" + query.formatted("up") + ")")).as(query).isPositive();
        assertThat(rows(sql, "(" + query.formatted("up") + ") EXCEPT ALL (" + query.formatted("main") + ")"))
            .as("updated, not built: " + query).isEmpty();
        assertThat(rows(sql, "(" + query.formatted("main") + ") EXCEPT ALL (" + query.formatted("up") + ")"))
            .as("built, not updated: " + query).isEmpty();
      }
    }
    for (SearchQuery q : queries) {
      assertThat(hits(updated, q)).as(q.toString()).hasSizeGreaterThan(1).isEqualTo(hits(full, q));
    }
  }

  /** A copy of {@code cache} whose search tables were made again from its rows, splitting the text in SQL. */
  static Path copyWithIndexBuiltInSql(Path cache, Path copy) throws Exception {
    Files.copy(cache, copy, StandardCopyOption.REPLACE_EXISTING);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + copy); Statement sql = db.createStatement()) {
      for (String table : SearchIndex.TABLES) {
        sql.execute("DROP TABLE " + table);
      }
      SearchIndex.build(sql);
    }
    return copy;
  }

  private static List<String> hits(Path cache, SearchQuery q) throws Exception {
    try (CacheSearch search = CacheSearch.open(cache)) {
      SearchResult result = search.search(q);
      List<String> out = new ArrayList<>();
      out.add("total " + result.total());
      result.hits().forEach(h -> out.add(h.contentHash() + " " + h.score() + " " + h.bestLocation()));
      return out;
    }
  }

  private static List<List<String>> rows(Statement sql, String query) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet r = sql.executeQuery(query)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
