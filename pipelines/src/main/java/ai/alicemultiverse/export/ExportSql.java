package ai.alicemultiverse.export;

import ai.alicemultiverse.cache.DuckDbErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the result of a query over the cache's tables as zstd Parquet with DuckDB's {@code COPY},
 * optionally as hive partitions ({@code media_type=image/generated_date=2025-01-01/data_0.parquet}).
 */
public final class ExportSql {
  /**
   * One row per asset, everything an analyst filters or groups by in plain columns: tags as a list
   * of {category, value} (unnest it to count tags), locations as paths and storage types, the
   * embedded metadata as JSON text for anything else (generation parameters, cost). {@code
   * generated_date} is the UTC day of {@code generated_at}, the natural partition for time.
   */
  public static final String DEFAULT_QUERY = """
      SELECT a.content_hash, a.media_type, a.format, a.mime, a.size_bytes,
        a.description, a.generated_prompt, a.provider, a.model, a.prompt,
        a.generated_at, CAST(timezone('UTC', a.generated_at) AS DATE) AS generated_date,
        a.processed_at, a.metadata_version, a.metadata_conflict,
        coalesce(t.tags, []) AS tags,
        a.location_count,
        list_sort(list_transform(a.locations, l -> l.path)) AS paths,
        list_sort(list_distinct(list_transform(a.locations, l -> l.storage_type))) AS storage_types,
        a.metadata::VARCHAR AS metadata_json
      FROM assets a
      LEFT JOIN (SELECT content_hash, list({'category': category, 'value': value} ORDER BY category, value) AS tags
                 FROM tags GROUP BY content_hash) t USING (content_hash)
      ORDER BY a.content_hash""";

  /** DuckDB's own default: about 100 MB per row group at ~1 KB per asset row, good for scans. */
  public static final int DEFAULT_ROW_GROUP_SIZE = 122_880;

  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ExportSql() {}

  /** The query without a trailing semicolon (DuckDB takes one statement inside COPY). */
  public static String normalize(String query) {
    String q = query.strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).strip();
    }
    if (q.isEmpty()) {
      throw new IllegalArgumentException("--query is empty");
    }
    return q;
  }

  /**
   * The query's column names, asking DuckDB to plan it without running it: a query that does not
   * parse or names a missing table or column fails here, before anything is written.
   */
  public static List<String> columns(Connection db, String query) {
    try (Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("DESCRIBE " + query)) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString("column_name"));
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalArgumentException("--query: " + DuckDbErrors.reason(e), e);
    }
  }

  /** Partition columns must be plain names the query returns (they become folder names). */
  public static void checkPartitionColumns(List<String> partitionBy, List<String> columns) {
    for (String column : partitionBy) {
      if (!COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException("--partition-by: '" + column + "' is not a column name");
      }
      if (!columns.contains(column)) {
        throw new IllegalArgumentException("--partition-by: the query has no column '" + column
            + "' (it returns " + String.join(", ", columns) + ")");
      }
    }
    if (!partitionBy.isEmpty() && partitionBy.size() == columns.size()) {
      throw new IllegalArgumentException("--partition-by: at least one column must stay in the files");
    }
  }

  /**
   * Runs {@code query} into {@code dataDir} (which must not exist yet) and returns the rows written.
   * Without partitions the result is one file, {@code data_0.parquet}.
   */
  public static long copy(Connection db, String query, List<String> partitionBy, int rowGroupSize, Path dataDir)
      throws SQLException, IOException {
    StringBuilder options = new StringBuilder("FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + rowGroupSize);
    String target;
    if (partitionBy.isEmpty()) {
      Files.createDirectories(dataDir);
      target = dataDir.resolve("data_0.parquet").toString();
    } else {
      target = dataDir.toString();
      options.append(", PARTITION_BY (")
          .append(partitionBy.stream().map(c -> '"' + c + '"').collect(Collectors.joining(", ")))
          .append(")");
    }
    try (Statement sql = db.createStatement()) {
      // (on lines of their own: a query ending in a -- comment must not swallow the COPY's target)
      return sql.executeLargeUpdate("COPY (\n" + query + "\n) TO '" + quote(target) + "' (" + options + ")");
    }
  }

  /** Each Parquet file under {@code runDir}'s data folder with its row count (from the footers) and size. */
  public static List<ExportFile> describe(Connection db, Path runDir) throws SQLException, IOException {
    Path data = runDir.resolve(RunNames.DATA);
    List<Path> files;
    try (Stream<Path> tree = Files.walk(data)) {
      files = tree.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".parquet")).sorted().toList();
    }
    List<ExportFile> described = new ArrayList<>();
    for (Path file : files) {
      long rows;
      try (Statement sql = db.createStatement();
          ResultSet r = sql.executeQuery("SELECT num_rows FROM parquet_file_metadata('" + quote(file.toString()) + "')")) {
        r.next();
        rows = r.getLong(1);
      }
      described.add(new ExportFile(runDir.relativize(file).toString().replace('\\', '/'), rows, Files.size(file)));
    }
    return described;
  }

  static String quote(String s) {
    return s.replace("'", "''");
  }
}
