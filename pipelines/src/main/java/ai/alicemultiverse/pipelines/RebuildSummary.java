package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.cache.RunInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures a rebuild prints at the end.
 *
 * @param runLine which kind of run it was (full or incremental) and the files it read and reused
 * @param skippedByKind files under the roots that are not media, by kind (extension)
 */
public record RebuildSummary(
    long filesMatched,
    long filesIndexed,
    long uniqueHashes,
    long errors,
    double seconds,
    Path cacheFile,
    String parquetRun,
    String runLine,
    SortedMap<String, Long> skippedByKind) {

  public RebuildSummary {
    skippedByKind = new TreeMap<>(skippedByKind);
  }

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "matched %d files, indexed %d, %d unique content hashes, %d errors in %.1f s%n%s"
            + "cache:   %s%nparquet: %s%n%s",
        filesMatched, filesIndexed, uniqueHashes, errors, seconds, skippedLine(skippedByKind), cacheFile, parquetRun,
        runLine);
  }

  /** "skipped 3 files that are not media: psd 1, txt 2" and a line break, or "" when none were skipped. */
  static String skippedLine(Map<String, Long> byKind) {
    long total = byKind.values().stream().mapToLong(Long::longValue).sum();
    return total == 0 ? "" : "skipped " + total + (total == 1 ? " file" : " files") + " that "
        + (total == 1 ? "is" : "are") + " not media: " + RunInfo.describeSkipped(byKind) + System.lineSeparator();
  }
}
