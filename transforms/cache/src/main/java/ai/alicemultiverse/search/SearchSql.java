package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.SearchIndex;
import java.util.List;

/**
 * Builds the SQL of a search from a query and its resolved term ids. Every value from the user is
 * a bound parameter; only fixed fragments and the sort (an enum) are part of the text.
 *
 * <p>One statement answers a page: the matches are computed once ({@code matched}, materialised)
 * and both the page and the total are read from them, so a search costs one pass, not one for
 * the page and another for the count.
 *
 * <pre>
 *   WITH tagged  AS (ids with tag A  INTERSECT  ids with tag B)         -- UNION for --any
 *        scored  AS (asset_id, sum of BM25 weights, words matched)      -- --text
 *        phrased AS (assets with every word whose positions line up)    -- two words or more
 *        matched AS (asset_id, score, sort keys  WHERE filters)
 *   SELECT asset_id, score, (SELECT count(*) FROM matched) FROM matched ORDER BY ... LIMIT ? OFFSET ?
 * </pre>
 */
final class SearchSql {
  private SearchSql() {}

  /** The Earth's mean radius (IUGG), for {@code --near}. */
  private static final double EARTH_KM = 6371.0088;

  static final String HIT_COLUMNS = "f.content_hash, f.media_type, f.format, f.mime, f.size_bytes, f.description,"
      + " f.provider, f.model, f.generated_at, f.processed_at, f.location_count, f.best_location";

  /** The ids and scores of one page of hits in the query's order, each row with the total. */
  static Sql page(SearchQuery q, Resolved r) {
    if (textOnly(q, r)) {
      return textPage(q, r);
    }
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add(" matched AS MATERIALIZED (");
    matched(sql, q, r, "f.asset_id, " + (q.text() == null ? "NULL::DOUBLE" : score(r)) + " AS score"
        + (needsAssets(q) ? ", f.made_at, f.size_bytes" : ""));
    sql.add(") SELECT f.asset_id, f.score, (SELECT count(*) FROM matched) AS total FROM matched f ORDER BY "
        + q.effectiveSort().orderBy + " LIMIT ? OFFSET ?", (long) q.limit(), (long) q.offset());
    return sql;
  }

  /**
   * Whether the query is words alone, ranked by relevance: then {@link #textPage} can rank without
   * scoring every asset that holds its commonest word. (A repeated single word, "neon neon", is a
   * phrase over one term and takes the general path.)
   */
  static boolean textOnly(SearchQuery q, Resolved r) {
    return q.text() != null && q.tags().isEmpty() && !needsAssets(q) && q.effectiveSort() == SearchSort.RELEVANCE
        && r.commonest() >= 0 && !(r.phrase() && r.termIds().size() == 1);
  }

