package ai.alicemultiverse.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How text becomes search terms: accents stripped, lower case, split on anything that is not a
 * letter or a digit, and simple English plurals reduced (cats → cat, boxes → box, cities → city).
 *
 * <p>The rules exist twice on purpose. The Java ones ({@link #of(String)}, {@link #index}) run in
 * the pipeline's workers, in parallel, so a rebuild loads ready-made term lists and does no string
 * work at load time; queries fold their words with the same Java code. The SQL ones ({@link #STEM},
 * {@link #sqlOf}) index the rows an in-place update leaves without term lists. {@code TermsTest}
 * holds the two to the same answers.
 */
public final class Terms {
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Terms() {}

  /** Positions are {@code field * FIELD_SPAN + word number}: a phrase never spans two fields. */
  public static final int FIELD_SPAN = 65536;

  /** One term of one asset: how often it occurs and where ({@code field * FIELD_SPAN + word number}). */
  public record Posting(String term, int tf, List<Integer> positions) {}

  /** The terms of {@code text} in order, folded and stemmed; empty for null or blank text. */
  public static List<String> of(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : words(text)) {
      if (!word.isEmpty()) {
        terms.add(stem(word));
      }
    }
    return terms;
  }

  /**
   * The folded words of {@code text} before the plural rules, numbered as SQL's {@link #split}
   * numbers them: an empty word where the text starts with a separator.
   */
  private static String[] words(String text) {
    if (text == null || text.isEmpty()) {
      return new String[0];
    }
    // decompose, drop the marks, compose again: what DuckDB's strip_accents does
    String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    return SEPARATORS.split(Normalizer.normalize(stripped, Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
  }

  /**
   * The postings of one asset whose text fields are {@code fields} (description, generated prompt,
   * prompt, then one per tag value, in tag order): field {@code i} numbers its words from 1 after
   * {@code i * FIELD_SPAN}, as the SQL index does, so a phrase never spans two fields. Blank fields
   * are skipped but keep their number.
   */
  public static List<Posting> index(List<String> fields) {
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    for (int field = 0; field < fields.size(); field++) {
      String[] words = words(fields.get(field));
      for (int i = 0; i < words.length; i++) {
        if (!words[i].isEmpty()) {
          positions.computeIfAbsent(stem(words[i]), w -> new ArrayList<>()).add(field * FIELD_SPAN + i + 1);
        }
      }
    }
    List<Posting> postings = new ArrayList<>(positions.size());
    positions.forEach((term, at) -> postings.add(new Posting(term, at.size(), at)));
    return postings;
  }

  /** Reduces one lower-case word; the Java twin of {@link #STEM}. */
  static String stem(String t) {
    int n = t.codePointCount(0, t.length()); // SQL length() counts characters; the suffixes are ASCII
    if (n > 4 && t.endsWith("ies")) {
      return t.substring(0, t.length() - 3) + "y";
    }
    if (n > 4 && (t.endsWith("sses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes")
        || t.endsWith("zzes"))) {
      return t.substring(0, t.length() - 2);
    }
    if (n > 3 && t.endsWith("s") && !(t.endsWith("ss") || t.endsWith("us") || t.endsWith("is"))) {
      return t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Reduces one lower-case token {@code t} in SQL; the same rules as {@link #stem}. */
  public static final String STEM =
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
  public static String split(String text) {
    return "string_split_regex(lower(strip_accents(coalesce(" + text + ", ''))), '[^\\p{L}\\p{N}]+')";
  }

  /** An SQL expression giving the terms (VARCHAR[]) of the VARCHAR expression {@code text}. */
  static String sqlOf(String text) {
    return "list_transform(list_filter(" + split(text) + ", t -> t <> ''), t -> " + STEM + ")";
  }
}
