package ai.alicemultiverse.hardening;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Whether a cache equals a full rebuild of the same files made in a fresh folder: every table, every
 * row, every column, but for what is honestly per run. Left out, and why:
 * <ul>
 *   <li>{@code runs}: the history of the commands that made the cache, not a fact about the files;
 *   <li>{@code last_verified} (of {@code locations} and of each asset's location list), {@code errors.seen_at}:
 *       when a command last read the file;
 *   <li>{@code errors.stage}: which command met the error (an ingest's "ingest", a rebuild's "extract"),
 *       the file and the reason are compared;
 *   <li>the search tables' internal ids (asset, tag and term numbers): they are compared by what they
 *       name (content hash, tag, term), and assets by their newest-first order.
 * </ul>
 * Nothing else: a location a command found gone is not in a rebuild, so it must not be in the cache either.
 */
final class CacheEquality {
  private CacheEquality() {}

  /** Each comparison: a name and a query over one cache, rows in a fixed order. */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("assets", "SELECT * EXCLUDE (locations), list_transform(locations, l -> l.path || ' ' || l.storage_type"
        + " || ' ' || coalesce(l.metadata_version::VARCHAR, '-') || ' ' || l.size_bytes || ' ' || l.last_modified"
        + " || ' ' || l.hash_source || ' ' || l.has_metadata) FROM assets ORDER BY content_hash");
    QUERIES.put("locations", "SELECT * EXCLUDE (last_verified) FROM locations ORDER BY path");
    QUERIES.put("tags", "SELECT * FROM tags ORDER BY ALL");
    QUERIES.put("errors", "SELECT path, reason FROM errors ORDER BY ALL");
    QUERIES.put("cache_info", "SELECT * FROM cache_info ORDER BY ALL");
    QUERIES.put("search_assets", "SELECT * EXCLUDE (asset_id), row_number() OVER (ORDER BY asset_id) AS newest_first"
        + " FROM search_assets ORDER BY content_hash");
    QUERIES.put("search_locations", "SELECT a.content_hash, l.* EXCLUDE (asset_id) FROM search_locations l"
        + " JOIN search_assets a USING (asset_id) ORDER BY ALL");
    QUERIES.put("search_tag_values", "SELECT * EXCLUDE (tag_id) FROM search_tag_values ORDER BY ALL");
    QUERIES.put("search_tags", "SELECT v.category, v.value, a.content_hash FROM search_tags t"
        + " JOIN search_tag_values v USING (tag_id) JOIN search_assets a USING (asset_id) ORDER BY ALL");
    QUERIES.put("search_terms", "SELECT term, df FROM search_terms ORDER BY ALL");
    QUERIES.put("search_postings", "SELECT t.term, a.content_hash, p.* EXCLUDE (term_id, asset_id)"
        + " FROM search_postings p JOIN search_terms t USING (term_id) JOIN search_assets a USING (asset_id)"
        + " ORDER BY ALL");
    QUERIES.put("search_info", "SELECT * FROM search_info ORDER BY ALL");
  }

  /** The comparisons that differ, each with the rows only one side has; empty when the caches are equal. */
  static List<String> differences(Path cache, Path rebuilt) throws SQLException {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> query : QUERIES.entrySet()) {
      List<String> ours = rows(cache, query.getValue());
      List<String> theirs = rows(rebuilt, query.getValue());
      if (!ours.equals(theirs)) {
        List<String> onlyOurs = new ArrayList<>(ours);
        onlyOurs.removeAll(theirs);
        List<String> onlyTheirs = new ArrayList<>(theirs);
        onlyTheirs.removeAll(ours);
        differences.add(query.getKey() + ":\n    only in the cache:   " + String.join("\n                         ", onlyOurs)
            + "\n    only in the rebuild: " + String.join("\n                         ", onlyTheirs)
            + (onlyOurs.isEmpty() && onlyTheirs.isEmpty() ? "\n    (same rows, another order)" : ""));
      }
    }
    return differences;
  }

  static List<String> rows(Path cache, String query) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache, readOnly);
        Statement sql = db.createStatement();
        ResultSet result = sql.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(result.getMetaData().getColumnName(i)).append('=')
              .append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
