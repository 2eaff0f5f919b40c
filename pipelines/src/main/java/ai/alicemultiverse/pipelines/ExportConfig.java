package ai.alicemultiverse.pipelines;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export reads and where it publishes.
 *
 * @param to a local folder, {@code s3://bucket/prefix} or {@code gs://bucket/prefix}
 * @param cacheFile the DuckDB cache to read (read-only); unused when {@code fromFiles} is given
 * @param fromFiles roots to extract straight from the files instead of the cache (empty: use the cache)
 * @param query SQL over the tables assets, locations, tags, errors; null for {@code ExportSql.DEFAULT_QUERY}
 * @param partitionBy hive partition columns of the query's result (empty: one file)
 * @param rowGroupSize rows per Parquet row group
 * @param keep published runs to keep after this one, or null to keep all
 * @param verify with {@code fromFiles}: recompute content hashes instead of trusting embedded ones
 * @param allowRead folders whose files the query may read by path (it can reach no other file)
 */
public record ExportConfig(String to, Path cacheFile, List<String> fromFiles, String query,
    List<String> partitionBy, int rowGroupSize, Integer keep, boolean verify, List<Path> allowRead) {

  public ExportConfig(String to, Path cacheFile, List<String> fromFiles, String query,
      List<String> partitionBy, int rowGroupSize, Integer keep, boolean verify) {
    this(to, cacheFile, fromFiles, query, partitionBy, rowGroupSize, keep, verify, List.of());
  }

  public ExportConfig {
    allowRead = List.copyOf(allowRead);
    fromFiles = List.copyOf(fromFiles);
    partitionBy = List.copyOf(partitionBy);
    if (rowGroupSize < 1) {
      throw new IllegalArgumentException("--row-group-size must be at least 1 (got " + rowGroupSize + ")");
    }
    if (keep != null && keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1 (got " + keep + ")");
    }
  }

  public boolean fromCache() {
    return fromFiles.isEmpty();
  }
}
