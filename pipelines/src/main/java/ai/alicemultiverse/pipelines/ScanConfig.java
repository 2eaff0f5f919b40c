package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.StorageLabels;
import java.nio.file.Path;
import java.util.List;

/**
 * What a scan reads and where it writes.
 *
 * @param locations folders, files, {@code s3://} or {@code gs://} prefixes; globs are scanned but nothing
 *     under them is judged vanished (a glob does not say what it should have matched)
 * @param cacheFile the DuckDB cache whose locations are updated in place (created when missing)
 * @param parquetDir the cache's Parquet folder; each run writes {@code scan/run-<id>/} under it
 * @param full read every file, even those whose change signature the cache holds unchanged
 * @param labels storage types the library file gives locations (files under them are typed by it)
 */
public record ScanConfig(List<String> locations, Path cacheFile, Path parquetDir, boolean full,
    StorageLabels labels) {
  public ScanConfig {
    locations = List.copyOf(locations);
  }

  /** An incremental scan where the cache allows it, its files typed as {@code StorageType} finds them. */
  public ScanConfig(List<String> locations, Path cacheFile, Path parquetDir) {
    this(locations, cacheFile, parquetDir, false, StorageLabels.none());
  }

  /** A scan whose Parquet folder is the one next to the cache ({@link RebuildConfig#defaultParquetDir}). */
  public ScanConfig(List<String> locations, Path cacheFile) {
    this(locations, cacheFile, RebuildConfig.defaultParquetDir(cacheFile));
  }
}
