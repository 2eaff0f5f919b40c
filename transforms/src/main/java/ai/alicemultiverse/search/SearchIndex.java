package ai.alicemultiverse.search;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds the search tables of a cache from its {@code assets}, {@code locations} and {@code tags}
 * rows, once, while the cache file is being built (so queries never pay for it).
 *
 * <p>Why this layout: every asset gets a dense INTEGER id, numbered newest first, so "newest first"
 * is "lowest id first" and needs no sort. Tags and text terms are turned into small integer ids
 * and their postings are stored sorted by (id, asset_id): the rows of one tag or one term are
 * contiguous, so DuckDB's zone maps skip every other row group and a tag lookup reads a few
 * vectors instead of the whole table. BM25 depends on the query only through which terms it
 * names, so each posting's full BM25 weight (IDF included) is computed here, and a text query is
 * a sum over the postings of its terms. Each posting also keeps the term's positions
 * ({@code field * 65536 + word number}), so an exact phrase is checked on integers, without
 * re-reading any text.
 *
 * <p>Why it is built this way: every step works on whole columns (split, unnest, join, group),
 * never a lambda per row, and the plural rules run once per distinct word rather than once per
 * occurrence; at a million assets the text is tens of millions of words.
 *
 * <pre>
 *   search_assets      asset_id, content_hash, filter columns, best_location     (ART index on asset_id)
 *   search_locations   asset_id, path, storage_type
 *   search_tag_values  tag_id, category, value, value_key (folded), assets
 *   search_tags        tag_id, asset_id                                          (sorted by tag_id, asset_id)
 *   search_terms       term_id, term, df, idf
 *   search_postings    term_id, asset_id, weight (BM25), positions               (sorted by term_id, asset_id)
 *   search_info        key, value (documents, avg_length, k1, b)
 * </pre>
 */
public final class SearchIndex {
  /** BM25 term-frequency saturation. */
  static final double K1 = 1.2;
  /** BM25 length normalisation. */
  static final double B = 0.75;
  /** Positions are {@code field * FIELD_SPAN + word number}: a phrase never spans two fields. */
  static final int FIELD_SPAN = 65536;

  /** Tables a query needs; a cache without them was built before search existed. */
  static final String[] TABLES = {
    "search_assets", "search_locations", "search_tag_values", "search_tags", "search_terms",
    "search_postings", "search_info"
  };

  private SearchIndex() {}

  public static void build(Statement sql) throws SQLException {
    for (String step : steps()) {
      sql.execute(step);
    }
  }