  /**
   * A page of a words-only query, reading a bounded set of postings. The commonest word's list is
   * the long one (a word in most assets has hundreds of thousands of postings); it is never
   * aggregated:
   *
   * <ul>
   *   <li>{@code others}: every asset holding any of the other words, fully scored (their
   *       postings plus the commonest word's postings of those same assets). Only these can hold
   *       every word, so only these can hold the phrase.
   *   <li>{@code common}: the rest hold the commonest word alone, so their score is that word's
   *       weight; only the best {@code offset + limit} of them can reach the page, and those are
   *       the first rows of its list by weight.
   * </ul>
   *
   * Any asset left out is preceded by {@code offset + limit} assets that score at least as much and
   * come first on ties, so the page is exactly the general path's. The total is counted without
   * reading the long list: assets in {@code others}, plus the commonest word's document frequency,
   * minus the assets counted in both.
   *
   * <pre>
   *   WITH others  AS (asset_id, BM25, words matched, holds the commonest word)  -- other words' assets
   *        phrased AS (assets of others with every word whose positions line up)
   *        common  AS (best offset+limit postings of the commonest word, outside others)
   *   SELECT asset_id, score, total FROM others ∪ common ORDER BY score DESC, asset_id LIMIT ? OFFSET ?
   * </pre>
   */
  static Sql textPage(SearchQuery q, Resolved r) {
    List<Integer> others = r.termIds().stream().filter(id -> id != r.commonest()).toList();
    Sql sql = new Sql().add("WITH others AS MATERIALIZED (SELECT asset_id, sum(").append(weight(r)).add(") AS bm25,"
        + " count(*) AS words, bool_or(term_id = ?) AS has_common FROM search_postings WHERE ", (long) r.commonest());
    if (others.isEmpty()) {
      sql.add("false");
    } else {
      sql.add("term_id IN ").list(r.termIds())
          .add(" AND asset_id IN (SELECT asset_id FROM search_postings WHERE term_id IN ").list(others).add(")");
    }
    sql.add(" GROUP BY asset_id),");
    if (r.phrase()) {
      phrased(sql, r, "others", true);
    }
    sql.add(" common AS (SELECT asset_id, ").append(weight(r)).add(" AS bm25 FROM search_postings WHERE term_id = ?"
        + " AND asset_id NOT IN (SELECT asset_id FROM others) ORDER BY bm25 DESC, asset_id LIMIT ?),",
        (long) r.commonest(), (long) q.limit() + q.offset());
    sql.add(" candidates AS (SELECT f.asset_id, " + score(r) + " AS score FROM others f"
        + (r.phrase() ? " LEFT JOIN phrased USING (asset_id)" : "")
        + " UNION ALL SELECT asset_id, bm25 FROM common)");
    sql.add(" SELECT f.asset_id, f.score, (SELECT count(*) FROM others) + ?"
        + " - (SELECT count(*) FROM others WHERE has_common) AS total"
        + " FROM candidates f ORDER BY " + SearchSort.RELEVANCE.orderBy + " LIMIT ? OFFSET ?",
        r.commonestDf(), (long) q.limit(), (long) q.offset());
    return sql;
  }

  /** The output columns of the given assets (an index lookup on asset_id). */
  static Sql fetch(List<Integer> assetIds) {
    return new Sql().add("SELECT f.asset_id, " + HIT_COLUMNS + " FROM search_assets f WHERE f.asset_id IN ")
        .list(assetIds);
  }

  /** Counts per tag, media type and provider over everything that matches; top {@code perGroup} of each. */
  static Sql facets(SearchQuery q, Resolved r, int perGroup) {
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add(" matched AS (");
    matched(sql, q, r, "f.asset_id, f.media_type, f.provider", true);
    sql.add(") SELECT facet, value, n FROM ("
        + " SELECT 'tag:' || v.category AS facet, v.value, count(*) AS n"
        + "   FROM matched JOIN search_tags t USING (asset_id) JOIN search_tag_values v USING (tag_id)"
        + "   GROUP BY v.category, v.value"
        + " UNION ALL SELECT 'media_type', media_type, count(*) FROM matched GROUP BY media_type"
        + " UNION ALL SELECT 'provider', coalesce(provider, '(none)'), count(*) FROM matched GROUP BY provider)"
        + " QUALIFY row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) <= ?"
        + " ORDER BY CASE facet WHEN 'media_type' THEN 0 WHEN 'provider' THEN 1 ELSE 2 END, facet, n DESC, value",
        (long) perGroup);
    return sql;
  }

  /**
   * A posting's BM25 weight: its term's idf (looked up with the query's words) times its term
   * frequency, saturated by k1 and normalised by its asset's length against the average (b).
   * Computed per query from counts kept current, so an in-place update of a few assets never has
   * to re-weigh the postings of all the others.
   */
  private static Sql weight(Resolved r) {
    Sql sql = new Sql().add("(CASE term_id");
    r.idf().forEach((termId, idf) -> sql.add(" WHEN ?::INTEGER THEN ?::DOUBLE", termId, idf));
    // Rounded to FLOAT: a sum of a few floats is exact in a DOUBLE whatever the order the threads
    // add them in, so equal documents score equal and pages never reorder between runs.
    return sql.add(" END * tf * " + (SearchIndex.K1 + 1) + " / (tf + " + SearchIndex.K1 + " * (1 - " + SearchIndex.B
        + " + " + SearchIndex.B + " * length / nullif(?::DOUBLE, 0))))::FLOAT::DOUBLE", r.avgLength());
  }

  private static String score(Resolved r) {
    return r.phrase() ? "bm25 + CASE WHEN phrase THEN " + r.phraseBonus() + " ELSE 0 END" : "bm25";
  }

