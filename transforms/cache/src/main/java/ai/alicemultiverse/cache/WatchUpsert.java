package ai.alicemultiverse.cache;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes what a watch sees into an existing cache, one batch per transaction: a file's location
 * moves to the asset of its current content hash, every touched asset is merged again from its
 * present copies by the rebuild's rule ({@link AssetRecompute}), and its errors are replaced by the
 * batch's.
 *
 * <p>One writer per cache in a process: {@link #write} is synchronized; and across processes: a batch
 * holds the cache's write lock ({@link CacheLock}), which a rebuild holds from its start to its swap,
 * so a batch waits for a running rebuild and then goes into the new file. The DuckDB file is opened
 * for each batch and closed after it, so between batches other tools can open the cache; a batch
 * waits (never fails) while a long search holds the file.
 *
 * <p>The search tables are brought up to date in the same transaction, for the assets the batch
 * touched only ({@link SearchIndex#update}): a search sees every committed batch, and a batch costs
 * about the same on a cache of a million assets as on an empty one.
 */
public final class WatchUpsert {
  private final Path cacheFile;
  /** How long one attempt waits for the cache's lock or file before looking at {@link #stopped} again. */
  private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(1);

  private volatile boolean stopped;
  private volatile long committed;

  public WatchUpsert(Path cacheFile) {
    this.cacheFile = cacheFile.toAbsolutePath().normalize();
  }

  /** Creates an empty cache when there is none yet, so a watch can start from nothing. */
  public void ensureCache(List<String> roots) throws IOException {
    if (!Files.exists(cacheFile)) {
      Instant now = Instant.now();
      CacheLoader.rebuild(cacheFile, List.of(), List.of(),
          new RunInfo("watch-" + now.toEpochMilli(), now, now, roots, "watch", 0, 0, 0, 0));
    }
  }

  /**
   * Commits one batch, with the search tables' rows for it. After {@link #stop} nothing is written
   * any more (the records are picked up again by the re-scan a restarted watch does).
   *
   * <p>Whatever its size, a batch writes its paths' end state, reads the present copies of the
   * assets they touch once, merges them in memory ({@link AssetRecompute}) and writes them with a
   * fixed number of statements: on a big cache every statement is a scan, so one per file would
   * make a batch cost a scan of the cache per file.
   *
   * @return false when the batch was dropped because the writer is stopped
   */
  public synchronized boolean write(List<MediaRecord> records, List<FileError> errors) throws IOException {
    if (stopped) {
      return false;
    }
    if (records.isEmpty() && errors.isEmpty()) {
      return true;
    }
    List<MediaRecord> sorted = records.stream().sorted(Comparator.comparing(MediaRecord::path)).toList();
    // Waits its turn, however long: a rebuild holds the write lock until its swap (a batch committed into
    // the file it replaces would be lost), a long search holds the file itself. Dying would lose the batch.
    while (!stopped) {
      try (CacheLock lock = CacheLock.awaitWrite(cacheFile, RETRY)) {
        if (lock != null) {
          try (Connection db = CacheConnections.open(cacheFile, false, RETRY)) {
            commit(db, sorted, errors);
            committed += records.size() + errors.size();
            return true;
          }
        }
      } catch (SQLException e) {
        if (!CacheConnections.heldElsewhere(e)) {
          throw new IOException(cacheFile + ": could not update the cache: " + e.getMessage(), e);
        }
      }
      pause(); // outside the lock, so that a rebuild waiting for it gets it
    }
    return false;
  }

  /** The batch in one transaction, against the cache file as it is now (a rebuild may have replaced it). */
  private void commit(Connection db, List<MediaRecord> sorted, List<FileError> errors) throws SQLException {
    db.setAutoCommit(false);
    try (Statement sql = db.createStatement()) {
      CacheSchema.requireCurrent(sql, cacheFile);
      Set<String> paths = new TreeSet<>();
      sorted.forEach(r -> paths.add(r.path()));
      errors.forEach(e -> paths.add(e.path()));
      rows(db, "CREATE TEMP TABLE watch_paths (path VARCHAR)", "INSERT INTO watch_paths VALUES (?)",
          paths.stream().map(p -> new Object[] {p}).toList());
      // every touched asset: the ones its paths held, the ones its sightings name
      sql.execute("CREATE TEMP TABLE watch_affected AS SELECT DISTINCT content_hash FROM locations"
          + " WHERE path IN (SELECT path FROM watch_paths)");
      rows(db, "CREATE TEMP TABLE watch_seen (content_hash VARCHAR)", "INSERT INTO watch_seen VALUES (?)",
          sorted.stream().map(r -> new Object[] {r.contentHash()}).distinct().toList());
      sql.execute("INSERT INTO watch_affected SELECT DISTINCT content_hash FROM watch_seen"
          + " WHERE content_hash NOT IN (SELECT content_hash FROM watch_affected)");
      writeLocations(db, sql, endState(sorted, errors));
      writeErrors(db, sql, errors);
      AssetRecompute.recompute(db, sql, "watch_affected");
      SearchIndex.update(sql, "watch_affected");
      for (String table : new String[] {"watch_paths", "watch_affected", "watch_seen", "watch_locations"}) {
        sql.execute("DROP TABLE IF EXISTS temp.main." + table);
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
  }

  /**
   * What each of the batch's paths holds at its end: its last sighting (the batch is in path order,
   * and a path seen twice keeps the later one), nothing for a path with an error.
   */
  private static Map<String, MediaRecord> endState(List<MediaRecord> sorted, List<FileError> errors) {
    Map<String, MediaRecord> locations = new LinkedHashMap<>();
    sorted.forEach(r -> locations.put(r.path(), r));
    errors.forEach(e -> locations.remove(e.path())); // the file at this path is no longer a readable asset
    return locations;
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(RETRY.toMillis() / 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the cache", e);
    }
  }

  /**
   * Refuses later batches and waits for the one being written, if any: one still waiting for its turn
   * gives up (a restarted watch finds its files again).
   */
  public void stop() {
    stopped = true;
    synchronized (this) {
      // the batch in write() has committed or given up
    }
  }

  /** Files and errors committed so far. */
  public long committed() {
    return committed;
  }

  /**
   * Every path the batch saw holds what the batch last saw there (or nothing, for an error), with its
   * own metadata and standard values in full: {@link AssetRecompute} keeps only their differences.
   */
  private static void writeLocations(Connection db, Statement sql, Map<String, MediaRecord> end) throws SQLException {
    sql.execute("DELETE FROM locations WHERE path IN (SELECT path FROM watch_paths)");
    rows(db, "CREATE TEMP TABLE watch_locations (content_hash VARCHAR, path VARCHAR, storage_type VARCHAR,"
        + " last_verified VARCHAR, metadata_version INTEGER, size_bytes BIGINT, last_modified_ms BIGINT,"
        + " hash_source VARCHAR, format VARCHAR, media_type VARCHAR, mime VARCHAR, processed_at VARCHAR,"
        + " metadata VARCHAR, has_standard BOOLEAN, width INTEGER, height INTEGER, duration_seconds DOUBLE,"
        + " video_codec VARCHAR, audio_codec VARCHAR, sample_rate INTEGER, channels INTEGER, camera VARCHAR,"
        + " software VARCHAR, created_at VARCHAR, json VARCHAR, signature VARCHAR)",
        "INSERT INTO watch_locations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        end.values().stream().map(r -> {
          StandardMetadata s = r.standard();
          return new Object[] {r.contentHash(), r.path(), r.storageType(), r.lastVerified(), r.metadataVersion(),
              r.sizeBytes(), r.lastModifiedMillis(), r.hashSource(), r.format(), r.mediaType(), r.mime(),
              r.processedAt(), r.metadataJson(), s != null, s == null ? null : s.width(), s == null ? null : s.height(),
              s == null ? null : s.durationSeconds(), s == null ? null : s.videoCodec(),
              s == null ? null : s.audioCodec(), s == null ? null : s.sampleRate(), s == null ? null : s.channels(),
              s == null ? null : s.camera(), s == null ? null : s.software(), s == null ? null : s.createdAt(),
              s == null ? null : s.json(), r.signature()};
        }).toList());
    sql.execute("INSERT INTO locations (content_hash, path, storage_type, last_verified, metadata_version,"
        + " size_bytes, last_modified, hash_source, has_metadata, format, media_type, mime, processed_at, metadata,"
        + " has_standard, standard, signature)"
        + " SELECT content_hash, path, storage_type, TRY_CAST(last_verified AS TIMESTAMPTZ), metadata_version,"
        + " size_bytes, make_timestamptz(last_modified_ms * 1000), hash_source, metadata IS NOT NULL, format,"
        + " media_type, mime, processed_at, metadata::JSON, has_standard,"
        + " CASE WHEN has_standard THEN " + CacheSchema.standardStruct("w") + " END, signature FROM watch_locations w");
  }

  /** The batch's errors replace those of every path it saw. */
  private static void writeErrors(Connection db, Statement sql, List<FileError> errors) throws SQLException {
    sql.execute("DELETE FROM errors WHERE path IN (SELECT path FROM watch_paths)");
    try (PreparedStatement insert = db.prepareStatement(
        "INSERT INTO errors VALUES (?, ?, ?, TRY_CAST(? AS TIMESTAMPTZ))")) {
      for (FileError e : errors) {
        bind(insert, e.path(), e.stage(), e.reason(), e.seenAt()).addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Creates a temp table and fills it with {@code values}, one row each. */
  private static void rows(Connection db, String create, String insert, List<Object[]> values) throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.execute(create);
    }
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = db.prepareStatement(insert)) {
      for (Object[] row : values) {
        bind(statement, row).addBatch();
      }
      statement.executeBatch();
    }
  }

  private static PreparedStatement bind(PreparedStatement q, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      q.setObject(i + 1, values[i]);
    }
    return q;
  }
}
