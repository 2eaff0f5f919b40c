package ai.alicemultiverse.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline folds and stems text in Java; an in-place update indexes in SQL. Both must give
 * the same terms at the same positions, or a word found after a rebuild would be lost after an
 * update.
 */
class TermsTest {
  static final List<String> TEXTS = List.of(
      "Cats, BOXES & Cities; glass status analysis",
      "  leading and trailing separators...  ",
      "Café crème brûlée — naïve façade, ÉCOLE",
      "Straße ÅNGSTRÖM Øresund ﬁne",
      "dresses churches wishes buzzes foxes flies lies yes bus gas",
      "日本語のテキスト 한국어 텍스트 русские слова Ελληνικά",
      "v6.1 2024-06-01T08:00:00Z 4k_ultra-hd x2",
      "emoji 🐈 between 🐈🐈 words",
      "",
      "---");

  @Test
  void javaAndSqlGiveTheSameTerms() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement sql = db.prepareStatement("SELECT " + Terms.sqlOf("CAST(? AS VARCHAR)"))) {
      for (String text : TEXTS) {
        sql.setString(1, text);
        try (ResultSet rows = sql.executeQuery()) {
          rows.next();
          assertThat(Terms.of(text)).as(text).containsExactlyElementsOf(strings(rows.getArray(1)));
        }
      }
    }
  }

  @Test
  void javaNumbersWordsAsSqlSplitDoes() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement sql = db.prepareStatement("SELECT list(i ORDER BY i) FROM (SELECT unnest(w) AS word,"
            + " generate_subscripts(w, 1) AS i FROM (SELECT " + Terms.split("CAST(? AS VARCHAR)") + " AS w))"
            + " WHERE word <> ''")) {
      for (String text : TEXTS) {
        sql.setString(1, text);
        try (ResultSet rows = sql.executeQuery()) {
          rows.next();
          List<Integer> expected = new ArrayList<>();
          if (rows.getArray(1) != null) {
            for (Object i : (Object[]) rows.getArray(1).getArray()) {
              expected.add(((Number) i).intValue());
            }
          }
          List<Integer> actual = new ArrayList<>();
          Terms.index(Arrays.asList(text)).forEach(p -> actual.addAll(p.positions()));
          actual.sort(null);
          assertThat(actual).as(text).containsExactlyElementsOf(expected);
        }
      }
    }
  }

  @Test
  void indexCountsEachTermOncePerAssetWithItsPositionsPerField() {
    List<Terms.Posting> postings = Terms.index(Arrays.asList("Neon cats, neon", null, "cat", "neon"));
    assertThat(postings).containsExactly(
        new Terms.Posting("neon", 3, List.of(1, 3, 3 * Terms.FIELD_SPAN + 1)),
        new Terms.Posting("cat", 2, List.of(2, 2 * Terms.FIELD_SPAN + 1)));
  }

  @Test
  void pluralsAreReducedButSingularSEndingsStay() {
    assertThat(Terms.of("Cities boxes glasses wishes cats glass status analysis bus"))
        .containsExactly("city", "box", "glass", "wish", "cat", "glass", "status", "analysis", "bus");
  }

  private static List<String> strings(Array array) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      out.add((String) o);
    }
    return out;
  }
}
