package ai.alicemultiverse.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one rebuild did, kept in the cache's {@code runs} table.
 *
 * @param kind {@link #FULL} or {@link #INCREMENTAL}
 * @param filesRead files opened and read by this run
 * @param filesReused files whose previous row was kept without opening them (their signature had not changed)
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
    String kind,
    long filesRead,
    long filesReused,
    SortedMap<String, Long> skippedByKind) {

  /** A full run: every matched file read (or an in-place writer that reads what it is given). */
  public static final String FULL = "full";
  /** A run that reused the cache's rows of locations whose change signature had not changed. */
  public static final String INCREMENTAL = "incremental";

  public RunInfo {
    skippedByKind = new TreeMap<>(skippedByKind);
  }

  /** A run that skipped nothing (or does not count what it skipped: watch, the benches). */
  public RunInfo(String runId, Instant startedAt, Instant finishedAt, List<String> roots, String runner,
      long filesMatched, long filesIndexed, long uniqueHashes, long errors, String kind, long filesRead,
      long filesReused) {
    this(runId, startedAt, finishedAt, roots, runner, filesMatched, filesIndexed, uniqueHashes, errors, kind,
        filesRead, filesReused, new TreeMap<>());
  }

  /** A run that read every file it indexed and skipped nothing. */
  public RunInfo(String runId, Instant startedAt, Instant finishedAt, List<String> roots, String runner,
      long filesMatched, long filesIndexed, long uniqueHashes, long errors) {
    this(runId, startedAt, finishedAt, roots, runner, filesMatched, filesIndexed, uniqueHashes, errors, FULL,
        filesIndexed, 0);
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
