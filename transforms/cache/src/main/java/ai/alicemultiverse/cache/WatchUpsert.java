package ai.alicemultiverse.cache;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes what a watch sees into an existing cache, one batch per transaction: a file's location
 * moves to the asset of its current content hash, the asset's metadata is replaced when the file
 * carries newer metadata (the rebuild's rule, {@link AssetMerge}),
 * and its errors are replaced by the batch's.
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
   * <p>Whatever its size, a batch reads the cache twice (the rows at its paths, the rows of the
   * assets they name), decides the end state in memory ({@link WatchBatch}) and writes it with a
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
  private static void commit(Connection db, List<MediaRecord> sorted, List<FileError> errors) throws SQLException {
    db.setAutoCommit(false);
    try (Statement sql = db.createStatement()) {
      Set<String> paths = new TreeSet<>();
      sorted.forEach(r -> paths.add(r.path()));
      errors.forEach(e -> paths.add(e.path()));
      rows(db, "CREATE TEMP TABLE watch_paths (path VARCHAR)", "INSERT INTO watch_paths VALUES (?)",
          paths.stream().map(p -> new Object[] {p}).toList());
      Map<String, String> heldAt = new HashMap<>();
      try (ResultSet rows = sql.executeQuery("SELECT path, content_hash FROM locations"
          + " WHERE path IN (SELECT path FROM watch_paths)")) {
        while (rows.next()) {
          heldAt.put(rows.getString(1), rows.getString(2));
        }
      }
      Set<String> hashes = new TreeSet<>(heldAt.values());
      sorted.forEach(r -> hashes.add(r.contentHash()));
      rows(db, "CREATE TEMP TABLE watch_affected (content_hash VARCHAR)", "INSERT INTO watch_affected VALUES (?)",
          hashes.stream().map(h -> new Object[] {h}).toList());
      WatchBatch batch = WatchBatch.decide(sorted, errors, heldAt, current(sql));
      writeLocations(db, sql, batch);
      writeErrors(db, sql, errors);
      writeAssets(db, sql, batch);
      SearchIndex.update(sql, "watch_affected");
      for (String table : new String[] {"watch_paths", "watch_affected", "watch_locations", "watch_new",
          "watch_winner", "watch_metadata", "watch_tags", "watch_conflicts", "watch_standard"}) {
        sql.execute("DROP TABLE IF EXISTS temp.main." + table);
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
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
   * What the merge rules read of the rows of the assets in {@code watch_affected}: each asset's
   * winning copy is rebuilt from its metadata (version and processed_at as the file has them) and
   * the copy the rebuild would have taken it from, the latest file (then the greatest path) among
   * the present copies that carry that metadata version.
   */
  private static Map<String, WatchBatch.Current> current(Statement sql) throws SQLException {
    Map<String, List<MediaRecord>> copies = new HashMap<>();
    try (ResultSet rows = sql.executeQuery("SELECT content_hash, path, epoch_ms(last_modified), metadata_version,"
        + " has_metadata FROM locations WHERE state = 'present'"
        + " AND content_hash IN (SELECT content_hash FROM watch_affected)")) {
      while (rows.next()) {
        int version = rows.getInt(4);
        Integer metadataVersion = rows.wasNull() ? null : version;
        copies.computeIfAbsent(rows.getString(1), h -> new ArrayList<>()).add(new MediaRecord(rows.getString(1),
            rows.getString(2), null, null, null, null, 0, rows.getLong(3), null, rows.getBoolean(5) ? "" : null,
            metadataVersion, null, null));
      }
    }
    Map<String, WatchBatch.Current> current = new HashMap<>();
    try (ResultSet rows = sql.executeQuery("SELECT content_hash, metadata::VARCHAR, metadata_conflict, location_count,"
        + " media_type, format, mime, size_bytes, coalesce(width, height, channels, sample_rate) IS NOT NULL"
        + " OR coalesce(duration_seconds) IS NOT NULL OR coalesce(video_codec, audio_codec, camera, software) IS NOT NULL"
        + " OR created_at IS NOT NULL OR standard IS NOT NULL"
        + " FROM assets WHERE content_hash IN (SELECT content_hash FROM watch_affected)")) {
      while (rows.next()) {
        String hash = rows.getString(1);
        String json = rows.getString(2);
        AliceMetadata metadata = json == null ? null : AliceMetadata.fromJson(json);
        Integer version = metadata == null ? null : metadata.metadataVersion();
        MediaRecord from = copies.getOrDefault(hash, List.of()).stream()
            .filter(l -> (l.metadataJson() != null) == (json != null) && Objects.equals(l.metadataVersion(), version))
            .min(AssetMerge.NEWEST_FIRST).orElse(null);
        MediaRecord newest = new MediaRecord(hash, from == null ? "" : from.path(), null, rows.getString(6),
            rows.getString(5), rows.getString(7), rows.getLong(8), from == null ? Long.MIN_VALUE : from.lastModifiedMillis(),
            null, json, version, metadata == null ? null : metadata.processedAt(), null);
        current.put(hash, new WatchBatch.Current(newest, rows.getBoolean(3), rows.getInt(4), rows.getBoolean(9)));
      }
    }
    return current;
  }

  /** Every path the batch saw holds what the batch last saw there (or nothing, for an error). */
  private static void writeLocations(Connection db, Statement sql, WatchBatch batch) throws SQLException {
    sql.execute("DELETE FROM locations WHERE path IN (SELECT path FROM watch_paths)");
    rows(db, "CREATE TEMP TABLE watch_locations (content_hash VARCHAR, path VARCHAR, storage_type VARCHAR,"
        + " last_verified VARCHAR, metadata_version INTEGER, size_bytes BIGINT, last_modified_ms BIGINT,"
        + " hash_source VARCHAR, has_metadata BOOLEAN)", "INSERT INTO watch_locations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch.locations.values().stream().map(r -> new Object[] {r.contentHash(), r.path(), r.storageType(),
            r.lastVerified(), r.metadataVersion(), r.sizeBytes(), r.lastModifiedMillis(), r.hashSource(),
            r.metadataJson() != null}).toList());
    sql.execute("INSERT INTO locations (content_hash, path, storage_type, last_verified, metadata_version,"
        + " size_bytes, last_modified, hash_source, has_metadata)"
        + " SELECT content_hash, path, storage_type, TRY_CAST(last_verified AS TIMESTAMPTZ), metadata_version,"
        + " size_bytes, make_timestamptz(last_modified_ms * 1000), hash_source, has_metadata FROM watch_locations");
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

  /**
   * The touched assets' rows as the batch left them: gone ones (and ones that start afresh)
   * deleted with their tags, new ones inserted, then metadata, conflict flags, standard values and
   * location lists set from the decisions and the locations table.
   */
  private static void writeAssets(Connection db, Statement sql, WatchBatch batch) throws SQLException {
    List<WatchBatch.Asset> assets = List.copyOf(batch.assets.values());
    List<Object[]> gone = assets.stream().filter(a -> !a.exists || a.fresh).map(a -> new Object[] {a.contentHash})
        .toList();
    rows(db, "CREATE TEMP TABLE watch_gone (content_hash VARCHAR)", "INSERT INTO watch_gone VALUES (?)", gone);
    sql.execute("DELETE FROM tags WHERE content_hash IN (SELECT content_hash FROM watch_gone)");
    sql.execute("DELETE FROM assets WHERE content_hash IN (SELECT content_hash FROM watch_gone)");
    sql.execute("DROP TABLE temp.main.watch_gone");

    rows(db, "CREATE TEMP TABLE watch_new (content_hash VARCHAR, media_type VARCHAR, format VARCHAR, mime VARCHAR,"
        + " size_bytes BIGINT)", "INSERT INTO watch_new VALUES (?, ?, ?, ?, ?)",
        assets.stream().filter(a -> a.exists && a.fresh).map(a -> new Object[] {a.contentHash, a.newest.mediaType(),
            a.newest.format(), a.newest.mime(), a.newest.sizeBytes()}).toList());
    sql.execute("INSERT INTO assets (content_hash, media_type, format, mime, size_bytes, metadata_conflict,"
        + " location_count, locations) SELECT content_hash, media_type, format, mime, size_bytes, false, 0, []"
        + " FROM watch_new");

    // a known asset whose winner changed takes the winner's format, MIME type and size (copies differ in size)
    rows(db, "CREATE TEMP TABLE watch_winner (content_hash VARCHAR, media_type VARCHAR, format VARCHAR, mime VARCHAR,"
        + " size_bytes BIGINT)", "INSERT INTO watch_winner VALUES (?, ?, ?, ?, ?)",
        assets.stream().filter(a -> a.exists && !a.fresh && a.newestChanged).map(a -> new Object[] {a.contentHash,
            a.newest.mediaType(), a.newest.format(), a.newest.mime(), a.newest.sizeBytes()}).toList());
    sql.execute("UPDATE assets SET media_type = w.media_type, format = w.format, mime = w.mime,"
        + " size_bytes = w.size_bytes FROM watch_winner w WHERE assets.content_hash = w.content_hash");

    List<WatchBatch.Asset> retold = assets.stream().filter(a -> a.exists && a.metadataFrom() != null).toList();
    List<Object[]> metadata = new ArrayList<>();
    List<Object[]> tags = new ArrayList<>();
    for (WatchBatch.Asset a : retold) {
      MediaRecord r = a.metadataFrom();
      AliceMetadata m = AliceMetadata.fromJson(r.metadataJson());
      var g = m.generation();
      metadata.add(new Object[] {a.contentHash,
          m.description() != null && !m.description().isBlank() ? m.description() : m.understandingDescription(),
          m.generatedPrompt(), g == null ? null : g.provider(), g == null ? null : g.model(),
          g == null ? null : g.prompt(), g == null ? null : g.generatedAt(), r.processedAt(), r.metadataVersion(),
          r.metadataJson()});
      m.tags().forEach((category, values) -> values.forEach(v -> tags.add(new Object[] {a.contentHash, category, v})));
    }
    rows(db, "CREATE TEMP TABLE watch_metadata (content_hash VARCHAR, description VARCHAR, generated_prompt VARCHAR,"
        + " provider VARCHAR, model VARCHAR, prompt VARCHAR, generated_at VARCHAR, processed_at VARCHAR,"
        + " metadata_version INTEGER, metadata VARCHAR)",
        "INSERT INTO watch_metadata VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", metadata);
    sql.execute("UPDATE assets SET description = m.description, generated_prompt = m.generated_prompt,"
        + " provider = m.provider, model = m.model, prompt = m.prompt,"
        + " generated_at = TRY_CAST(m.generated_at AS TIMESTAMPTZ), processed_at = TRY_CAST(m.processed_at AS TIMESTAMPTZ),"
        + " metadata_version = m.metadata_version, metadata = m.metadata::JSON"
        + " FROM watch_metadata m WHERE assets.content_hash = m.content_hash");
    sql.execute("DELETE FROM tags WHERE content_hash IN (SELECT content_hash FROM watch_metadata)");
    rows(db, "CREATE TEMP TABLE watch_tags (content_hash VARCHAR, category VARCHAR, value VARCHAR)",
        "INSERT INTO watch_tags VALUES (?, ?, ?)", tags);
    sql.execute("INSERT INTO tags SELECT content_hash, category, value FROM watch_tags");

    rows(db, "CREATE TEMP TABLE watch_conflicts (content_hash VARCHAR)", "INSERT INTO watch_conflicts VALUES (?)",
        assets.stream().filter(a -> a.exists && a.conflict).map(a -> new Object[] {a.contentHash}).toList());
    sql.execute("UPDATE assets SET metadata_conflict = true"
        + " WHERE content_hash IN (SELECT content_hash FROM watch_conflicts)");

    rows(db, "CREATE TEMP TABLE watch_standard (content_hash VARCHAR, width INTEGER, height INTEGER,"
        + " duration_seconds DOUBLE, video_codec VARCHAR, audio_codec VARCHAR, sample_rate INTEGER, channels INTEGER,"
        + " camera VARCHAR, software VARCHAR, created_at VARCHAR, standard VARCHAR)",
        "INSERT INTO watch_standard VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        assets.stream().filter(a -> a.exists && a.standard != null).map(a -> {
          StandardMetadata s = a.standard;
          return new Object[] {a.contentHash, s.width(), s.height(), s.durationSeconds(), s.videoCodec(),
              s.audioCodec(), s.sampleRate(), s.channels(), s.camera(), s.software(), s.createdAt(), s.json()};
        }).toList());
    // The winner's standard values (or the first copy's that has any) replace the asset's.
    sql.execute("UPDATE assets SET width = s.width, height = s.height, duration_seconds = s.duration_seconds,"
        + " video_codec = s.video_codec, audio_codec = s.audio_codec, sample_rate = s.sample_rate,"
        + " channels = s.channels, camera = s.camera, software = s.software,"
        + " created_at = TRY_CAST(s.created_at AS TIMESTAMP), standard = s.standard::JSON"
        + " FROM watch_standard s WHERE assets.content_hash = s.content_hash");

    // Every touched asset lists its present copies, from the locations table (path order).
    sql.execute("UPDATE assets SET locations = l.locations, location_count = l.n FROM ("
        + " SELECT content_hash, coalesce(list({'path': path, 'storage_type': storage_type,"
        + "   'last_verified': last_verified, 'metadata_version': metadata_version, 'size_bytes': size_bytes,"
        + "   'last_modified': last_modified, 'hash_source': hash_source, 'has_metadata': has_metadata} ORDER BY path)"
        + "   FILTER (WHERE state = 'present'), []) AS locations,"
        + " count(*) FILTER (WHERE state = 'present')::INTEGER AS n"
        + " FROM locations WHERE content_hash IN (SELECT content_hash FROM watch_affected) GROUP BY content_hash) l"
        + " WHERE assets.content_hash = l.content_hash");
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
