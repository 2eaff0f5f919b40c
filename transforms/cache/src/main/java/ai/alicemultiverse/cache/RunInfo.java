package ai.alicemultiverse.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one rebuild did, kept in the cache's {@code runs} table.
 *
 * @param skippedByKind the files under the roots that are not media, counted by kind (extension)
 */
public record RunInfo(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    List<String> roots,
    String runner,
    long filesMatched,
    long filesIndexed,
    long uniqueHashes,
    long errors,
    SortedMap<String, Long> skippedByKind) {

  public RunInfo {
    skippedByKind = new TreeMap<>(skippedByKind);
  }

  /** A run that skipped nothing (or does not count what it skipped: watch, the benches). */
  public RunInfo(String runId, Instant startedAt, Instant finishedAt, List<String> roots, String runner,
      long filesMatched, long filesIndexed, long uniqueHashes, long errors) {
    this(runId, startedAt, finishedAt, roots, runner, filesMatched, filesIndexed, uniqueHashes, errors,
        new TreeMap<>());
  }

  public double seconds() {
    return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }

  /** How many files were skipped, of every kind. */
  public long skipped() {
    return skippedByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** "psd 1, txt 2" (by kind), or "" when nothing was skipped. */
  public static String describeSkipped(Map<String, Long> byKind) {
    StringBuilder text = new StringBuilder();
    byKind.forEach((kind, count) -> text.append(text.isEmpty() ? "" : ", ").append(kind).append(' ').append(count));
    return text.toString();
  }
}
