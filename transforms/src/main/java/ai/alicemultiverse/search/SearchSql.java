package ai.alicemultiverse.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SQL of a search from a query and its resolved ids. Every value from the user is a
 * bound parameter; only fixed fragments and the sort (an enum) are part of the text.
 *
 * <pre>
 *   WITH tagged  AS (ids of assets with tag A  INTERSECT  ... with tag B)     -- UNION for --any
 *        scored  AS (asset_id, sum of BM25 weights, words matched)            -- --text
 *        phrased AS (assets with every word whose phrase text holds the query) -- two words or more
 *   SELECT ... FROM search_assets f JOIN tagged JOIN scored LEFT JOIN phrased WHERE filters
 * </pre>
 */
final class SearchSql {
  private SearchSql() {}

  static final String HIT_COLUMNS = "f.content_hash, f.media_type, f.format, f.mime, f.size_bytes, f.description,"
      + " f.provider, f.model, f.generated_at, f.processed_at, f.location_count, f.best_location";

  /**
   * The ids (and scores) of one page of hits in the query's order. Only narrow columns are read
   * here; the page's wide columns are fetched by id afterwards ({@link #fetch}).
   */
  static Sql page(SearchQuery q, Resolved r) {
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add("SELECT f.asset_id, " + (q.text() == null ? "NULL::DOUBLE" : score(r)) + " AS score");
    from(sql, q, r);
    sql.add(" ORDER BY " + q.effectiveSort().orderBy + " LIMIT ? OFFSET ?", (long) q.limit(), (long) q.offset());
    return sql;
  }

  /** The output columns of the given assets (an index lookup on asset_id). */
  static Sql fetch(List<Long> assetIds) {
    return new Sql().add("SELECT f.asset_id, " + HIT_COLUMNS + " FROM search_assets f WHERE f.asset_id IN ")
        .list(assetIds);
  }

  /** How many assets match in all. */
  static Sql count(SearchQuery q, Resolved r) {
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add("SELECT count(*)");
    from(sql, q, r);
    return sql;
  }

  /** Counts per tag, media type and provider over everything that matches; top {@code perGroup} of each. */
  static Sql facets(SearchQuery q, Resolved r, int perGroup) {
    Sql sql = new Sql();
    ctes(sql, q, r);
    sql.add((hasCtes(q, r) ? ", " : "WITH ") + "matched AS (SELECT f.asset_id, f.media_type, f.provider");
    from(sql, q, r);
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

  private static boolean hasCtes(SearchQuery q, Resolved r) {
    return !r.tagGroups().isEmpty() || q.text() != null;
  }

  private static String score(Resolved r) {
    return r.phrase() == null ? "scored.bm25" : "scored.bm25 + CASE WHEN phrased.asset_id IS NULL THEN 0 ELSE "
        + r.phraseBonus() + " END";
  }

  private static void ctes(Sql sql, SearchQuery q, Resolved r) {
    List<Sql> parts = new ArrayList<>();
    if (!r.tagGroups().isEmpty()) {
      Sql tagged = new Sql().add("tagged AS (");
      if (q.anyTag()) {
        List<Integer> all = new ArrayList<>();
        r.tagGroups().forEach(all::addAll);
        tagged.add("SELECT DISTINCT asset_id FROM search_tags WHERE tag_id IN ").list(all);
      } else {
        String joiner = "";
        for (List<Integer> group : r.tagGroups()) {
          // INTERSECT is a set operation: a value found in two categories still counts once.
          tagged.add(joiner + "SELECT asset_id FROM search_tags WHERE tag_id IN ").list(group);
          joiner = " INTERSECT ";
        }
        if (r.tagGroups().size() == 1 && r.tagGroups().get(0).size() > 1) {
          tagged = new Sql().add("tagged AS (SELECT DISTINCT asset_id FROM search_tags WHERE tag_id IN ")
              .list(r.tagGroups().get(0));
        }
      }
      parts.add(tagged.add(")"));
    }
    if (q.text() != null) {
      parts.add(new Sql().add("scored AS (SELECT asset_id, sum(weight)::DOUBLE AS bm25, count(*) AS words"
          + " FROM search_postings WHERE term_id IN ").list(r.termIds()).add(" GROUP BY asset_id)"));
      if (r.phrase() != null) {
        parts.add(new Sql().add("phrased AS (SELECT asset_id FROM search_phrases WHERE asset_id IN"
            + " (SELECT asset_id FROM scored WHERE words = ?) AND contains(text, ?))",
            (long) r.termIds().size(), r.phrase()));
      }
    }
    String joiner = "WITH ";
    for (Sql part : parts) {
      sql.add(joiner).append(part);
      joiner = ", ";
    }
    if (!parts.isEmpty()) {
      sql.add(" ");
    }
  }

  private static void from(Sql sql, SearchQuery q, Resolved r) {
    sql.add(" FROM search_assets f");
    if (!r.tagGroups().isEmpty()) {
      sql.add(" JOIN tagged USING (asset_id)");
    }
    if (q.text() != null) {
      sql.add(" JOIN scored USING (asset_id)");
      if (r.phrase() != null) {
        sql.add(" LEFT JOIN phrased USING (asset_id)");
      }
    }
    sql.add(" WHERE true");
    if (!r.notTagIds().isEmpty()) {
      sql.add(" AND f.asset_id NOT IN (SELECT asset_id FROM search_tags WHERE tag_id IN ").list(r.notTagIds())
          .add(")");
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
