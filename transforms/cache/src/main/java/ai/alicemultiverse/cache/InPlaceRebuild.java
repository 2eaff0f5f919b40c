package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An incremental rebuild applied to the cache in place, in one transaction, instead of loading a new file:
 * the job handed over only what changed (beam's {@code ListChanges}): the records of the files it read, its
 * errors, and the stale locations (those no file was listed at, and those whose file it read again). The
 * rows of every other location stay as they are, untouched: a re-run that finds nothing changed writes its
 * {@code runs} row and nothing else.
 *
 * <p>What it changes is what a full rebuild of the same roots would make of the cache ({@link CacheLoader},
 * {@link KeptLocations}): a stale location under a scanned root is dropped, unless it is present under a
 * folder this run could not read; the files read replace the rows of their paths; each asset with a copy
 * dropped, added or replaced is merged again from all its present copies by the one rule ({@link
 * AssetRecompute}); the errors under the roots are this run's; the search tables are brought up to date for
 * those assets only ({@link SearchIndex#update}).
 */
public final class InPlaceRebuild {
  private InPlaceRebuild() {}

  /**
   * What the run changed.
   *
   * @param dropped stale locations removed (vanished, or read again and now an error)
   * @param read locations written from the files read
   * @param run the run as recorded, its unique hashes those present under its roots now
   */
  public record Applied(long dropped, long read, RunInfo run) {}

  /**
   * Applies the run's hand-off to the cache, under the rebuild lock its caller holds ({@link
   * CacheLoader#lockForRebuild}).
   *
   * @param assetFiles the records read, as {@code ParquetSchemas.ASSET} shards
   * @param errorFiles the run's errors, as {@code ParquetSchemas.ERROR} shards
   * @param staleFiles the stale locations' paths, as {@code ParquetSchemas.PATH} shards
   */
  public static Applied apply(CacheLock held, List<Path> assetFiles, List<Path> errorFiles, List<Path> staleFiles,
      RunInfo run) throws IOException {
    return CacheUpserter.inTransaction(held, db -> {
      try (Statement sql = db.createStatement()) {
        CacheUpserter.stageIncoming(sql, assetFiles);
        KeptLocations.stageRoots(db, sql, run.roots());
        stageErrors(sql, errorFiles);
        sql.execute("CREATE TEMP TABLE stale_paths (path VARCHAR)");
        if (!staleFiles.isEmpty()) {
          sql.execute("INSERT INTO stale_paths SELECT path FROM read_parquet("
              + CacheLoader.parquetList(staleFiles) + ")");
        }
        // what a full rebuild would not keep (KeptLocations): under a root, and not a present copy under a
        // folder this run could not list
        sql.execute("CREATE TEMP TABLE stale AS SELECT l.content_hash, l.path FROM locations l"
            + " WHERE l.path IN (SELECT path FROM stale_paths) AND " + KeptLocations.UNDER_A_ROOT.formatted("l.path")
            + " AND NOT (l.state = 'present' AND " + KeptLocations.UNDER_UNREADABLE.formatted("l.path", "run_errors") + ")");
        long dropped = SqlValues.single(sql, "SELECT count(*) FROM stale");
        long read = SqlValues.single(sql, "SELECT count(*) FROM incoming_locations");
        sql.execute("CREATE TEMP TABLE affected AS SELECT content_hash FROM incoming"
            + " UNION SELECT content_hash FROM stale"
            + " UNION SELECT content_hash FROM locations WHERE path IN (SELECT path FROM incoming_locations)");
        sql.execute("DELETE FROM locations WHERE path IN (SELECT path FROM stale)");
        CacheUpserter.replaceLocations(sql);
        AssetRecompute.recompute(db, sql, "affected");
        replaceErrors(sql);
        long unique = SqlValues.single(sql, "SELECT count(DISTINCT content_hash) FROM locations l"
            + " WHERE l.state = 'present' AND (" + KeptLocations.UNDER_A_ROOT.formatted("l.path")
            + " OR l.path IN (SELECT path FROM incoming_locations))");
        RunInfo recorded = withUniqueHashes(run, unique);
        CacheUpserter.finish(db, sql, recorded);
        return new Applied(dropped, read, recorded);
      }
    });
  }

  /** {@code run_errors}: this run's errors, every one of them. */
  private static void stageErrors(Statement sql, List<Path> errorFiles) throws SQLException {
    sql.execute("CREATE TEMP TABLE run_errors (path VARCHAR, stage VARCHAR, reason VARCHAR, seen_at TIMESTAMPTZ)");
    if (!errorFiles.isEmpty()) {
      sql.execute("INSERT INTO run_errors SELECT path, stage, reason, TRY_CAST(seen_at AS TIMESTAMPTZ)"
          + " FROM read_parquet(" + CacheLoader.parquetList(errorFiles) + ")");
    }
  }

  /**
   * The errors under the run's roots are this run's, as a rebuild makes them; the others stay. Nothing is
   * written when they are the same already.
   */
  private static void replaceErrors(Statement sql) throws SQLException {
    String replaced = "(" + KeptLocations.UNDER_A_ROOT.formatted("errors.path")
        + " OR errors.path IN (SELECT path FROM run_errors))";
    String before = "(SELECT path, stage, reason FROM errors WHERE " + replaced + ")";
    String now = "(SELECT path, stage, reason FROM run_errors)";
    long differ = SqlValues.single(sql, "SELECT count(*) FROM ((" + before + " EXCEPT ALL " + now + ") UNION ALL ("
        + now + " EXCEPT ALL " + before + "))");
    if (differ == 0) {
      return;
    }
    sql.execute("DELETE FROM errors WHERE " + replaced);
    sql.execute("INSERT INTO errors SELECT path, stage, reason, seen_at FROM run_errors");
  }

  private static RunInfo withUniqueHashes(RunInfo run, long unique) {
    return new RunInfo(run.runId(), run.startedAt(), run.finishedAt(), run.roots(), run.runner(), run.filesMatched(),
        run.filesIndexed(), unique, run.errors(), run.kind(), run.filesRead(), run.filesReused(), run.skippedByKind());
  }
}
