package ai.alicemultiverse.search;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds the search tables of a cache from its {@code assets}, {@code locations} and {@code tags}
 * rows, once, while the cache file is being built (so queries never pay for it).
 *
 * <p>Why this layout: every asset gets a dense BIGINT id, numbered newest first, so "newest first"
 * is "lowest id first" and needs no sort. Tags and text terms are turned into small integer ids
 * and their postings are stored sorted by (id, asset_id): the rows of one tag or one term are
 * contiguous, so DuckDB's zone maps skip every other row group and a tag lookup reads a few
 * vectors instead of the whole table. BM25 depends on the query only through which terms it
 * names, so each posting's full BM25 weight (IDF included) is computed here, and a text query is
 * a sum over the postings of its terms.
 *
 * <pre>
 *   search_assets      asset_id, content_hash, filter columns, best_location     (sorted by asset_id)
 *   search_locations   asset_id, path, storage_type
 *   search_tag_values  tag_id, category, value, value_key (folded), assets
 *   search_tags        tag_id, asset_id                                          (sorted by tag_id, asset_id)
 *   search_terms       term_id, term, df, idf
 *   search_postings    term_id, asset_id, weight (BM25)                          (sorted by term_id, asset_id)
 *   search_phrases     asset_id, text: each field's terms joined by ' ', fields by ' | '
 *   search_info        key, value (documents, avg_length, k1, b)
 * </pre>
 */
public final class SearchIndex {
  /** BM25 term-frequency saturation. */
  static final double K1 = 1.2;
  /** BM25 length normalisation. */
  static final double B = 0.75;

  /** Tables a query needs; a cache without them was built before search existed. */
  static final String[] TABLES = {
    "search_assets", "search_locations", "search_tag_values", "search_tags", "search_terms",
    "search_postings", "search_phrases", "search_info"
  };

  private SearchIndex() {}

  public static void build(Statement sql) throws SQLException {
    for (String step : steps()) {
      sql.execute(step);
    }
  }

  private static String[] steps() {
    return new String[] {
      // Local copies first, then network, then object stores: the one a user can open soonest.
      "CREATE TABLE search_assets AS"
          + " WITH best AS (SELECT content_hash, arg_min(path, (CASE storage_type WHEN 'local' THEN 0"
          + "   WHEN 'network' THEN 1 WHEN 's3' THEN 2 ELSE 3 END, length(path), path)) AS best_location"
          + "   FROM locations GROUP BY content_hash)"
          + " SELECT (row_number() OVER (ORDER BY coalesce(a.generated_at, a.processed_at) DESC NULLS LAST,"
          + "   a.content_hash) - 1)::BIGINT AS asset_id,"
          + " a.content_hash, a.media_type, a.format, a.mime, a.size_bytes, a.description,"
          + " a.provider, a.model, lower(a.provider) AS provider_key, lower(a.model) AS model_key,"
          + " a.generated_at, a.processed_at, coalesce(a.generated_at, a.processed_at) AS made_at,"
          + " a.location_count, best.best_location, a.generated_prompt, a.prompt"
          + " FROM assets a LEFT JOIN best USING (content_hash)"
          + " ORDER BY asset_id",
      // A page of hits is fetched by id: an ART index turns that into a lookup instead of a scan
      // of the wide string columns.
      "CREATE UNIQUE INDEX search_assets_id ON search_assets (asset_id)",
      "CREATE TABLE search_locations AS SELECT s.asset_id, l.path, l.storage_type"
          + " FROM locations l JOIN search_assets s USING (content_hash) ORDER BY s.asset_id, l.path",
      "CREATE TABLE search_tag_values AS"
          + " SELECT (row_number() OVER (ORDER BY category, value) - 1)::INTEGER AS tag_id,"
          + " category, value, lower(strip_accents(value)) AS value_key, count(*) AS assets"
          + " FROM (SELECT DISTINCT content_hash, category, value FROM tags) GROUP BY category, value"
          + " ORDER BY tag_id",
      "CREATE TABLE search_tags AS SELECT v.tag_id, s.asset_id"
          + " FROM (SELECT DISTINCT content_hash, category, value FROM tags) t"
          + " JOIN search_tag_values v USING (category, value) JOIN search_assets s USING (content_hash)"
          + " ORDER BY v.tag_id, s.asset_id",
      // The text of an asset: its description, both prompts and its tag values, one field each,
      // so a phrase never spans two fields.
      "CREATE TEMP TABLE search_fields AS"
          + " SELECT s.asset_id, list_transform(list_filter([s.description, s.generated_prompt, s.prompt]"
          + "   || coalesce(tv.tag_values, []), f -> f IS NOT NULL AND f <> ''), f -> " + Terms.of("f") + ")"
          + "   AS fields"
          + " FROM search_assets s LEFT JOIN (SELECT asset_id, list(v.value ORDER BY v.tag_id) AS tag_values"
          + "   FROM search_tags JOIN search_tag_values v USING (tag_id) GROUP BY asset_id) tv USING (asset_id)",
      "CREATE TEMP TABLE search_tf AS"
          + " SELECT asset_id, term, count(*) AS tf"
          + " FROM (SELECT asset_id, unnest(flatten(fields)) AS term FROM search_fields) GROUP BY asset_id, term",
      "CREATE TABLE search_info AS"
          + " SELECT * FROM (VALUES ('k1', " + K1 + "::DOUBLE), ('b', " + B + "::DOUBLE)) v(key, value)"
          + " UNION ALL SELECT 'documents', count(*)::DOUBLE FROM search_assets"
          + " UNION ALL SELECT 'avg_length', coalesce(avg(len(flatten(fields))), 0)::DOUBLE FROM search_fields",
      "CREATE TABLE search_terms AS"
          + " SELECT (row_number() OVER (ORDER BY term) - 1)::INTEGER AS term_id, term, df,"
          + " ln(1 + (n - df + 0.5) / (df + 0.5)) AS idf"
          + " FROM (SELECT term, count(*) AS df FROM search_tf GROUP BY term),"
          + "   (SELECT value AS n FROM search_info WHERE key = 'documents')"
          + " ORDER BY term_id",
      "CREATE TABLE search_postings AS"
          + " SELECT t.term_id, f.asset_id,"
          + " (t.idf * f.tf * (" + K1 + " + 1) / (f.tf + " + K1 + " * (1 - " + B + " + " + B
          + "   * d.length / nullif(avg.value, 0))))::FLOAT AS weight"
          + " FROM search_tf f JOIN search_terms t USING (term)"
          + " JOIN (SELECT asset_id, len(flatten(fields)) AS length FROM search_fields) d USING (asset_id),"
          + " (SELECT value FROM search_info WHERE key = 'avg_length') avg"
          + " ORDER BY t.term_id, f.asset_id",
      "CREATE TABLE search_phrases AS"
          + " SELECT asset_id, ' ' || array_to_string(list_transform(fields, f -> array_to_string(f, ' ')), ' | ')"
          + "   || ' ' AS text"
          + " FROM search_fields ORDER BY asset_id",
      "DROP TABLE search_tf",
      "DROP TABLE search_fields",
    };
  }
}
