package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.cache.CacheScan;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a scan found: the cache's changes, and the counts.
 *
 * @param runLine which kind of run it was (full or incremental) and the files it read and reused
 */
public record ScanSummary(CacheScan.Changes changes, long filesMatched, long errors, double seconds, Path cacheFile,
    String runLine) {

  /** One line per moved, appeared and vanished location, the totals, and what became of the vanished ones. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (CacheScan.Move m : changes.moved()) {
      out.append("moved     ").append(m.from()).append(" -> ").append(m.to()).append('\n');
    }
    for (String p : changes.appeared()) {
      out.append("appeared  ").append(p).append('\n');
    }
    for (String p : changes.vanished()) {
      out.append("vanished  ").append(p).append('\n');
    }
    out.append(String.format(Locale.ROOT, "scanned %d files: %d moved, %d appeared, %d vanished, %d errors in %.1f s%n"
        + "cache: %s%n%s", filesMatched, changes.moved().size(), changes.appeared().size(), changes.vanished().size(),
        errors, seconds, cacheFile, runLine));
    if (!changes.vanished().isEmpty()) {
      out.append(String.format(Locale.ROOT, "%n%d file(s) vanished since the last run: removed from the cache"
          + " (an asset with no copy left is no longer found by search)", changes.vanished().size()));
    }
    return out.toString();
  }
}
