package ai.alicemultiverse.library;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of each key and table header of a TOML text, so an error can point at it: the TOML reader
 * gives lines for syntax errors only, not for the keys of the tree it returns. A table is named as
 * written, an array of tables by name and number from 1 ({@code location#2}); the root table is "".
 */
final class KeyLines {
  private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[\\s*([^\\]]+?)\\s*\\]\\]");
  private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]");
  private static final Pattern KEY =
      Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[A-Za-z0-9_-]+)\\s*[.=]");

  private final Map<String, Integer> lines = new HashMap<>();

  private KeyLines() {}

  static KeyLines of(String text) {
    KeyLines keyLines = new KeyLines();
    Map<String, Integer> arrayCounts = new HashMap<>();
    String table = "";
    boolean inMultiLineString = false;
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i];
      int line = i + 1;
      boolean opensOrCloses = (count(row, "\"\"\"") + count(row, "'''")) % 2 == 1;
      if (inMultiLineString) {
        inMultiLineString = !opensOrCloses;
        continue;
      }
      Matcher m;
      if ((m = ARRAY_TABLE.matcher(row)).find()) {
        String name = m.group(1);
        table = name + "#" + arrayCounts.merge(name, 1, Integer::sum);
        keyLines.lines.putIfAbsent(table + ".", line);
      } else if ((m = TABLE.matcher(row)).find()) {
        table = m.group(1);
        keyLines.lines.putIfAbsent(table + ".", line);
      } else if ((m = KEY.matcher(row)).find()) {
        keyLines.lines.putIfAbsent(table + "." + unquote(m.group(1)), line);
      }
      inMultiLineString = opensOrCloses;
    }
    return keyLines;
  }

  /** The line of {@code key} in {@code table}, or 0 when it was not found. */
  int key(String table, String key) {
    return lines.getOrDefault(table + "." + key, 0);
  }

  /** The line of {@code table}'s header, or 0 (the root table has none). */
  int header(String table) {
    return lines.getOrDefault(table + ".", 0);
  }

  private static String unquote(String key) {
    return key.startsWith("\"") || key.startsWith("'") ? key.substring(1, key.length() - 1) : key;
  }

  private static int count(String row, String token) {
    int n = 0;
    for (int at = row.indexOf(token); at >= 0; at = row.indexOf(token, at + token.length())) {
      n++;
    }
    return n;
  }
}
