package ai.alicemultiverse.cache;

import java.time.Instant;
import java.util.List;

/**
 * What one rebuild did, kept in the cache's {@code runs} table.
 *
 * @param kind {@link #FULL} or {@link #INCREMENTAL}
 * @param filesRead files opened and read by this run
 * @param filesReused files whose previous row was kept without opening them (their signature had not changed)
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
    long filesReused) {

  /** A full run: every matched file read (or an in-place writer that reads what it is given). */
  public static final String FULL = "full";
  /** A run that reused the cache's rows of locations whose change signature had not changed. */
  public static final String INCREMENTAL = "incremental";

  /** A run that read every file it indexed. */
  public RunInfo(String runId, Instant startedAt, Instant finishedAt, List<String> roots, String runner,
      long filesMatched, long filesIndexed, long uniqueHashes, long errors) {
    this(runId, startedAt, finishedAt, roots, runner, filesMatched, filesIndexed, uniqueHashes, errors, FULL,
        filesIndexed, 0);
  }

  public double seconds() {
    return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }
}
