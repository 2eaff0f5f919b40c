package ai.alicemultiverse.cache;

import java.time.Instant;
import java.util.List;

/** What one rebuild did, kept in the cache's {@code runs} table. */
public record RunInfo(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    List<String> roots,
    String runner,
    long filesMatched,
    long filesIndexed,
    long uniqueHashes,
    long errors) {

  public double seconds() {
    return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }
}
