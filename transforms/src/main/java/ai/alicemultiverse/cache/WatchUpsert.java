package ai.alicemultiverse.cache;

import ai.alicemultiverse.beam.FileError;
import ai.alicemultiverse.beam.MediaRecord;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.search.SearchIndex;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes what a watch sees into an existing cache, one batch per transaction: a file's location
 * moves to the asset of its current content hash, the asset's metadata is replaced when the file
 * carries newer metadata (higher metadata_version, then later processed_at — the rebuild's rule),
 * and its errors are replaced by the batch's.
 *
 * <p>One writer per cache in a process: {@link #write} is synchronized, and the DuckDB file is
 * opened for each batch and closed after it, so between batches other tools can open the cache,
 * and a rebuild's atomic swap is picked up by the next batch.
 *
 * <p>The search tables are brought up to date in the same transaction, for the assets the batch
 * touched only ({@link SearchIndex#update}): a search sees every committed batch, and a batch costs
 * about the same on a cache of a million assets as on an empty one.
 */
public final class WatchUpsert {
  private static final int OPEN_ATTEMPTS = 20;

  private final Path cacheFile;
  private boolean stopped;
  private long committed;

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
   * Commits one batch with the search tables' rows for it. After {@link #stop} nothing is written
   * any more (the records are picked up again by the re-scan a restarted watch does).
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
    try (Connection db = open()) {
      db.setAutoCommit(false);
      try {
        Set<String> affected = new TreeSet<>();
        for (MediaRecord r : records.stream().sorted(Comparator.comparing(MediaRecord::path)).toList()) {
          removeLocation(db, r.path(), affected);
          addLocation(db, r);
          affected.add(r.contentHash());
          execute(db, "DELETE FROM errors WHERE path = ?", r.path());
        }
        for (FileError e : errors) {
          removeLocation(db, e.path(), affected); // the file at this path is no longer a readable asset
          execute(db, "DELETE FROM errors WHERE path = ?", e.path());
          execute(db, "INSERT INTO errors VALUES (?, ?, ?, TRY_CAST(? AS TIMESTAMPTZ))",
              e.path(), e.stage(), e.reason(), e.seenAt());
        }
        updateSearch(db, affected);
        db.commit();
        committed += records.size() + errors.size();
        return true;
      } catch (SQLException e) {
        db.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException(cacheFile + ": could not update the cache: " + e.getMessage(), e);
    }
  }

  /** Waits for the batch being written, if any, and refuses later ones. */
  public synchronized void stop() {
    stopped = true;
  }

  /** The search tables' rows of the {@code affected} content hashes, made again from theirs. */
  private static void updateSearch(Connection db, Set<String> affected) throws SQLException {
    if (affected.isEmpty()) {
      return;
    }
    try (Statement sql = db.createStatement()) {
      sql.execute("CREATE TEMP TABLE watch_affected (content_hash VARCHAR)");
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO watch_affected VALUES (?)")) {
        for (String hash : affected) {
          insert.setString(1, hash);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      SearchIndex.update(sql, "watch_affected");
      sql.execute("DROP TABLE temp.main.watch_affected");
    }
  }

  /** Files and errors committed so far. */
  public synchronized long committed() {
    return committed;
  }

  /**
   * A reader has the file open: another process holds DuckDB's file lock, or (in this JVM) a
   * read-only connection makes DuckDB refuse a read-write one. Both pass; wait and retry.
   */
  private static boolean heldByAReader(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("lock") || message.contains("different configuration");
  }

  /** A reader or another writer may hold the file for a moment: retry for about 20 s. */
  private Connection open() throws SQLException, IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return DriverManager.getConnection("jdbc:duckdb:" + cacheFile);
      } catch (SQLException e) {
        if (attempt >= OPEN_ATTEMPTS || !heldByAReader(e)) {
          throw e;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException(cacheFile + ": interrupted while waiting for the cache's lock", e);
        }
      }
    }
  }

  /** Takes the location at {@code path} away from the asset it belonged to, adding that asset to {@code affected}. */
  private static void removeLocation(Connection db, String path, Set<String> affected) throws SQLException {
    String oldHash = null;
    try (PreparedStatement q = db.prepareStatement("SELECT content_hash FROM locations WHERE path = ?")) {
      q.setString(1, path);
      try (ResultSet rows = q.executeQuery()) {
        if (rows.next()) {
          oldHash = rows.getString(1);
        }
      }
    }
    if (oldHash == null) {
      return;
    }
    affected.add(oldHash);
    execute(db, "DELETE FROM locations WHERE path = ?", path);
    execute(db, "UPDATE assets SET locations = list_filter(locations, l -> l.path <> ?),"
        + " location_count = len(list_filter(locations, l -> l.path <> ?)) WHERE content_hash = ?",
        path, path, oldHash);
    // The last copy of that media is gone from here: so is the asset.
    if (count(db, "SELECT count(*) FROM assets WHERE content_hash = ? AND location_count = 0", oldHash) > 0) {
      execute(db, "DELETE FROM tags WHERE content_hash = ?", oldHash);
      execute(db, "DELETE FROM assets WHERE content_hash = ?", oldHash);
    }
  }

  private static final String LOCATION = "{'path': ?, 'storage_type': ?, 'last_verified': TRY_CAST(? AS TIMESTAMPTZ),"
      + " 'metadata_version': ?::INTEGER, 'size_bytes': ?::BIGINT,"
      + " 'last_modified': make_timestamptz(?::BIGINT * 1000), 'hash_source': ?, 'has_metadata': ?::BOOLEAN}";

  private static Object[] locationValues(MediaRecord r) {
    return new Object[] {r.path(), r.storageType(), r.lastVerified(), r.metadataVersion(), r.sizeBytes(),
        r.lastModifiedMillis(), r.hashSource(), r.metadataJson() != null};
  }

  private static void addLocation(Connection db, MediaRecord r) throws SQLException {
    execute(db, "INSERT INTO locations (content_hash, path, storage_type, last_verified, metadata_version,"
        + " size_bytes, last_modified, hash_source, has_metadata) VALUES (?, ?, ?, TRY_CAST(? AS TIMESTAMPTZ),"
        + " ?::INTEGER, ?, make_timestamptz(?::BIGINT * 1000), ?, ?)",
        r.contentHash(), r.path(), r.storageType(), r.lastVerified(), r.metadataVersion(), r.sizeBytes(),
        r.lastModifiedMillis(), r.hashSource(), r.metadataJson() != null);
    Current current = current(db, r.contentHash());
    if (current == null) {
      execute(db, "INSERT INTO assets (content_hash, media_type, format, mime, size_bytes, metadata_conflict,"
          + " location_count, locations) VALUES (?, ?, ?, ?, ?, false, 1, [" + LOCATION + "])",
          concat(new Object[] {r.contentHash(), r.mediaType(), r.format(), r.mime(), r.sizeBytes()}, locationValues(r)));
      replaceMetadata(db, r);
      replaceStandard(db, r);
      return;
    }
    execute(db, "UPDATE assets SET locations = list_append(locations, " + LOCATION + "),"
        + " location_count = location_count + 1 WHERE content_hash = ?",
        concat(locationValues(r), new Object[] {r.contentHash()}));
    replaceStandard(db, r);
    if (r.metadataJson() == null) {
      return;
    }
    boolean differs = current.metadataJson != null
        && !AliceMetadata.fromJson(current.metadataJson).equals(AliceMetadata.fromJson(r.metadataJson()));
    if (differs) {
      execute(db, "UPDATE assets SET metadata_conflict = true WHERE content_hash = ?", r.contentHash());
    }
    if (current.metadataJson == null || isNewer(r, current)) {
      replaceMetadata(db, r);
    }
  }

  private static boolean isNewer(MediaRecord r, Current current) {
    int version = r.metadataVersion() == null ? -1 : r.metadataVersion();
    int currentVersion = current.metadataVersion == null ? -1 : current.metadataVersion;
    if (version != currentVersion) {
      return version > currentVersion;
    }
    return Objects.toString(r.processedAt(), "").compareTo(Objects.toString(current.processedAt, "")) >= 0;
  }

  /** The typed columns and tags from the record's metadata (the same mapping as the rebuild's). */
  private static void replaceMetadata(Connection db, MediaRecord r) throws SQLException {
    if (r.metadataJson() == null) {
      return;
    }
    AliceMetadata m = AliceMetadata.fromJson(r.metadataJson());
    String description = m.description() != null && !m.description().isBlank()
        ? m.description() : m.understandingDescription();
    var g = m.generation();
    execute(db, "UPDATE assets SET description = ?, generated_prompt = ?, provider = ?, model = ?, prompt = ?,"
        + " generated_at = TRY_CAST(? AS TIMESTAMPTZ), processed_at = TRY_CAST(? AS TIMESTAMPTZ),"
        + " metadata_version = ?::INTEGER, metadata = ?::JSON WHERE content_hash = ?",
        description, m.generatedPrompt(), g == null ? null : g.provider(), g == null ? null : g.model(),
        g == null ? null : g.prompt(), g == null ? null : g.generatedAt(), r.processedAt(), r.metadataVersion(),
        r.metadataJson(), r.contentHash());
    execute(db, "DELETE FROM tags WHERE content_hash = ?", r.contentHash());
    for (Map.Entry<String, List<String>> category : m.tags().entrySet()) {
      for (String value : category.getValue()) {
        execute(db, "INSERT INTO tags VALUES (?, ?, ?)", r.contentHash(), category.getKey(), value);
      }
    }
  }

  /**
   * The container's own metadata into the typed columns. The same media reads the same in every
   * copy, so the latest sighting's values win and a value it could not read keeps the one known.
   */
  private static void replaceStandard(Connection db, MediaRecord r) throws SQLException {
    StandardMetadata s = r.standard();
    if (s == null) {
      return;
    }
    execute(db, "UPDATE assets SET width = coalesce(?::INTEGER, width), height = coalesce(?::INTEGER, height),"
        + " duration_seconds = coalesce(?::DOUBLE, duration_seconds), video_codec = coalesce(?::VARCHAR, video_codec),"
        + " audio_codec = coalesce(?::VARCHAR, audio_codec), sample_rate = coalesce(?::INTEGER, sample_rate),"
        + " channels = coalesce(?::INTEGER, channels), camera = coalesce(?::VARCHAR, camera), software = coalesce(?::VARCHAR, software),"
        + " created_at = coalesce(TRY_CAST(? AS TIMESTAMP), created_at), standard = coalesce(?::JSON, standard)"
        + " WHERE content_hash = ?",
        s.width(), s.height(), s.durationSeconds(), s.videoCodec(), s.audioCodec(), s.sampleRate(), s.channels(),
        s.camera(), s.software(), s.createdAt(), s.json(), r.contentHash());
  }

  private record Current(String metadataJson, Integer metadataVersion, String processedAt) {}

  private static Current current(Connection db, String hash) throws SQLException {
    try (PreparedStatement q = db.prepareStatement("SELECT metadata::VARCHAR, metadata_version,"
        + " strftime(processed_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM assets WHERE content_hash = ?")) {
      q.setString(1, hash);
      try (ResultSet rows = q.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        int version = rows.getInt(2);
        return new Current(rows.getString(1), rows.wasNull() ? null : version, rows.getString(3));
      }
    }
  }

  private static long count(Connection db, String sql, Object... values) throws SQLException {
    try (PreparedStatement q = bind(db.prepareStatement(sql), values); ResultSet rows = q.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(Connection db, String sql, Object... values) throws SQLException {
    try (PreparedStatement q = bind(db.prepareStatement(sql), values)) {
      q.execute();
    }
  }

  private static PreparedStatement bind(PreparedStatement q, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      q.setObject(i + 1, values[i]);
    }
    return q;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] all = new Object[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
