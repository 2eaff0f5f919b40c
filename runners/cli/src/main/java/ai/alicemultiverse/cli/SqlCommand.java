package ai.alicemultiverse.cli;

import ai.alicemultiverse.cache.DuckDbErrors;
import ai.alicemultiverse.cache.UserSql;
import ai.alicemultiverse.search.CacheFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run a read-only SQL query over the cache (DuckDB dialect) and print the rows.",
      "",
      "Tables: assets, locations, tags, errors, runs. The cache is opened read-only, so this is safe "
          + "while a rebuild runs and can never change the cache.",
      "Only one SELECT runs (DESCRIBE, SHOW and SUMMARIZE are SELECTs too), and it cannot read, write or "
          + "attach any file: COPY, ATTACH, read_text and glob are refused. To query Parquet files by path, "
          + "name their folder with --allow-read.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  alice sql \"SELECT media_type, count(*) FROM assets GROUP BY ALL\"",
      "  alice sql \"SELECT path, reason FROM errors\" --tsv > errors.tsv",
      "  alice sql \"SELECT count(*) FROM '/data/exports/run-*/data/*.parquet'\" --allow-read /data/exports"
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", description = "One SELECT statement.")
  String query;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The cache to read (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = "--allow-read", paramLabel = "DIR",
      description = "A folder whose files the query may read, e.g. Parquet exports (repeatable; default: none).")
  List<Path> allowRead = new ArrayList<>();

  @Option(names = "--tsv", description = "Tab-separated output with a header row, no alignment.")
  boolean tsv;

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      UserSql.confine(db, allowRead);
      String one = UserSql.requireOneSelect(db, query, "the query");
      try (Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery(one)) {
        print(rows);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("query failed: " + DuckDbErrors.reason(e), e);
    }
    return 0;
  }

  private void print(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    List<String[]> table = new ArrayList<>();
    String[] header = new String[columns];
    for (int i = 0; i < columns; i++) {
      header[i] = meta.getColumnLabel(i + 1);
    }
    table.add(header);
    while (rows.next()) {
      String[] row = new String[columns];
      for (int i = 0; i < columns; i++) {
        String value = rows.getString(i + 1);
        row[i] = value == null ? "NULL" : value.replace('\n', ' ').replace('\t', ' ');
      }
      table.add(row);
    }
    if (tsv) {
      table.forEach(r -> System.out.println(String.join("\t", r)));
      return;
    }
    int[] width = new int[columns];
    for (String[] r : table) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.min(60, Math.max(width[i], r[i].length()));
      }
    }
    for (String[] r : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = r[i].length() > 60 ? r[i].substring(0, 57) + "..." : r[i];
        line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cell));
      }
      System.out.println(line.toString().stripTrailing());
    }
    System.out.println("(" + (table.size() - 1) + " rows)");
  }
}
