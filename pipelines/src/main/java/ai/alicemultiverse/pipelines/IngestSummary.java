package ai.alicemultiverse.pipelines;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What an ingest did.
 *
 * @param actions one {@code written|unchanged|would write} TAB path line per file, sorted by path
 * @param parquetRun the run's Parquet folder, or null for a dry run
 */
public record IngestSummary(long filesMatched, long written, long unchanged, long errors, double seconds,
    Path cacheFile, Path parquetRun, boolean dryRun, List<String> actions) {

  public String describe() {
    String what = dryRun
        ? String.format(Locale.ROOT, "dry run: %d files matched, %d would be written, %d unchanged, %d errors",
            filesMatched, written, unchanged, errors)
        : String.format(Locale.ROOT, "ingested %d files: %d written, %d unchanged, %d errors in %.1f s%n"
            + "cache:   %s%nparquet: %s", filesMatched, written, unchanged, errors, seconds, cacheFile, parquetRun);
    return what;
  }
}
