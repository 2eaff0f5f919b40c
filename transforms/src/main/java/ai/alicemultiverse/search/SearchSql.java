package ai.alicemultiverse.search;

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

  static final String HIT_COLUMNS = "f.content_hash, f.media_type, f.format, f.mime, f.size_bytes, f.description,"
      + " f.provider, f.model, f.generated_at, f.processed_at, f.location_count, f.best_location";

  /** The ids and scores of one page of hits in the query's order, each row with the total. */
  static Sql page(SearchQuery q, Resolved r) {
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add(" matched AS MATERIALIZED (");
    matched(sql, q, r, "f.asset_id, " + (q.text() == null ? "NULL::DOUBLE" : score(r)) + " AS score"
        + (needsAssets(q) ? ", f.made_at, f.size_bytes" : ""));
    sql.add(") SELECT f.asset_id, f.score, (SELECT count(*) FROM matched) AS total FROM matched f ORDER BY "
        + q.effectiveSort().orderBy + " LIMIT ? OFFSET ?", (long) q.limit(), (long) q.offset());
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
      sql.add(" scored AS (SELECT asset_id, sum(weight)::DOUBLE AS bm25, count(*) AS words"
          + " FROM search_postings WHERE term_id IN ").list(r.termIds()).add(" GROUP BY asset_id),");
      if (r.phrase()) {
        // Shift each word's positions back by its place in the phrase: the phrase is there when
        // one start position is left in every shifted list. Only assets with every word are read.
        sql.add(" phrased AS (SELECT p.asset_id, true AS phrase FROM search_postings p JOIN (VALUES ");
        for (int i = 0; i < r.phraseTermIds().size(); i++) {
          sql.add((i == 0 ? "" : ", ") + "(?::INTEGER, ?::INTEGER)", r.phraseTermIds().get(i), i);
        }
        sql.add(") w(term_id, place) USING (term_id)"
            + " WHERE p.term_id IN ").list(r.termIds())
            .add(" AND p.asset_id IN (SELECT asset_id FROM scored WHERE words = ?)", (long) r.termIds().size())
            .add(" GROUP BY p.asset_id HAVING count(*) = ? AND len(list_reduce(list(list_transform(p.positions,"
                + " x -> x - w.place)), (a, b) -> list_intersect(a, b))) > 0),", (long) r.phraseTermIds().size());
      }
    }
  }

  /** Whether the query reads columns of search_assets (filters or a sort key beyond the id). */
  private static boolean needsAssets(SearchQuery q) {
    SearchSort sort = q.effectiveSort();
    return (q.tags().isEmpty() && q.text() == null) || !q.notTags().isEmpty() || q.mediaType() != null
        || q.mime() != null || q.provider() != null || q.model() != null || q.minSize() != null
        || q.maxSize() != null || q.since() != null || q.until() != null || q.locationPrefix() != null
        || q.storage() != null || q.minWidth() != null || q.minHeight() != null || q.minDuration() != null
        || q.maxDuration() != null || (sort != SearchSort.NEWEST && sort != SearchSort.RELEVANCE);
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
    if (q.locationPrefix() != null) {
      sql.add(" AND f.asset_id IN (SELECT asset_id FROM search_locations WHERE starts_with(path, ?))",
          q.locationPrefix());
    }
    if (q.storage() != null) {
      sql.add(" AND f.asset_id IN (SELECT asset_id FROM search_locations WHERE storage_type = ?)", q.storage());
    }
  }
}
