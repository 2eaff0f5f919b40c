package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Changes an existing DuckDB cache in place for the assets one run saw, instead of rebuilding it:
 * the rows of the affected content hashes in {@code assets}, {@code locations} and {@code tags} are
 * deleted and inserted again in one transaction, so a reader sees the cache before or after, never
 * half way. A missing cache is created first ({@link CacheSchema}). The search tables are derived
 * from those rows: the affected assets' index rows are made again at the end of the same
 * transaction ({@link ai.alicemultiverse.cache.SearchIndex#update}).
 *
 * <p>Every affected asset is then merged again from all its present copies, this run's and the
 * cache's, by the rebuild's rule ({@link AssetRecompute}): the cache equals what a rebuild of the
 * same locations would make.
 *
 * <p>Input is the run's Parquet hand-off in the {@code ParquetSchemas.ASSET} / {@code ERROR} layout.
 * A location is identified by its path: a path seen in this run belongs to the content hash it has
 * now, whatever it held before; other locations of the same hash (other folders, other roots) stay.
 */
public final class CacheUpserter {
  private CacheUpserter() {}

  /** What changed in the cache. */
  public record Upserted(long assets, long locations, long errors) {}

  public static Upserted upsert(Path cacheFile, List<Path> assetFiles, List<Path> errorFiles, RunInfo run)
      throws IOException {
    return withCache(cacheFile, db -> {
      try (Statement sql = db.createStatement()) {
        long assets = stageIncoming(sql, assetFiles);
        long locations = SqlValues.single(sql, "SELECT count(*) FROM incoming_locations");
        sql.execute("CREATE TEMP TABLE affected AS SELECT content_hash FROM incoming"
            + " UNION SELECT content_hash FROM locations WHERE path IN (SELECT path FROM incoming_locations)");
        replaceLocations(sql);
        AssetRecompute.recompute(db, sql, "affected");
        long errors = replaceErrors(sql, errorFiles);
        finish(db, sql, run);
        return new Upserted(assets, locations, errors);
      }
    });
  }

  /** One unit of work on an open cache connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection db) throws SQLException, IOException;
  }

  /**
   * Opens (creating if needed) the cache under the same write lock as {@link CacheLoader#rebuild}, and runs
   * {@code work} in one transaction. A rebuild holds that lock from its start to its swap, so the update
   * waits for it and then goes into the new file: a change committed into the old one would be lost.
   */
  static <T> T withCache(Path cacheFile, Work<T> work) throws IOException {
    try (CacheLock lock = awaitWriteLock(cacheFile)) {
      return inTransaction(lock, work);
    }
  }

  /** {@link #withCache} under a write lock the caller holds already (a rebuild's, from its start). */
  static <T> T inTransaction(CacheLock held, Work<T> work) throws IOException {
    Path cache = held.cache();
    // a search may be reading it this very moment
    try (Connection db = CacheConnections.open(cache, false, java.time.Duration.ofSeconds(30))) {
      db.setAutoCommit(false);
      try {
        // Judged by the tables, not the file, and created in the same transaction as the rows: a process
        // killed while creating a new cache leaves an empty file that the next run completes.
        try (Statement sql = db.createStatement()) {
          if (!hasSchema(db)) {
            CacheSchema.create(sql);
          }
          CacheSchema.requireCurrent(sql, cache);
        }
        T result = work.run(db);
        db.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException(cache + ": could not update the cache: " + e.getMessage(), e);
    }
  }

  /** Waits as long as another writer holds the cache, saying so once. */
  private static CacheLock awaitWriteLock(Path cacheFile) throws IOException {
    CacheLock lock = CacheLock.awaitWrite(cacheFile, java.time.Duration.ofSeconds(2));
    if (lock != null) {
      return lock;
    }
    System.err.println(cacheFile.toAbsolutePath().normalize() + ": another alice process (a rebuild, ingest,"
        + " scan or watch) is writing this cache; waiting for it to finish");
    while (lock == null) {
      lock = CacheLock.awaitWrite(cacheFile, java.time.Duration.ofMinutes(1));
    }
    return lock;
  }

  private static boolean hasSchema(Connection db) throws SQLException {
    try (Statement sql = db.createStatement()) {
      return SqlValues.single(sql, "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
          + " AND schema_name = 'main' AND table_name = 'cache_info'") > 0;
    }
  }

  /**
   * Loads the run's asset rows as {@code incoming} and their locations as {@code incoming_locations},
   * each copy with its own metadata and standard values (the hand-off gives them only where they differ
   * from the run's asset row).
   */
  static long stageIncoming(Statement sql, List<Path> assetFiles) throws SQLException {
    if (assetFiles.isEmpty()) {
      // no shard at all: an empty table of the same shape
      sql.execute("CREATE TEMP TABLE incoming (content_hash VARCHAR, metadata_json VARCHAR, width INTEGER,"
          + " height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR, audio_codec VARCHAR, sample_rate INTEGER,"
          + " channels INTEGER, camera VARCHAR, software VARCHAR, created_at VARCHAR, standard_json VARCHAR,"
          + " locations STRUCT(path VARCHAR, storage_type VARCHAR, last_verified VARCHAR, metadata_version INTEGER,"
          + " size_bytes BIGINT, last_modified_ms BIGINT, hash_source VARCHAR, has_metadata BOOLEAN, format VARCHAR,"
          + " media_type VARCHAR, mime VARCHAR, processed_at VARCHAR, metadata_json VARCHAR, has_standard BOOLEAN,"
          + " standard STRUCT(width INTEGER, height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR,"
          + " audio_codec VARCHAR, sample_rate INTEGER, channels INTEGER, camera VARCHAR, software VARCHAR,"
          + " created_at VARCHAR, json VARCHAR), signature VARCHAR)[])");
    } else {
      sql.execute("CREATE TEMP TABLE incoming AS SELECT * FROM read_parquet(" + CacheLoader.parquetList(assetFiles) + ")");
    }
    sql.execute("CREATE TEMP TABLE incoming_locations AS SELECT content_hash, l.path, l.storage_type,"
        + " TRY_CAST(l.last_verified AS TIMESTAMPTZ) AS last_verified, l.metadata_version, l.size_bytes,"
        + " make_timestamptz(l.last_modified_ms * 1000) AS last_modified, l.hash_source, l.has_metadata,"
        + " l.format, l.media_type, l.mime, l.processed_at,"
        + " CASE WHEN l.has_metadata THEN coalesce(l.metadata_json, metadata_json)::JSON END AS metadata,"
        + " l.has_standard, CASE WHEN NOT l.has_standard THEN NULL"
        + "   WHEN l.standard IS NOT NULL THEN " + CacheSchema.standardStruct("l.standard")
        + "   ELSE " + CacheSchema.standardStruct("asset") + " END AS standard, l.signature"
        + " FROM (SELECT content_hash, metadata_json, unnest(locations) AS l, {'width': width, 'height': height,"
        + "   'duration_seconds': duration_seconds, 'video_codec': video_codec, 'audio_codec': audio_codec,"
        + "   'sample_rate': sample_rate, 'channels': channels, 'camera': camera, 'software': software,"
        + "   'created_at': created_at, 'json': standard_json} AS asset FROM incoming)");
    return SqlValues.single(sql, "SELECT count(*) FROM incoming");
  }

  /** Every path seen now belongs to the hash it holds now, present, with all the merge rule reads of it. */
  static void replaceLocations(Statement sql) throws SQLException {
    sql.execute("DELETE FROM locations WHERE path IN (SELECT path FROM incoming_locations)");
    sql.execute("INSERT INTO locations (content_hash, path, storage_type, last_verified, metadata_version,"
        + " size_bytes, last_modified, hash_source, has_metadata, format, media_type, mime, processed_at, metadata,"
        + " has_standard, standard, signature, state)"
        + " SELECT content_hash, path, storage_type, last_verified, metadata_version, size_bytes, last_modified,"
        + " hash_source, has_metadata, format, media_type, mime, processed_at, metadata, has_standard, standard,"
        + " signature, 'present' FROM incoming_locations");
  }

  /** The run's errors replace earlier errors of the paths it looked at. */
  static long replaceErrors(Statement sql, List<Path> errorFiles) throws SQLException {
    sql.execute("DELETE FROM errors WHERE path IN (SELECT path FROM incoming_locations)");
    if (errorFiles.isEmpty()) {
      return 0;
    }
    String errors = "read_parquet(" + CacheLoader.parquetList(errorFiles) + ")";
    sql.execute("DELETE FROM errors WHERE path IN (SELECT path FROM " + errors + ")");
    sql.execute("INSERT INTO errors SELECT path, stage, reason, TRY_CAST(seen_at AS TIMESTAMPTZ) FROM " + errors);
    return SqlValues.single(sql, "SELECT count(*) FROM " + errors);
  }

  /**
   * Records the run, brings the search tables up to date for the {@code affected} hashes and drops
   * this transaction's temp tables.
   */
  static void finish(Connection db, Statement sql, RunInfo run) throws SQLException, IOException {
    RunsTable.insert(db, run);
    SearchIndex.update(sql, "affected");
    for (String table : SqlValues.strings(sql, "SELECT table_name FROM duckdb_tables() WHERE temporary")) {
      sql.execute("DROP TABLE temp.main.\"" + table.replace("\"", "\"\"") + "\"");
    }
  }

}