  private static String[] steps() {
    return new String[] {
      // Ids on a narrow table first: numbering the wide rows directly sorts every column with them.
      "CREATE TEMP TABLE search_ids AS SELECT content_hash, (row_number() OVER (ORDER BY"
          + " coalesce(generated_at, processed_at) DESC NULLS LAST, content_hash) - 1)::INTEGER AS asset_id"
          + " FROM assets",
      // Local copies first, then network, then object stores: the one a user can open soonest.
      // Most assets have one location: only the others need the ranking.
      "CREATE TABLE search_assets AS"
          + " WITH best AS (SELECT content_hash, arg_min(path, (CASE storage_type WHEN 'local' THEN 0"
          + "   WHEN 'network' THEN 1 WHEN 's3' THEN 2 ELSE 3 END, length(path), path)) AS best_location"
          + "   FROM locations WHERE content_hash IN (SELECT content_hash FROM assets WHERE location_count > 1)"
          + "   GROUP BY content_hash)"
          + " SELECT i.asset_id, a.content_hash, a.media_type, a.format, a.mime, a.size_bytes, a.description,"
          + " a.provider, a.model, lower(a.provider) AS provider_key, lower(a.model) AS model_key,"
          + " a.generated_at, a.processed_at, coalesce(a.generated_at, a.processed_at) AS made_at,"
          + " a.location_count,"
          + " CASE WHEN a.location_count = 1 THEN a.locations[1].path ELSE best.best_location END AS best_location,"
          + " a.width, a.height, a.duration_seconds"
          // Not sorted: pages are fetched through the index below, and filters read every row anyway.
          + " FROM assets a JOIN search_ids i USING (content_hash) LEFT JOIN best USING (content_hash)",
      // A page of hits is fetched by id: an ART index turns that into a lookup instead of a scan
      // of the wide string columns.
      "CREATE UNIQUE INDEX search_assets_id ON search_assets (asset_id)",
      "CREATE TABLE search_locations AS SELECT i.asset_id, l.path, l.storage_type"
          + " FROM locations l JOIN search_ids i USING (content_hash) ORDER BY i.asset_id, l.path",
      "CREATE TABLE search_tag_values AS"
          + " SELECT (row_number() OVER (ORDER BY category, value) - 1)::INTEGER AS tag_id,"
          + " category, value, lower(strip_accents(value)) AS value_key, count(DISTINCT content_hash) AS assets"
          + " FROM tags GROUP BY category, value ORDER BY tag_id",
      "CREATE TABLE search_tags AS SELECT DISTINCT v.tag_id, i.asset_id"
          + " FROM tags t JOIN search_tag_values v USING (category, value) JOIN search_ids i USING (content_hash)"
          + " ORDER BY v.tag_id, i.asset_id",
      // The text of an asset: its description, both prompts and its tag values, one field each,
      // so a phrase never spans two fields.
      "CREATE TEMP TABLE search_fields AS"
          + " SELECT i.asset_id, 0 AS field, a.description AS text FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.description <> ''"
          + " UNION ALL SELECT i.asset_id, 1, a.generated_prompt FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.generated_prompt <> ''"
          + " UNION ALL SELECT i.asset_id, 2, a.prompt FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.prompt <> ''"
          + " UNION ALL SELECT t.asset_id, 2 + row_number() OVER (PARTITION BY t.asset_id ORDER BY t.tag_id), v.value"
          + "   FROM search_tags t JOIN search_tag_values v USING (tag_id)",
      "CREATE TEMP TABLE search_words AS"
          + " SELECT asset_id, field, unnest(w) AS word, generate_subscripts(w, 1)::INTEGER AS pos"
          + " FROM (SELECT asset_id, field, " + Terms.split("text") + " AS w FROM search_fields)",
      // The plural rules on each distinct word once, not on every occurrence; term ids follow the
      // terms' order, so every later step groups and sorts plain integers.
      "CREATE TEMP TABLE search_vocab AS SELECT word, " + Terms.STEM + " AS term"
          + " FROM (SELECT DISTINCT word, word AS t FROM search_words WHERE word <> '')",
      "CREATE TEMP TABLE search_term_ids AS SELECT (row_number() OVER (ORDER BY term) - 1)::INTEGER AS term_id, term"
          + " FROM (SELECT DISTINCT term FROM search_vocab)",
      "CREATE TEMP TABLE search_tf AS"
          + " SELECT w.asset_id, t.term_id, count(*)::INTEGER AS tf, list(w.field * " + FIELD_SPAN + " + w.pos)"
          + "   AS positions"
          + " FROM search_words w JOIN search_vocab v USING (word) JOIN search_term_ids t USING (term)"
          + " GROUP BY w.asset_id, t.term_id",
      "CREATE TEMP TABLE search_lengths AS SELECT asset_id, sum(tf)::INTEGER AS length FROM search_tf GROUP BY asset_id",
      "CREATE TABLE search_info AS"
          + " SELECT * FROM (VALUES ('k1', " + K1 + "::DOUBLE), ('b', " + B + "::DOUBLE)) v(key, value)"
          + " UNION ALL SELECT 'documents', count(*)::DOUBLE FROM search_assets"
          + " UNION ALL SELECT 'avg_length', coalesce((SELECT sum(length) FROM search_lengths)"
          + "   / nullif((SELECT count(*) FROM search_assets), 0), 0)::DOUBLE",
      "CREATE TABLE search_terms AS"
          + " SELECT t.term_id, t.term, df.df, ln(1 + (n - df.df + 0.5) / (df.df + 0.5)) AS idf"
          + " FROM search_term_ids t JOIN (SELECT term_id, count(*) AS df FROM search_tf GROUP BY term_id) df"
          + "   USING (term_id),"
          + "   (SELECT value AS n FROM search_info WHERE key = 'documents')"
          + " ORDER BY t.term_id",
      "CREATE TABLE search_postings AS"
          + " SELECT f.term_id, f.asset_id,"
          + " (t.idf * f.tf * (" + K1 + " + 1) / (f.tf + " + K1 + " * (1 - " + B + " + " + B
          + "   * d.length / nullif(avg.value, 0))))::FLOAT AS weight, f.positions"
          + " FROM search_tf f JOIN search_terms t USING (term_id) JOIN search_lengths d USING (asset_id),"
          + " (SELECT value FROM search_info WHERE key = 'avg_length') avg"
          + " ORDER BY f.term_id, f.asset_id",
      "DROP TABLE search_tf",
      "DROP TABLE search_lengths",
      "DROP TABLE search_term_ids",
      "DROP TABLE search_vocab",
      "DROP TABLE search_words",
      "DROP TABLE search_fields",
      "DROP TABLE search_ids",
    };
  }
}
