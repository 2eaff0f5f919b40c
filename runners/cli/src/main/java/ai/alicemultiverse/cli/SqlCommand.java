package ai.alicemultiverse.cli;

import ai.alicemultiverse.cache.UserSql;
import ai.alicemultiverse.search.CacheFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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
      "  alice sql \"SELECT path, reason FROM errors\" --csv > errors.csv",
      "  alice sql \"SELECT provider, count(*) AS n FROM assets GROUP BY ALL\" --markdown",
      "  latest=$(cat /data/exports/LATEST)   # the newest export run",
      "  alice sql \"SELECT count(*) FROM '/data/exports/$latest/data/**/*.parquet'\" \\",
      "      --allow-read /data/exports"
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

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Format format = new Format();

  /** DuckDB's command-line names for its output modes; the default is an aligned table. */
  static final class Format {
    @Option(names = "--csv", description = "CSV with a header row (RFC 4180 quoting; NULL is an empty field).")
    boolean csv;

    @Option(names = "--tsv", description = "Tab-separated with a header row, no alignment (NULL is an empty field).")
    boolean tsv;

    @Option(names = "--json", description = "A JSON array, one object per row (NULL is null).")
    boolean json;

    @Option(names = "--markdown", description = "A Markdown table.")
    boolean markdown;

    QueryOutput.Mode mode() {
      return csv ? QueryOutput.Mode.CSV : tsv ? QueryOutput.Mode.TSV : json ? QueryOutput.Mode.JSON
          : markdown ? QueryOutput.Mode.MARKDOWN : QueryOutput.Mode.TABLE;
    }
  }

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      UserSql.confine(db, allowRead);
      String one = UserSql.requireOneSelect(db, query, "the query");
      try (Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery(one)) {
        QueryOutput.print(rows, format.mode(), System.out);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("query failed: " + firstUsefulLine(e.getMessage()), e);
    }
    return 0;
  }

  /** DuckDB's JDBC messages lead with a generic line; the cause is on the next one. */
  static String firstUsefulLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !line.contains("unsuccessful or closed pending query result")) {
        return line.trim();
      }
    }
    return message.trim();
  }
}
