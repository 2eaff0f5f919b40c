package ai.alicemultiverse.search;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers searches over one cache file, read-only. The CLI and the benchmark both go through here. */
public final class CacheSearch implements AutoCloseable {
  private final Connection db;

  private CacheSearch(Connection db) {
    this.db = db;
  }

  public static CacheSearch open(Path cache) throws IOException {
    return new CacheSearch(CacheFiles.openReadOnly(cache));
  }

  /** For the reports that share this connection. */
  public Connection connection() {
    return db;
  }

  public SearchResult search(SearchQuery q) throws SQLException {
    Resolved r = resolve(q);
    if (r.empty()) {
      return new SearchResult(0, List.of());
    }
    List<Long> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    try (PreparedStatement page = SearchSql.page(q, r).prepare(db); ResultSet rows = page.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
        Object score = rows.getObject(2);
        scores.add(score == null ? null : ((Number) score).doubleValue());
      }
    }
    Map<Long, SearchHit> byId = new HashMap<>();
    if (!ids.isEmpty()) {
      try (PreparedStatement fetch = SearchSql.fetch(ids).prepare(db); ResultSet rows = fetch.executeQuery()) {
        while (rows.next()) {
          byId.put(rows.getLong(1), hit(rows));
        }
      }
    }
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      hits.add(byId.get(ids.get(i)).withScore(scores.get(i)));
    }
    long total;
    if (q.offset() == 0 && hits.size() < q.limit()) {
      total = hits.size(); // the whole result fits on the page: no second pass needed
    } else {
      try (PreparedStatement count = SearchSql.count(q, r).prepare(db); ResultSet rows = count.executeQuery()) {
        rows.next();
        total = rows.getLong(1);
      }
    }
    return new SearchResult(total, hits);
  }

  /** Counts per tag category/value, media type and provider over all matches (paging ignored). */
  public List<Facet> facets(SearchQuery q, int perGroup) throws SQLException {
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

  /** The words of {@code text} as the index spells them (folded and stemmed), in order. */
  public List<String> words(String text) throws SQLException {
    List<String> words = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement("SELECT " + Terms.of("CAST(? AS VARCHAR)"))) {
      statement.setString(1, text);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        Array array = rows.getArray(1);
        for (Object word : (Object[]) array.getArray()) {
          words.add((String) word);
        }
      }
    }
    return words;
  }

  Resolved resolve(SearchQuery q) throws SQLException {
    boolean empty = false;
    List<List<Integer>> groups = new ArrayList<>();
    for (TagFilter tag : q.tags()) {
      List<Integer> ids = tagIds(tag);
      if (!ids.isEmpty()) {
        groups.add(ids);
      } else if (!q.anyTag()) {
        empty = true; // a tag nobody has: nothing can have all of them
      }
    }
    if (q.anyTag() && !q.tags().isEmpty() && groups.isEmpty()) {
      empty = true;
    }
    List<Integer> notIds = new ArrayList<>();
    for (TagFilter tag : q.notTags()) {
      notIds.addAll(tagIds(tag));
    }
    List<Integer> termIds = new ArrayList<>();
    int wordCount = 0;
    String phrase = null;
    double bonus = 0;
    if (q.text() != null) {
      List<String> words = words(q.text());
      if (words.isEmpty()) {
        throw new IllegalArgumentException("--text '" + q.text() + "' has no words to search for");
      }
      wordCount = words.size();
      List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words));
      Sql lookup = new Sql().add("SELECT term_id, idf FROM search_terms WHERE term IN ").list(distinct);
      try (PreparedStatement statement = lookup.prepare(db); ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          termIds.add(rows.getInt(1));
          bonus += rows.getDouble(2) * (SearchIndex.K1 + 1); // the most BM25 these words can give
        }
      }
      if (termIds.isEmpty()) {
        empty = true;
      } else if (words.size() > 1 && termIds.size() == distinct.size()) {
        phrase = " " + String.join(" ", words) + " ";
      }
    }
    return new Resolved(groups, notIds, termIds, wordCount, phrase, bonus, empty);
  }

  private List<Integer> tagIds(TagFilter tag) throws SQLException {
    Sql sql = new Sql().add("SELECT tag_id FROM search_tag_values WHERE value_key = lower(strip_accents(?))",
        tag.value());
    if (tag.category() != null) {
      sql.add(" AND category = ?", tag.category());
    }
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement statement = sql.prepare(db); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    return ids;
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
