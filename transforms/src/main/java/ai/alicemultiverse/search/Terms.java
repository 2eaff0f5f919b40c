package ai.alicemultiverse.search;

/**
 * How text becomes search terms, as DuckDB SQL, so the index and the queries fold and stem in
 * exactly the same place: accents stripped, lower case, split on anything that is not a letter or
 * a digit, and simple English plurals reduced (cats → cat, boxes → box, cities → city).
 */
final class Terms {
  private Terms() {}

  /** Reduces one lower-case token {@code t}; the same rules for the index and for queries. */
  static final String STEM =
      "CASE WHEN length(t) > 4 AND suffix(t, 'ies') THEN substr(t, 1, length(t) - 3) || 'y'"
          + " WHEN length(t) > 4 AND (suffix(t, 'sses') OR suffix(t, 'xes') OR suffix(t, 'ches')"
          + "   OR suffix(t, 'shes') OR suffix(t, 'zzes')) THEN substr(t, 1, length(t) - 2)"
          // glass, status, analysis are singular: their final s stays
          + " WHEN length(t) > 3 AND suffix(t, 's') AND NOT (suffix(t, 'ss') OR suffix(t, 'us') OR suffix(t, 'is'))"
          + "   THEN substr(t, 1, length(t) - 1)"
          + " ELSE t END";

  /**
   * An SQL expression giving the words (VARCHAR[], before the plural rules) of the VARCHAR
   * expression {@code text}; an empty word appears where the text starts or ends with a separator.
   */
  static String split(String text) {
    return "string_split_regex(lower(strip_accents(coalesce(" + text + ", ''))), '[^\\p{L}\\p{N}]+')";
  }

  /** An SQL expression giving the terms (VARCHAR[]) of the VARCHAR expression {@code text}. */
  static String of(String text) {
    return "list_transform(list_filter(" + split(text) + ", t -> t <> ''), t -> " + STEM + ")";
  }
}
