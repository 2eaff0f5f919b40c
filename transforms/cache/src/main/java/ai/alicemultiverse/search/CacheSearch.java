package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.SearchIndex;
import ai.alicemultiverse.text.Terms;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Answers searches over one cache file, read-only. The CLI and the benchmark both go through here. */
public final class CacheSearch implements AutoCloseable {
  private final Connection db;

  private CacheSearch(Connection db) {
    this.db = db;
  }

  public static CacheSearch open(Path cache) throws IOException {
    return new CacheSearch(CacheFiles.openForSearch(cache));
  }

  /** For the reports that share this connection. */
  public Connection connection() {
    return db;
  }

  /**
   * One page of matches and their total: a term lookup when there is text, one statement for the
   * page and the total, and an index lookup for the page's columns.
   */
  public SearchResult search(SearchQuery q) throws SQLException {
    requireDescribedColumns(q);
    Resolved r = resolve(q);
    if (r.empty()) {
      return new SearchResult(0, List.of());
    }
    List<Integer> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    long total = 0;
    try (PreparedStatement page = SearchSql.page(q, r).prepare(db); ResultSet rows = page.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
        Object score = rows.getObject(2);
        scores.add(score == null ? null : ((Number) score).doubleValue());
        total = rows.getLong(3);
      }
    }
    if (ids.isEmpty()) {
      return new SearchResult(q.offset() == 0 ? 0 : total(q, r), List.of());
    }
    Map<Integer, SearchHit> byId = new HashMap<>();
    try (PreparedStatement fetch = SearchSql.fetch(ids).prepare(db); ResultSet rows = fetch.executeQuery()) {
      while (rows.next()) {
        byId.put(rows.getInt(1), hit(rows));
      }
    }
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      hits.add(byId.get(ids.get(i)).withScore(scores.get(i)));
    }
    return new SearchResult(total, hits);
  }

  /** The total when the page is past the end (no row carried it). */
  private long total(SearchQuery q, Resolved r) throws SQLException {
    SearchQuery first = new SearchQuery(q.tags(), q.anyTag(), q.notTags(), q.text(), q.mediaType(), q.mime(),
        q.provider(), q.model(), q.minSize(), q.maxSize(), q.minWidth(), q.minHeight(), q.minDuration(),
        q.maxDuration(), q.since(), q.until(), q.minRating(), q.takenSince(), q.takenUntil(), q.near(),
        q.locationPrefix(), q.storage(), q.sort(), 1, 0);
    try (PreparedStatement page = SearchSql.page(first, r).prepare(db); ResultSet rows = page.executeQuery()) {
      return rows.next() ? rows.getLong(3) : 0;
    }
  }

  /** Counts per tag category/value, media type and provider over all matches (paging ignored). */
  public List<Facet> facets(SearchQuery q, int perGroup) throws SQLException {
    requireDescribedColumns(q);
    Resolved r = resolve(q);
    List<Facet> facets = new ArrayList<>();
    if (r.empty()) {
      return facets;
    }
    try (PreparedStatement statement = SearchSql.facets(q, r, perGroup).prepare(db);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        facets.add(new Facet(rows.getString(1), rows.getString(2), rows.getLong(3)));
      }
    }
    return facets;
  }

  /** A cache made before alice read other tools' ratings, capture times and positions cannot filter on them. */
  private void requireDescribedColumns(SearchQuery q) throws SQLException {
    if (!q.readsDescribedColumns()) {
      return;
    }
    try (PreparedStatement columns = db.prepareStatement("SELECT count(*) FROM duckdb_columns()"
        + " WHERE database_name = current_database() AND table_name = 'search_assets' AND column_name = 'taken_at'");
        ResultSet rows = columns.executeQuery()) {
      if (rows.next() && rows.getLong(1) == 0) {
        throw new IllegalArgumentException("this cache was made by an older version of alice, before --rating,"
            + " --taken-since, --taken-until and --near: run `alice rebuild` over its folders");
      }
    }
  }

  /** The words of {@code text} as the index spells them (folded and stemmed), in order. */
  public List<String> words(String text) {
    return Terms.of(text);
  }

  /** The query's words as term ids: folded and stemmed here, then one lookup. */
  Resolved resolve(SearchQuery q) throws SQLException {
    if (q.text() == null) {
      return Resolved.NO_TEXT;
    }
    // Folded and stemmed by the same Java code that indexed the text in the pipeline.
    List<String> words = Terms.of(q.text());
    Map<String, Integer> ids = new HashMap<>();
    Map<Integer, Double> idfById = new HashMap<>();
    int commonest = -1;
    long commonestDf = -1;
    double avgLength = 0;
    if (!words.isEmpty()) {
      // idf from the counts as they are now: an in-place update changes them without touching postings
      Sql lookup = new Sql().add("SELECT t.term, t.term_id, ln(1 + (n.value - t.df + 0.5) / (t.df + 0.5)), t.df,"
          + " avg.value FROM search_terms t,"
          + " (SELECT value FROM search_info WHERE key = 'documents') n,"
          + " (SELECT value FROM search_info WHERE key = 'avg_length') avg"
          + " WHERE t.term IN ").list(List.copyOf(new LinkedHashSet<>(words)));
      try (PreparedStatement statement = lookup.prepare(db); ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.put(rows.getString(1), rows.getInt(2));
          idfById.put(rows.getInt(2), rows.getDouble(3));
          avgLength = rows.getDouble(5);
          if (rows.getLong(4) > commonestDf) {
            commonest = rows.getInt(2);
            commonestDf = rows.getLong(4);
          }
        }
      }
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("--text '" + q.text() + "' has no words to search for");
    }
    List<Integer> termIds = new ArrayList<>();
    double bonus = 0;
    for (String word : new LinkedHashSet<>(words)) {
      if (ids.containsKey(word)) {
        termIds.add(ids.get(word));
        bonus += idfById.get(ids.get(word)) * (SearchIndex.K1 + 1); // the most BM25 these words can give
      }
    }
    List<Integer> phrase = new ArrayList<>();
    if (words.size() > 1 && ids.keySet().containsAll(words)) {
      words.forEach(w -> phrase.add(ids.get(w)));
    }
    return new Resolved(termIds, phrase, bonus, termIds.isEmpty(), commonest, Math.max(commonestDf, 0), idfById,
        avgLength);
  }

  /** Columns as {@link SearchSql#fetch} lists them, after the asset_id. */
  private static SearchHit hit(ResultSet rows) throws SQLException {
    return new SearchHit(
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getLong(6),
        rows.getString(7),
        rows.getString(8),
        rows.getString(9),
        instant(rows, 10),
        instant(rows, 11),
        rows.getInt(12),
        rows.getString(13),
        null);
  }

  static Instant instant(ResultSet rows, int column) throws SQLException {
    Object value = rows.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