  /** Ids of the tags a filter names: a bare value matches in every category. */
  private static Sql tagIds(List<TagFilter> tags) {
    Sql sql = new Sql().add("(SELECT tag_id FROM search_tag_values WHERE false");
    for (TagFilter tag : tags) {
      sql.add(" OR (value_key = lower(strip_accents(?))", tag.value());
      if (tag.category() != null) {
        sql.add(" AND category = ?", tag.category());
      }
      sql.add(")");
    }
    return sql.add(")");
  }

  private static void ctes(Sql sql, SearchQuery q, Resolved r) {
    sql.add("WITH");
    if (!q.tags().isEmpty()) {
      sql.add(" tagged AS (");
      if (q.anyTag() || q.tags().size() == 1) {
        sql.add("SELECT DISTINCT asset_id FROM search_tags WHERE tag_id IN ").append(tagIds(q.tags()));
      } else {
        String joiner = "";
        for (TagFilter tag : q.tags()) {
          // INTERSECT is a set operation: a value found in two categories still counts once.
          sql.add(joiner + "SELECT asset_id FROM search_tags WHERE tag_id IN ").append(tagIds(List.of(tag)));
          joiner = " INTERSECT ";
        }
      }
      sql.add("),");
    }
    if (q.text() != null) {
      sql.add(" scored AS (SELECT asset_id, sum(").append(weight(r)).add(") AS bm25, count(*) AS words"
          + " FROM search_postings WHERE term_id IN ").list(r.termIds()).add(" GROUP BY asset_id),");
      if (r.phrase()) {
        phrased(sql, r, "scored", false);
      }
    }
  }

  /**
   * The {@code phrased} CTE over the assets of {@code scored} (a CTE with asset_id and words).
   * Shift each word's positions back by its place in the phrase: the phrase is there when one
   * start position is left in every shifted list. Only assets with every word are read.
   *
   * <p>{@code materialise}: read those assets' postings into a table of their own first, so the
   * postings of a common word are not all paired with the phrase's places before being dropped
   * (pays on the words-only path, where the candidates are few; with filters, the filters'
   * matches are what is small, and the plain form is quicker).
   */
  private static void phrased(Sql sql, Resolved r, String scored, boolean materialise) {
    String candidates = " (SELECT asset_id FROM " + scored + " WHERE words = ?)";
    String rows = "search_postings";
    if (materialise) {
      sql.add(" phrase_rows AS MATERIALIZED (SELECT p.asset_id, p.term_id, p.positions FROM search_postings p"
          + " JOIN" + candidates + " c USING (asset_id) WHERE p.term_id IN ", (long) r.termIds().size())
          .list(r.termIds()).add("),");
      rows = "phrase_rows";
    }
    sql.add(" phrased AS (SELECT p.asset_id, true AS phrase FROM " + rows + " p JOIN (VALUES ");
    for (int i = 0; i < r.phraseTermIds().size(); i++) {
      sql.add((i == 0 ? "" : ", ") + "(?::INTEGER, ?::INTEGER)", r.phraseTermIds().get(i), i);
    }
    sql.add(") w(term_id, place) USING (term_id) WHERE p.term_id IN ").list(r.termIds());
    if (!materialise) {
      sql.add(" AND p.asset_id IN" + candidates, (long) r.termIds().size());
    }
    sql.add(" GROUP BY p.asset_id HAVING count(*) = ? AND len(list_reduce(list(list_transform(p.positions,"
        + " x -> x - w.place)), (a, b) -> list_intersect(a, b))) > 0),", (long) r.phraseTermIds().size());
  }

  /** Whether the query reads columns of search_assets (filters or a sort key beyond the id). */
  private static boolean needsAssets(SearchQuery q) {
    SearchSort sort = q.effectiveSort();
    return (q.tags().isEmpty() && q.text() == null) || !q.notTags().isEmpty() || q.mediaType() != null
        || q.mime() != null || q.provider() != null || q.model() != null || q.minSize() != null
        || q.maxSize() != null || q.since() != null || q.until() != null || q.locationPrefix() != null
        || q.storage() != null || q.minWidth() != null || q.minHeight() != null || q.minDuration() != null
        || q.maxDuration() != null || q.readsDescribedColumns() || (sort != SearchSort.NEWEST && sort != SearchSort.RELEVANCE);
  }

