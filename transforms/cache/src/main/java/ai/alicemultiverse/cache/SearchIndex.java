package ai.alicemultiverse.cache;

import ai.alicemultiverse.text.Terms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Builds the search tables of a cache from its {@code assets}, {@code locations} and {@code tags}
 * rows while the cache file is being built, and keeps them up to date when ingest, scan or watch
 * change some of those rows in place.
 *
 * <p>Why this layout: every asset gets an INTEGER id in newest-first order, so "newest first" is
 * "lowest id first" and needs no sort. The ids are spread out ({@link #MAX_SPACING} apart), so an
 * asset that arrives later takes a free id between its neighbours instead of renumbering every
 * row. Tags and text terms are turned into small integer ids and their postings are stored sorted
 * by (id, asset_id): the rows of one tag or one term are contiguous, so DuckDB's zone maps skip
 * every other row group and a tag lookup reads a few vectors instead of the whole table. A posting
 * keeps the term's frequency and its asset's length; BM25 (with idf from the current document
 * frequencies) is computed by the query for the few terms it names, so adding an asset never
 * re-weighs the postings of the others. Each posting also keeps the term's positions
 * ({@code field * 65536 + word number}), so an exact phrase is checked on integers, without
 * re-reading any text.
 *
 * <p>Why it is built this way: at a million assets the text is tens of millions of words. A
 * rebuild gets each asset's terms ready-made from the pipeline (folded, stemmed and counted in
 * parallel by {@link Terms#index} in the workers), so loading only unnests, numbers and sorts
 * them. An update ({@link #update}) removes the changed assets' rows, adjusts the counts and
 * splits only their text in SQL, with the same rules ({@code TermsTest}, {@code SearchPathsTest}):
 * whole columns at a time, never a lambda per row, the plural rules once per distinct word. It
 * answers exactly as a full build would ({@code SearchIndexUpdateTest}).
 *
 * <pre>
 *   search_assets      asset_id, content_hash, filter columns, best_location     (ART index on asset_id)
 *   search_locations   asset_id, path, storage_type
 *   search_tag_values  tag_id, category, value, value_key (folded), assets
 *   search_tags        tag_id, asset_id                                          (sorted by tag_id, asset_id)
 *   search_terms       term_id, term, df
 *   search_postings    term_id, asset_id, tf, length, positions                  (sorted by term_id, asset_id)
 *   search_info        key, value (documents, total_length, avg_length, k1, b)
 * </pre>
 */
public final class SearchIndex {
  /** BM25 term-frequency saturation. */
  public static final double K1 = 1.2;
  /** BM25 length normalisation. */
  public static final double B = 0.75;
  /** Tables a query needs; a cache without them was built before search existed. */
  public static final List<String> TABLES = List.of(
      "search_assets", "search_locations", "search_tag_values", "search_tags", "search_terms",
      "search_postings", "search_info");

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
    sql.execute(SPACED_IDS);
    for (String step : rowsOfIds(true)) {
      sql.execute(step);
    }
    for (String step : termLists == null ? postingsInSql() : postingsFrom(termLists)) {
      sql.execute(step);
    }
    sql.execute("DROP TABLE search_ids");
  }

  /**
   * Brings the index up to date after the rows of the content hashes in {@code affected} (a
   * relation with a {@code content_hash} column) were changed, added or removed in {@code assets},
   * {@code locations} and {@code tags}, inside the caller's transaction. Only those assets' index
   * rows are removed and made again, so the cost follows the size of the change, not of the cache;
   * the result answers every query as a full {@link #build} of the same rows would
   * ({@code SearchIndexUpdateTest}). Builds the whole index instead when the cache has none in this
   * layout, or when the newest-first order has no free id left where a new asset belongs, even
   * after spreading out the ids around it.
   */
  public static void update(Statement sql, String affected) throws SQLException {
    if (!hasCurrentLayout(sql)) {
      rebuild(sql);
      return;
    }
    keepIdIndexNonUnique(sql);
    if (!placeAffected(sql, affected) || !idsAreFree(sql)) {
      dropTemp(sql, "search_gone", "search_order", "search_gaps", "search_ids");
      rebuild(sql);
      return;
    }
    sql.execute("CREATE TEMP TABLE search_touched_tags AS SELECT DISTINCT tag_id FROM search_tags"
        + " WHERE asset_id IN (SELECT asset_id FROM search_gone)");
    // take the assets' old postings out of the document frequencies and the total length
    sql.execute("UPDATE search_terms SET df = search_terms.df - g.n FROM (SELECT term_id, count(*)::INTEGER AS n"
        + " FROM search_postings WHERE asset_id IN (SELECT asset_id FROM search_gone) GROUP BY term_id) g"
        + " WHERE search_terms.term_id = g.term_id");
    sql.execute("UPDATE search_info SET value = value - (SELECT coalesce(sum(length), 0) FROM"
        + " (SELECT DISTINCT asset_id, length FROM search_postings WHERE asset_id IN (SELECT asset_id FROM search_gone)))"
        + " WHERE key = 'total_length'");
    for (String table : new String[] {"search_postings", "search_tags", "search_locations", "search_assets"}) {
      sql.execute("DELETE FROM " + table + " WHERE asset_id IN (SELECT asset_id FROM search_gone)");
    }
    // the assets as they are now, under their new ids
    for (String step : rowsOfIds(false)) {
      sql.execute(step);
    }
    sql.execute("INSERT INTO search_touched_tags SELECT DISTINCT tag_id FROM search_tags"
        + " WHERE asset_id IN (SELECT asset_id FROM search_ids)");
    sql.execute("UPDATE search_tag_values SET assets = c.n FROM (SELECT v.tag_id, count(t.asset_id) AS n"
        + " FROM search_tag_values v LEFT JOIN search_tags t USING (tag_id)"
        + " WHERE v.tag_id IN (SELECT tag_id FROM search_touched_tags) GROUP BY v.tag_id) c"
        + " WHERE search_tag_values.tag_id = c.tag_id");
    sql.execute("DELETE FROM search_tag_values WHERE assets = 0");
    for (String step : termsInSql()) {
      sql.execute(step);
    }
    sql.execute("INSERT INTO search_terms SELECT (SELECT coalesce(max(term_id), -1) FROM search_terms)"
        + " + row_number() OVER (ORDER BY term), term, 0"
        + " FROM (SELECT DISTINCT term FROM search_doc_terms WHERE term NOT IN (SELECT term FROM search_terms))");
    sql.execute("UPDATE search_terms SET df = search_terms.df + d.n FROM (SELECT term, count(*)::INTEGER AS n"
        + " FROM search_doc_terms GROUP BY term) d WHERE search_terms.term = d.term");
    sql.execute("DELETE FROM search_terms WHERE df = 0");
    sql.execute("INSERT INTO search_postings SELECT t.term_id, w.asset_id, w.tf, d.length, w.positions"
        + " FROM search_doc_terms w JOIN search_lengths d USING (asset_id) JOIN search_terms t USING (term)"
        + " ORDER BY t.term_id, w.asset_id");
    sql.execute("UPDATE search_info SET value = value + (SELECT coalesce(sum(length), 0) FROM search_lengths)"
        + " WHERE key = 'total_length'");
    sql.execute("UPDATE search_info SET value = (SELECT count(*) FROM search_assets) WHERE key = 'documents'");
    sql.execute("UPDATE search_info SET value = coalesce((SELECT value FROM search_info WHERE key = 'total_length')"
        + " / nullif((SELECT value FROM search_info WHERE key = 'documents'), 0), 0) WHERE key = 'avg_length'");
    dropTemp(sql, "search_gone", "search_ids", "search_touched_tags", "search_doc_terms", "search_lengths");
  }

  /**
   * Whether every id placed in {@code search_ids} is distinct and held by no asset that keeps its
   * row. Placement guarantees it; the id index no longer checks it (see {@link
   * #keepIdIndexNonUnique}), so it is checked here, and a full build is made instead should it fail.
   */
  private static boolean idsAreFree(Statement sql) throws SQLException {
    return SqlValues.single(sql, "SELECT (SELECT count(*) - count(DISTINCT asset_id) FROM search_ids)"
        + " + (SELECT count(*) FROM search_ids i JOIN search_assets a USING (asset_id)"
        + "    WHERE a.asset_id NOT IN (SELECT asset_id FROM search_gone))") == 0;
  }

  /**
   * An update removes an asset's rows and often puts them back under the same id (an asset edited
   * in place keeps its place in the order). Under a UNIQUE index DuckDB 1.5 can refuse that
   * re-insert within one transaction ("Duplicate key …": an ingest failed so in a crash campaign;
   * in a small table it does so every time unless the index was read before the delete), so the
   * index on {@code search_assets} is a plain one. Caches built before carry the UNIQUE one: it is
   * replaced here, once.
   */
  private static void keepIdIndexNonUnique(Statement sql) throws SQLException {
    java.util.List<String> unique = SqlValues.strings(sql, "SELECT index_name FROM duckdb_indexes()"
        + " WHERE database_name = current_database() AND table_name = 'search_assets' AND is_unique");
    for (String index : unique) {
      sql.execute("DROP INDEX \"" + index.replace("\"", "\"\"") + "\"");
    }
    if (!unique.isEmpty()) {
      sql.execute(ID_INDEX); // under another name: DuckDB refuses a name dropped in the same transaction
    }
  }

  /** Every {@code search_*} table made again from all the rows. */
  private static void rebuild(Statement sql) throws SQLException {
    for (String table : SqlValues.strings(sql, "SELECT table_name FROM duckdb_tables() WHERE database_name ="
        + " current_database() AND schema_name = 'main' AND NOT temporary AND starts_with(table_name, 'search_')")) {
      sql.execute("DROP TABLE \"" + table.replace("\"", "\"\"") + "\"");
    }
    build(sql);
  }

  /**
   * Whether the cache has every search table, in the layout queries read and {@link #update}
   * maintains: word positions, then term frequencies and lengths (for weights computed per query)
   * arrived later than the tables.
   */
  public static boolean hasCurrentLayout(Statement sql) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name ="
        + " current_database() AND schema_name = 'main' AND NOT temporary AND table_name IN ('"
        + String.join("', '", TABLES) + "')),"
        + " (SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database()"
        + "   AND table_name = 'search_postings' AND column_name IN ('tf', 'length', 'positions'))")) {
      rows.next();
      return rows.getLong(1) == TABLES.size() && rows.getLong(2) == 3;
    }
  }

  /**
   * {@code search_gone}: the ids the affected assets had; {@code search_ids}: an id for each
   * affected asset still in {@code assets}, in the gap of the newest-first order where it belongs
   * among the others, after spreading out the ids around a full gap if need be. False when some
   * gap still has no room (the caller then makes the whole index again).
   *
   * <p>The order is (made_at newest first, undated last, then content hash), and ids follow it.
   * One statement per step: as a single statement of CTEs, DuckDB took five times as long.
   */
  private static boolean placeAffected(Statement sql, String affected) throws SQLException {
    sql.execute("CREATE TEMP TABLE search_gone AS SELECT asset_id FROM search_assets"
        + " WHERE content_hash IN (SELECT content_hash FROM " + affected + ")");
    // A gap bisected again and again (new undated files fall between earlier ones, by hash) runs out
    // of ids: spread the ids around it and place again, a few times before making the index anew.
    for (int round = 0; round < 8; round++) {
      placeInGaps(sql, affected);
      long[] full = null;
      try (ResultSet rows = sql.executeQuery("SELECT before_id, after_id, count(*) FROM search_ids"
          + " WHERE asset_id IS NULL OR asset_id NOT BETWEEN " + Integer.MIN_VALUE + " AND " + Integer.MAX_VALUE
          + " GROUP BY ALL ORDER BY 3 DESC LIMIT 1")) {
        if (rows.next()) {
          long before = rows.getLong(1);
          boolean open = rows.wasNull();
          long after = rows.getLong(2);
          open |= rows.wasNull();
          full = open ? new long[0] : new long[] {before, after, rows.getLong(3)};
        }
      }
      if (full == null) {
        return true;
      }
      if (full.length == 0 || !spreadIdsAround(sql, full[0], full[1], full[2])) {
        return false; // at an end of the order (ids exhausted), or no room anywhere near
      }
    }
    return false;
  }

  /** {@code search_ids}: each affected asset's place between the kept ones, and its id (null when its gap is full). */
  private static void placeInGaps(Statement sql, String affected) throws SQLException {
    sql.execute("DROP TABLE IF EXISTS temp.main.search_ids");
    sql.execute("CREATE TEMP TABLE search_order AS SELECT content_hash, made_at, asset_id FROM search_assets"
        + " ANTI JOIN search_gone USING (asset_id)"
        + " UNION ALL SELECT content_hash, coalesce(generated_at, processed_at), NULL FROM assets"
        + " WHERE content_hash IN (SELECT content_hash FROM " + affected + ")");
    // The nearest kept id before and after each new asset in the order, both as running aggregates
    // from the start of an order (the nearest after is the running minimum in the reverse order):
    // a frame running to the end took DuckDB seconds at 1M rows.
    sql.execute("CREATE TEMP TABLE search_gaps AS SELECT * FROM (SELECT content_hash, made_at, asset_id,"
        + " max(asset_id) OVER (ORDER BY made_at DESC NULLS LAST, content_hash ROWS UNBOUNDED PRECEDING)::BIGINT"
        + "   AS before_id,"
        + " min(asset_id) OVER (ORDER BY made_at ASC NULLS FIRST, content_hash DESC ROWS UNBOUNDED PRECEDING)::BIGINT"
        + "   AS after_id FROM search_order)"
        + " WHERE asset_id IS NULL");
    sql.execute("DROP TABLE temp.main.search_order");
    sql.execute("CREATE TEMP TABLE search_ids AS SELECT content_hash, before_id, after_id, CASE"
        + "   WHEN before_id IS NULL AND after_id IS NULL THEN (place - 1) * " + MAX_SPACING
        + "   WHEN before_id IS NULL THEN after_id - (k + 1 - place) * " + MAX_SPACING
        + "   WHEN after_id IS NULL THEN before_id + place * " + MAX_SPACING
        + "   WHEN after_id - before_id > k THEN before_id + place * ((after_id - before_id) // (k + 1))"
        + "   END AS asset_id"
        + " FROM (SELECT content_hash, before_id, after_id,"
        + "   row_number() OVER (PARTITION BY before_id, after_id ORDER BY made_at DESC NULLS LAST, content_hash) AS place,"
        + "   count(*) OVER (PARTITION BY before_id, after_id) AS k FROM search_gaps)");
    sql.execute("DROP TABLE temp.main.search_gaps");
  }

  /**
   * Gives the kept assets around the full gap between ids {@code before} and {@code after} new ids
   * spread evenly over a window wide enough that every gap in it can take {@code newcomers}: the
   * {@code w} nearest on each side, w growing until it is. Their rows in every search table follow.
   * False when even the widest window has no room.
   */
  private static boolean spreadIdsAround(Statement sql, long before, long after, long newcomers) throws SQLException {
    long total = SqlValues.single(sql, "SELECT count(*) FROM search_assets");
    for (long w = 16; w / 4 <= total; w *= 4) {
      long lo = SqlValues.single(sql, "SELECT coalesce(min(asset_id), " + before + ") FROM (SELECT asset_id FROM search_assets"
          + " WHERE asset_id < " + before + " ORDER BY asset_id DESC LIMIT " + w + ")");
      long hi = SqlValues.single(sql, "SELECT coalesce(max(asset_id), " + after + ") FROM (SELECT asset_id FROM search_assets"
          + " WHERE asset_id > " + after + " ORDER BY asset_id LIMIT " + w + ")");
      long inside = SqlValues.single(sql, "SELECT count(*) FROM search_assets WHERE asset_id > " + lo + " AND asset_id < " + hi);
      long step = (hi - lo) / (inside + 1);
      if (step < 2 * (newcomers + 1)) {
        continue;
      }
      sql.execute("CREATE TEMP TABLE search_relabel AS SELECT asset_id AS old_id,"
          + " (" + lo + " + row_number() OVER (ORDER BY asset_id) * " + step + ")::INTEGER AS new_id"
          + " FROM search_assets WHERE asset_id > " + lo + " AND asset_id < " + hi);
      for (String table : new String[] {"search_postings", "search_tags", "search_locations", "search_gone"}) {
        sql.execute("UPDATE " + table + " SET asset_id = r.new_id FROM search_relabel r"
            + " WHERE " + table + ".asset_id = r.old_id");
      }
      // search_assets' ids are indexed: its rows move out and back in under their new ids
      sql.execute("CREATE TEMP TABLE search_moved AS SELECT r.new_id AS asset_id, a.* EXCLUDE (asset_id)"
          + " FROM search_assets a JOIN search_relabel r ON a.asset_id = r.old_id");
      sql.execute("DELETE FROM search_assets WHERE asset_id IN (SELECT old_id FROM search_relabel)");
      sql.execute("INSERT INTO search_assets SELECT * FROM search_moved");
      dropTemp(sql, "search_relabel", "search_moved");
      return true;
    }
    return false;
  }

  private static void dropTemp(Statement sql, String... tables) throws SQLException {
    for (String table : tables) {
      sql.execute("DROP TABLE IF EXISTS temp.main." + table);
    }
  }

  private static String[] postingsInSql() {
    String[] words = termsInSql();
    String[] rest = postings();
    String[] all = java.util.Arrays.copyOf(words, words.length + rest.length);
    System.arraycopy(rest, 0, all, words.length, rest.length);
    return all;
  }

  /** Not UNIQUE: ids are unique by construction ({@link #idsAreFree}); DuckDB's check refuses valid updates. */
  static final String ID_INDEX = "CREATE INDEX search_assets_by_id ON search_assets (asset_id)";

  /** The widest gap between two neighbours' ids, and the step past either end of the order. */
  public static final int MAX_SPACING = 1024;

  /**
   * Ids on a narrow table first (numbering the wide rows directly sorts every column with them),
   * newest first and spread out: ids {@code n * spacing} leave {@code spacing - 1} free ids between
   * neighbours, where {@link #update} puts assets that arrive later without renumbering the others.
   */
  private static final String SPACED_IDS = "CREATE TEMP TABLE search_ids AS SELECT content_hash,"
      + " ((row_number() OVER (ORDER BY coalesce(generated_at, processed_at) DESC NULLS LAST, content_hash) - 1)"
      + "   * (SELECT greatest(1, least(" + MAX_SPACING + ", " + Integer.MAX_VALUE + " // (count(*) + 1))) FROM assets)"
      + " )::INTEGER AS asset_id FROM assets";

  /**
   * The rows of the assets in {@code search_ids}, their locations and their tags: tables of their
   * own when {@code create}, else added to the existing ones.
   */
  private static String[] rowsOfIds(boolean create) {
    String assets = create ? "CREATE TABLE search_assets AS" : "INSERT INTO search_assets";
    String locations = create ? "CREATE TABLE search_locations AS" : "INSERT INTO search_locations";
    String tags = create ? "CREATE TABLE search_tags AS" : "INSERT INTO search_tags";
    String manyCopies = create ? "SELECT content_hash FROM assets WHERE location_count > 1"
        : "SELECT content_hash FROM assets WHERE location_count > 1"
            + " AND content_hash IN (SELECT content_hash FROM search_ids)";
    String tagValues = create
        ? "CREATE TABLE search_tag_values AS"
            + " SELECT (row_number() OVER (ORDER BY category, value) - 1)::INTEGER AS tag_id,"
            + " category, value, lower(strip_accents(value)) AS value_key, count(DISTINCT content_hash) AS assets"
            + " FROM tags GROUP BY category, value ORDER BY tag_id"
        // values new to the index; their counts are set once their rows are in
        : "INSERT INTO search_tag_values SELECT (SELECT coalesce(max(tag_id), -1) FROM search_tag_values)"
            + " + row_number() OVER (ORDER BY category, value), category, value, lower(strip_accents(value)), 0"
            + " FROM (SELECT DISTINCT category, value FROM tags WHERE content_hash IN (SELECT content_hash FROM search_ids)"
            + "   EXCEPT SELECT category, value FROM search_tag_values)";
    java.util.List<String> steps = new java.util.ArrayList<>(java.util.List.of(
      // Local copies first, then network, then object stores: the one a user can open soonest.
      // Most assets have one location: only the others need the ranking.
      assets
          + " WITH best AS (SELECT content_hash, arg_min(path, (CASE storage_type WHEN 'local' THEN 0"
          + "   WHEN 'network' THEN 1 WHEN 's3' THEN 2 ELSE 3 END, length(path), path)) AS best_location"
          + "   FROM locations WHERE state = 'present' AND content_hash IN (" + manyCopies + ")"
          + "   GROUP BY content_hash)"
          + " SELECT i.asset_id, a.content_hash, a.media_type, a.format, a.mime, a.size_bytes, a.description,"
          + " a.provider, a.model, lower(a.provider) AS provider_key, lower(a.model) AS model_key,"
          + " a.generated_at, a.processed_at, coalesce(a.generated_at, a.processed_at) AS made_at,"
          + " a.location_count,"
          + " CASE WHEN a.location_count = 1 THEN a.locations[1].path ELSE best.best_location END AS best_location,"
          + " a.width, a.height, a.duration_seconds, a.title, a.rating, a.label, a.taken_at, a.gps_lat, a.gps_lon"
          // Not sorted: pages are fetched through the index below, and filters read every row anyway.
          + " FROM assets a JOIN search_ids i USING (content_hash) LEFT JOIN best USING (content_hash)",
      locations + " SELECT i.asset_id, l.path, l.storage_type"
          // a copy a scan found gone (state 'missing') is no place to find the media
          + " FROM locations l JOIN search_ids i USING (content_hash) WHERE l.state = 'present'"
          + " ORDER BY i.asset_id, l.path",
      tagValues,
      tags + " SELECT DISTINCT v.tag_id, i.asset_id"
          + " FROM tags t JOIN search_tag_values v USING (category, value) JOIN search_ids i USING (content_hash)"
          + " ORDER BY v.tag_id, i.asset_id"));
    if (create) {
      // A page of hits is fetched by id: an ART index turns that into a lookup instead of a scan
      // of the wide string columns.
      steps.add(1, ID_INDEX);
    }
    return steps.toArray(String[]::new);
  }

  /**
   * One row per (asset, term) in {@code search_doc_terms}, and each asset's word count in
   * {@code search_lengths}, from the text of the {@code assets} rows.
   */
  private static String[] termsInSql() {
    return new String[] {
      // The text of an asset: its description, both prompts, its title and its tag values, one field each,
      // so a phrase never spans two fields.
      "CREATE TEMP TABLE search_fields AS"
          + " SELECT i.asset_id, 0 AS field, a.description AS text FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.description <> ''"
          + " UNION ALL SELECT i.asset_id, 1, a.generated_prompt FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.generated_prompt <> ''"
          + " UNION ALL SELECT i.asset_id, 2, a.prompt FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.prompt <> ''"
          + " UNION ALL SELECT i.asset_id, 3, a.title FROM assets a JOIN search_ids i USING (content_hash)"
          + "   WHERE a.title <> ''"
          // tag values in (category, value) order, as the pipeline's term lists number them
          + " UNION ALL SELECT t.asset_id, 3 + row_number() OVER (PARTITION BY t.asset_id ORDER BY v.category, v.value),"
          + "   v.value FROM search_tags t JOIN search_tag_values v USING (tag_id)"
          + "   WHERE t.asset_id IN (SELECT asset_id FROM search_ids)",
      "CREATE TEMP TABLE search_words AS"
          + " SELECT asset_id, field, unnest(w) AS word, generate_subscripts(w, 1)::INTEGER AS pos"
          + " FROM (SELECT asset_id, field, " + Terms.split("text") + " AS w FROM search_fields)",
      // The plural rules on each distinct word once, not on every occurrence.
      "CREATE TEMP TABLE search_vocab AS SELECT word, " + Terms.STEM + " AS term"
          + " FROM (SELECT DISTINCT word, word AS t FROM search_words WHERE word <> '')",
      "CREATE TEMP TABLE search_doc_terms AS"
          + " SELECT w.asset_id, v.term, count(*)::INTEGER AS tf, list(w.field * " + Terms.FIELD_SPAN + " + w.pos)"
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
