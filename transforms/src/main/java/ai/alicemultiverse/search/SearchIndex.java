package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.LoadSteps;
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
 * <p>Why it is built this way: at a million assets the text is tens of millions of words. A
 * rebuild gets each asset's terms ready-made from the pipeline (folded, stemmed and counted in
 * parallel by {@link Terms#index} in the workers), so loading only unnests, numbers and sorts
 * them. An in-place update, which has no term lists for the assets it keeps, splits the text in
 * SQL instead, with the same rules ({@code TermsTest}, {@code SearchPathsTest}): whole columns at
 * a time, never a lambda per row, the plural rules once per distinct word.
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

  /** Builds the index from the rows of {@code assets}, splitting and stemming their text in SQL. */
  public static void build(Statement sql) throws SQLException {
    build(sql, null);
  }

  /**
   * Builds the index; when {@code termLists} is given (a relation with {@code content_hash},
   * {@code terms} and {@code term_count} per asset, as the pipeline writes them), its ready-made
   * term lists are used instead of splitting the text again: a rebuild then does no string work.
   */
  public static void build(Statement sql, String termLists) throws SQLException {
    build(new LoadSteps(sql), termLists);
  }

  /** {@link #build(Statement, String)}, timing each statement in {@code sql}. */
  public static void build(LoadSteps sql, String termLists) throws SQLException {
    for (String step : ids()) {
      sql.execute(step);
    }
    for (String step : termLists == null ? postingsInSql() : postingsFrom(termLists)) {
      sql.execute(step);
    }
    sql.execute("DROP TABLE search_ids");
  }

  private static String[] postingsInSql() {
    String[] words = termsInSql();
    String[] rest = postings();
    String[] all = java.util.Arrays.copyOf(words, words.length + rest.length);
    System.arraycopy(rest, 0, all, words.length, rest.length);
    return all;
  }

  private static String[] ids() {
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
    };
  }

  /**
   * One row per (asset, term) in {@code search_doc_terms}, and each asset's word count in
   * {@code search_lengths}, from the text of the {@code assets} rows.
   */
  private static String[] termsInSql() {
    return new String[] {
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
      // The plural rules on each distinct word once, not on every occurrence.
      "CREATE TEMP TABLE search_vocab AS SELECT word, " + Terms.STEM + " AS term"
          + " FROM (SELECT DISTINCT word, word AS t FROM search_words WHERE word <> '')",
      "CREATE TEMP TABLE search_doc_terms AS"
          + " SELECT w.asset_id, v.term, count(*)::INTEGER AS tf, list(w.field * " + FIELD_SPAN + " + w.pos)"
          + "   AS positions"
          + " FROM search_words w JOIN search_vocab v USING (word)"
          + " GROUP BY w.asset_id, v.term",
      "CREATE TEMP TABLE search_lengths AS SELECT asset_id, sum(tf)::INTEGER AS length FROM search_doc_terms"
          + " GROUP BY asset_id",
      "DROP TABLE search_vocab",
      "DROP TABLE search_words",
      "DROP TABLE search_fields",
    };
  }

  /**
   * The same tables straight from the pipeline's term lists (see {@link Terms#index}), with no
   * table of (asset, term) rows in between: the lists are read twice, once for each term's
   * document frequency and once for the postings, which is cheaper than writing tens of millions
   * of rows to read them back. The BM25 arithmetic is {@link #postings}' to the last bit.
   */
  private static String[] postingsFrom(String termLists) {
    return new String[] {
      info("(SELECT sum(term_count) FROM " + termLists + ")"),
      terms("SELECT t.term FROM (SELECT unnest(p.terms) AS t FROM " + termLists + " p)"),
      "CREATE TABLE search_postings AS"
          + " SELECT t.term_id, f.asset_id, f.tf, f.length, f.positions"
          + " FROM (SELECT i.asset_id, p.term_count AS length, unnest(p.terms, recursive := true)"
          + "   FROM " + termLists + " p JOIN search_ids i USING (content_hash)) f"
          + " JOIN search_terms t USING (term)"
          + " ORDER BY t.term_id, f.asset_id",
    };
  }

  /**
   * search_info: BM25's constants, the number of assets, their total and average length in terms
   * (the total is kept so an update can adjust the average).
   */
  private static String info(String totalLength) {
    return "CREATE TABLE search_info AS"
        + " SELECT * FROM (VALUES ('k1', " + K1 + "::DOUBLE), ('b', " + B + "::DOUBLE)) v(key, value)"
        + " UNION ALL SELECT 'documents', count(*)::DOUBLE FROM search_assets"
        + " UNION ALL SELECT 'total_length', coalesce(" + totalLength + ", 0)::DOUBLE"
        + " UNION ALL SELECT 'avg_length', coalesce(" + totalLength
        + "   / nullif((SELECT count(*) FROM search_assets), 0), 0)::DOUBLE";
  }

  /**
   * search_terms from one row per (asset, term) in {@code termRows}: each term's document
   * frequency in one pass; ids follow the terms' order, so the postings group and sort plain
   * integers.
   */
  private static String terms(String termRows) {
    return "CREATE TABLE search_terms AS"
        + " SELECT (row_number() OVER (ORDER BY term) - 1)::INTEGER AS term_id, term, df"
        + " FROM (SELECT term, count(*)::INTEGER AS df FROM (" + termRows + ") GROUP BY term)"
        + " ORDER BY term_id";
  }

  /** Term ids, document frequencies and the BM25-weighted postings, from {@code search_doc_terms}. */
  private static String[] postings() {
    return new String[] {
      info("(SELECT sum(length) FROM search_lengths)"),
      terms("SELECT term FROM search_doc_terms"),
      "CREATE TABLE search_postings AS"
          + " SELECT t.term_id, f.asset_id, f.tf, f.length, f.positions"
          + " FROM (SELECT w.asset_id, w.term, w.tf, w.positions, d.length FROM search_doc_terms w"
          + "   JOIN search_lengths d USING (asset_id)) f JOIN search_terms t USING (term)"
          + " ORDER BY t.term_id, f.asset_id",
      "DROP TABLE search_doc_terms",
      "DROP TABLE search_lengths",
    };
  }
}