  private static void matched(Sql sql, SearchQuery q, Resolved r, String columns) {
    matched(sql, q, r, columns, needsAssets(q));
  }

  private static void matched(Sql sql, SearchQuery q, Resolved r, String columns, boolean assets) {
    String from;
    if (assets) {
      from = "search_assets f";
      if (!q.tags().isEmpty()) {
        from += " JOIN tagged USING (asset_id)";
      }
      if (q.text() != null) {
        from += " JOIN scored USING (asset_id)";
      }
    } else if (!q.tags().isEmpty()) {
      // Tags (and words) alone: the ids are the answer, the wide asset rows are not read.
      from = "tagged f" + (q.text() != null ? " JOIN scored USING (asset_id)" : "");
    } else {
      from = "scored f";
    }
    if (r.phrase()) {
      from += " LEFT JOIN phrased USING (asset_id)";
    }
    sql.add("SELECT " + columns + " FROM " + from + " WHERE true");
    if (!q.notTags().isEmpty()) {
      sql.add(" AND f.asset_id NOT IN (SELECT asset_id FROM search_tags WHERE tag_id IN ")
          .append(tagIds(q.notTags())).add(")");
    }
    if (q.mediaType() != null) {
      sql.add(" AND f.media_type = ?", q.mediaType());
    }
    if (q.mime() != null) {
      sql.add(" AND lower(f.mime) = ?", q.mime());
    }
    if (q.provider() != null) {
      sql.add(" AND f.provider_key = lower(?)", q.provider());
    }
    if (q.model() != null) {
      sql.add(" AND f.model_key = lower(?)", q.model());
    }
    if (q.minSize() != null) {
      sql.add(" AND f.size_bytes >= ?", q.minSize());
    }
    if (q.maxSize() != null) {
      sql.add(" AND f.size_bytes <= ?", q.maxSize());
    }
    if (q.minWidth() != null) {
      sql.add(" AND f.width >= ?", q.minWidth());
    }
    if (q.minHeight() != null) {
      sql.add(" AND f.height >= ?", q.minHeight());
    }
    if (q.minDuration() != null) {
      sql.add(" AND f.duration_seconds >= ?", q.minDuration());
    }
    if (q.maxDuration() != null) {
      sql.add(" AND f.duration_seconds <= ?", q.maxDuration());
    }
    if (q.since() != null) {
      sql.add(" AND f.made_at >= CAST(? AS TIMESTAMPTZ)", q.since().toString());
    }
    if (q.until() != null) {
      sql.add(" AND f.made_at < CAST(? AS TIMESTAMPTZ)", q.until().toString());
    }
    if (q.minRating() != null) {
      sql.add(" AND f.rating >= ?", (long) q.minRating());
    }
    if (q.takenSince() != null) {
      sql.add(" AND f.taken_at >= CAST(? AS TIMESTAMP)", q.takenSince().toString());
    }
    if (q.takenUntil() != null) {
      sql.add(" AND f.taken_at < CAST(? AS TIMESTAMP)", q.takenUntil().toString());
    }
    if (q.near() != null) {
      // haversine on a sphere of the Earth's mean radius: within 0.5% of the distance on the ellipsoid
      SearchQuery.Near near = q.near();
      sql.add(" AND 2 * " + EARTH_KM + " * asin(least(1, sqrt(pow(sin(radians(f.gps_lat - ?) / 2), 2)"
          + " + cos(radians(?)) * cos(radians(f.gps_lat)) * pow(sin(radians(f.gps_lon - ?) / 2), 2)))) <= ?",
          near.latitude(), near.latitude(), near.longitude(), near.km());
    }
    if (q.locationPrefix() != null) {
      // by whole segments, as a root holds its files: /x/sun holds /x/sun/a.png, not /x/sunset.jpg
      String place = q.locationPrefix().endsWith("/") && q.locationPrefix().length() > 1
          ? q.locationPrefix().substring(0, q.locationPrefix().length() - 1) : q.locationPrefix();
      sql.add(" AND f.asset_id IN (SELECT asset_id FROM search_locations WHERE path = ? OR starts_with(path, ?))",
          place, place.endsWith("/") ? place : place + "/");
    }
    if (q.storage() != null) {
      sql.add(" AND f.asset_id IN (SELECT asset_id FROM search_locations WHERE storage_type = ?)", q.storage());
    }
  }
}
