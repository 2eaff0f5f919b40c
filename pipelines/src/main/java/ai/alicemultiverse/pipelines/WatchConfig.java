package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.StorageLabels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a watch follows and where it writes.
 *
 * @param roots folders, files or globs (local, {@code s3://}, {@code gs://}), polled every {@code interval}
 * @param cacheFile the DuckDB cache to update (created empty when missing)
 * @param ingest embed the content hash into local files that do not carry it yet
 * @param labels the storage types the library file gives its locations (none: as {@code StorageType} finds them)
 */
public record WatchConfig(List<String> roots, Path cacheFile, Duration interval, boolean ingest,
    StorageLabels labels) {
  /** A watch whose files are typed as {@code StorageType} finds them. */
  public WatchConfig(List<String> roots, Path cacheFile, Duration interval, boolean ingest) {
    this(roots, cacheFile, interval, ingest, StorageLabels.none());
  }

  public WatchConfig {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no paths to watch");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive (got " + interval + ")");
    }
  }
}
