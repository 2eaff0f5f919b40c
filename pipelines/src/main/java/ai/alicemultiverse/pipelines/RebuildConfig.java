package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.StorageLabels;
import java.nio.file.Path;
import java.util.List;

/**
 * What a rebuild reads and where it writes.
 *
 * @param roots local folders or files, globs, {@code s3://} or {@code gs://} prefixes
 * @param cacheFile the DuckDB cache to replace
 * @param parquetDir where the Parquet hand-off is written (one run folder per rebuild): a local
 *     folder, or an {@code s3://} or {@code gs://} prefix when the workers share no disk with this process
 * @param verify recompute every content hash instead of trusting embedded ones (reads every file)
 * @param full read every file even where the cache holds an unchanged location's row
 * @param labels the storage types the library file gives its locations (none: as {@code StorageType} finds them)
 */
public record RebuildConfig(List<String> roots, Path cacheFile, String parquetDir, boolean verify, boolean full,
    StorageLabels labels) {

  /** A rebuild whose files are typed as {@code StorageType} finds them. */
  public RebuildConfig(List<String> roots, Path cacheFile, String parquetDir, boolean verify, boolean full) {
    this(roots, cacheFile, parquetDir, verify, full, StorageLabels.none());
  }

  /** An incremental rebuild where the cache allows it. */
  public RebuildConfig(List<String> roots, Path cacheFile, String parquetDir, boolean verify) {
    this(roots, cacheFile, parquetDir, verify, false);
  }

  /** A rebuild whose hand-off is a local folder, incremental where the cache allows it. */
  public RebuildConfig(List<String> roots, Path cacheFile, Path parquetDir, boolean verify) {
    this(roots, cacheFile, parquetDir.toString(), verify, false);
  }

  /** The Parquet folder next to a cache file: {@code alice.duckdb} gives {@code alice-parquet}. */
  public static Path defaultParquetDir(Path cacheFile) {
    Path cache = cacheFile.toAbsolutePath().normalize();
    String name = cache.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return cache.resolveSibling(base + "-parquet");
  }
}
