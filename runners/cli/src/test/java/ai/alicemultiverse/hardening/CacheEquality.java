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
 * column, but for what is honestly per run. Left out, and why:
 * <ul>
 *   <li>{@code runs}: the history of the commands that made the cache, not a fact about the files;
 *   <li>{@code last_verified} (of {@code locations} and of each asset's location list), {@code errors.seen_at}:
 *       when a command last read the file;
 *   <li>{@code errors.stage}: which command met the error (an ingest's "ingest", a rebuild's "extract"),
 *       the file and the reason are compared;
 *   <li>the locations a scan (or ingest) marked {@code missing} and the assets left with none of their copies
 *       present (location_count 0, with their tags and search rows): a scan's memory of vanished files,
 *       which a rebuild of what is there cannot have. While the cache holds such assets, the search
 *       tables' stored counts (a tag's assets, a term's df, the document totals of search_info) count
 *       them too: the counts are then compared as recomputed over the present assets, and search_info
 *       by its constants only;
 *   <li>the search tables' internal ids (asset, tag and term numbers): they are compared by what they
 *       name (content hash, tag, term), and assets by their newest-first order.
 * </ul>
 */
final class CacheEquality {
  private CacheEquality() {}

  private static final String PRESENT = "content_hash IN (SELECT content_hash FROM assets WHERE location_count > 0)";

  /** Each comparison: a name and a query over one cache, rows in a fixed order. */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("assets", "SELECT * EXCLUDE (locations), list_transform(locations, l -> l.path || ' ' || l.storage_type"
        + " || ' ' || coalesce(l.metadata_version::VARCHAR, '-') || ' ' || l.size_bytes || ' ' || l.last_modified"
        + " || ' ' || l.hash_source || ' ' || l.has_metadata) FROM assets WHERE location_count > 0 ORDER BY content_hash");
    QUERIES.put("locations", "SELECT * EXCLUDE (last_verified) FROM locations WHERE state = 'present' ORDER BY path");
    QUERIES.put("tags", "SELECT * FROM tags WHERE " + PRESENT + " ORDER BY ALL");
    QUERIES.put("errors", "SELECT path, reason FROM errors ORDER BY ALL");
    QUERIES.put("cache_info", "SELECT * FROM cache_info ORDER BY ALL");
    QUERIES.put("search_assets", "SELECT * EXCLUDE (asset_id), row_number() OVER (ORDER BY asset_id) AS newest_first"
        + " FROM search_assets WHERE " + PRESENT + " ORDER BY content_hash");
    QUERIES.put("search_locations", "SELECT a.content_hash, l.* EXCLUDE (asset_id) FROM search_locations l"
        + " JOIN search_assets a USING (asset_id) WHERE a." + PRESENT + " ORDER BY ALL");
    QUERIES.put("search_tag_values", "SELECT * EXCLUDE (tag_id) FROM search_tag_values WHERE assets > 0 ORDER BY ALL");
    QUERIES.put("search_tags", "SELECT v.category, v.value, a.content_hash FROM search_tags t"
        + " JOIN search_tag_values v USING (tag_id) JOIN search_assets a USING (asset_id) WHERE a." + PRESENT
        + " ORDER BY ALL");
    QUERIES.put("search_terms", "SELECT term, df FROM search_terms WHERE df > 0 ORDER BY ALL");
    QUERIES.put("search_postings", "SELECT t.term, a.content_hash, p.* EXCLUDE (term_id, asset_id)"
        + " FROM search_postings p JOIN search_terms t USING (term_id) JOIN search_assets a USING (asset_id)"
        + " WHERE a." + PRESENT + " ORDER BY ALL");
    QUERIES.put("search_info", "SELECT * FROM search_info ORDER BY ALL");
  }

  /** The search tables' counts over the present assets only, for a cache that remembers vanished ones. */
  static final Map<String, String> PRESENT_COUNTS = Map.of(
      "search_tag_values", "SELECT v.category, v.value, v.value_key, count(DISTINCT a.content_hash) AS assets"
          + " FROM search_tag_values v JOIN search_tags t USING (tag_id) JOIN search_assets a USING (asset_id)"
          + " WHERE a." + PRESENT + " GROUP BY ALL ORDER BY ALL",
      "search_terms", "SELECT t.term, count(DISTINCT a.content_hash) AS df FROM search_terms t"
          + " JOIN search_postings p USING (term_id) JOIN search_assets a USING (asset_id)"
          + " WHERE a." + PRESENT + " GROUP BY ALL ORDER BY ALL",
      "search_info", "SELECT * FROM search_info WHERE key IN ('k1', 'b') ORDER BY ALL");

  /** The comparisons that differ, each with the rows only one side has; empty when the caches are equal. */
  static List<String> differences(Path cache, Path rebuilt) throws SQLException {
    List<String> differences = new ArrayList<>();
    boolean remembersVanished = !rows(cache, "SELECT 1 FROM assets WHERE location_count = 0 LIMIT 1").isEmpty();
    for (Map.Entry<String, String> stored : QUERIES.entrySet()) {
      Map.Entry<String, String> query = remembersVanished && PRESENT_COUNTS.containsKey(stored.getKey())
          ? Map.entry(stored.getKey(), PRESENT_COUNTS.get(stored.getKey())) : stored;
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
