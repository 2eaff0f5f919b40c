package ai.alicemultiverse.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows of a query in the output modes of DuckDB's own command line: an aligned table (the
 * default), {@code csv}, {@code tsv}, {@code json} and {@code markdown}. In CSV and TSV a NULL is an
 * empty field, as DuckDB's {@code COPY} and spreadsheets write it; the table and Markdown say NULL.
 */
final class QueryOutput {
  enum Mode { TABLE, CSV, TSV, JSON, MARKDOWN }

  private static final int TABLE_CELL = 60;

  private QueryOutput() {}

  static void print(ResultSet rows, Mode mode, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      header.add(meta.getColumnLabel(i));
    }
    if (mode == Mode.JSON) {
      printJson(rows, header, out);
      return;
    }
    List<List<String>> table = new ArrayList<>();
    while (rows.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= header.size(); i++) {
        row.add(rows.getString(i));
      }
      table.add(row);
    }
    switch (mode) {
      case CSV -> {
        out.println(header.stream().map(QueryOutput::csv).collect(Collectors.joining(",")));
        table.forEach(r -> out.println(r.stream().map(QueryOutput::csv).collect(Collectors.joining(","))));
      }
      case TSV -> {
        out.println(header.stream().map(QueryOutput::tsv).collect(Collectors.joining("\t")));
        table.forEach(r -> out.println(r.stream().map(QueryOutput::tsv).collect(Collectors.joining("\t"))));
      }
      case MARKDOWN -> printMarkdown(header, table, out);
      default -> printTable(header, table, out);
    }
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; NULL is an empty field. */
  static String csv(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  /** TSV has no quoting: a tab or line break inside a value becomes a space. */
  private static String tsv(String value) {
    return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static String shown(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ').replace('\t', ' ').replace('\r', ' ');
  }

  /** One object per row, numbers and booleans as JSON numbers and booleans, NULL as null. */
  private static void printJson(ResultSet rows, List<String> header, PrintStream out) throws SQLException {
    ArrayNode array = JsonOutput.MAPPER.createArrayNode();
    while (rows.next()) {
      ObjectNode row = array.addObject();
      for (int i = 1; i <= header.size(); i++) {
        Object value = rows.getObject(i);
        String name = header.get(i - 1);
        if (value == null) {
          row.putNull(name);
        } else if (value instanceof Boolean b) {
          row.put(name, b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
          row.put(name, ((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
          row.put(name, big);
        } else if (value instanceof BigDecimal decimal) {
          row.put(name, decimal);
        } else if (value instanceof Double || value instanceof Float) {
          double d = ((Number) value).doubleValue();
          if (Double.isFinite(d)) {
            row.put(name, d);
          } else {
            row.put(name, rows.getString(i)); // JSON has no NaN or infinity
          }
        } else {
          row.put(name, rows.getString(i));
        }
      }
    }
    JsonOutput.print(array);
  }

  private static void printMarkdown(List<String> header, List<List<String>> table, PrintStream out) {
    out.println(markdownRow(header));
    out.println(header.stream().map(h -> "---").collect(Collectors.joining("|", "|", "|")));
    table.forEach(r -> out.println(markdownRow(r)));
  }

  private static String markdownRow(List<String> cells) {
    return cells.stream().map(c -> shown(c).replace("\\", "\\\\").replace("|", "\\|"))
        .collect(Collectors.joining(" | ", "| ", " |"));
  }

  private static void printTable(List<String> header, List<List<String>> table, PrintStream out) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    table.forEach(r -> all.add(r.stream().map(QueryOutput::shown).toList()));
    int[] width = new int[header.size()];
    for (List<String> r : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.min(TABLE_CELL, Math.max(width[i], r.get(i).length()));
      }
    }
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String cell = r.get(i).length() > TABLE_CELL ? r.get(i).substring(0, TABLE_CELL - 3) + "..." : r.get(i);
        line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cell));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("(" + table.size() + " rows)");
  }
}
