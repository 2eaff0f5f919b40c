package ai.alicemultiverse.pipelines;

import java.nio.file.Path;

/**
 * The figures a rebuild prints at the end.
 *
 * @param runLine which kind of run it was (full or incremental) and the files it read and reused
 */
public record RebuildSummary(
    long filesMatched,
    long filesIndexed,
    long uniqueHashes,
    long errors,
    double seconds,
    Path cacheFile,
    String parquetRun,
    String runLine) {

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "matched %d files, indexed %d, %d unique content hashes, %d errors in %.1f s%n"
            + "cache:   %s%nparquet: %s%n%s",
        filesMatched, filesIndexed, uniqueHashes, errors, seconds, cacheFile, parquetRun, runLine);
  }
}
