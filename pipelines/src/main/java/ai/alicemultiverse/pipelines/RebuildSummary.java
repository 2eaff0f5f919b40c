package ai.alicemultiverse.pipelines;

import java.nio.file.Path;

/** The figures a rebuild prints at the end. */
public record RebuildSummary(
    long filesMatched,
    long filesIndexed,
    long uniqueHashes,
    long errors,
    double seconds,
    Path cacheFile,
    String parquetRun) {

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "matched %d files, indexed %d, %d unique content hashes, %d errors in %.1f s%n"
            + "cache:   %s%nparquet: %s",
        filesMatched, filesIndexed, uniqueHashes, errors, seconds, cacheFile, parquetRun);
  }
}
