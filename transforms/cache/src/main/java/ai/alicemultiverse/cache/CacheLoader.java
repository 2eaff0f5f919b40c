package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds a fresh DuckDB cache from the pipeline's Parquet shards in one step, then swaps it in
 * atomically: a reader sees the old cache or the new one, never a half-built one. A rebuild changes
 * only what it looked at: the old cache's rows outside its roots (the run's {@link RunInfo#roots}), and
 * its locations under a folder the rebuild could not read, are kept ({@link KeptLocations}).
 */
public final class CacheLoader {
  private CacheLoader() {}

  /**
   * @param assetFiles Parquet shards of {@code ParquetSchemas.ASSET} (local paths)
   * @param errorFiles Parquet shards of {@code ParquetSchemas.ERROR}
   */
  public static void rebuild(Path cacheFile, List<Path> assetFiles, List<Path> errorFiles, RunInfo run)
      throws IOException {
    rebuildTimed(cacheFile, assetFiles, errorFiles, run);
  }

  /**
   * {@link #rebuild(Path, List, List, RunInfo)}, returning the statements that built the cache,
   * each with its wall and CPU seconds.
   */
  public static List<LoadSteps.Step> rebuildTimed(Path cacheFile, List<Path> assetFiles, List<Path> errorFiles,
      RunInfo run) throws IOException {
    try (CacheLock lock = lockForRebuild(cacheFile)) {
      return build(lock, assetFiles, errorFiles, run);
    }
  }

  /**
   * Takes the cache's locks for a whole rebuild, from before the pipeline runs until the swap: two rebuilds
   * of one cache would otherwise run side by side and one would delete the other's Parquet hand-off, and an
   * in-place writer (ingest, scan, a watch's batch) would commit into the file the swap then replaces.
   * A second rebuild is refused at once; an in-place writer's transaction is waited for (30 s at most).
   */
  public static CacheLock lockForRebuild(Path cacheFile) throws IOException {
    return CacheLock.forRebuild(cacheFile, "another alice process is rebuilding this cache",
        java.time.Duration.ofSeconds(30));
  }

  /**
   * {@link #rebuild(Path, List, List, RunInfo)} under a lock the caller already holds, returning the
   * statements that built the cache, each with its wall and CPU seconds.
   */
  public static List<LoadSteps.Step> rebuild(CacheLock held, List<Path> assetFiles, List<Path> errorFiles,
      RunInfo run) throws IOException {
    return build(held, assetFiles, errorFiles, run);
  }

  private static List<LoadSteps.Step> build(CacheLock held, List<Path> assetFiles, List<Path> errorFiles,
      RunInfo run) throws IOException {
    Path cache = held.cache();
    removeAbandonedBuilds(cache);
    Path building = cache.resolveSibling("." + cache.getFileName() + ".building-" + UUID.randomUUID());
    try {
      List<LoadSteps.Step> steps = build(building, cache, assetFiles, errorFiles, run);
      moveIntoPlace(building, cache);
      Files.deleteIfExists(Path.of(cache + ".wal")); // a stale log must never be replayed on the new file
      return steps;
    } catch (SQLException e) {
      throw new IOException(cache + ": could not build the cache: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(building);
      Files.deleteIfExists(Path.of(building + ".wal"));
    }
  }

  /**
   * Half-built caches of a rebuild that was killed before its swap. Only a rebuild holding the cache's lock
   * builds one, and we hold it now: every such file is abandoned.
   */
  private static void removeAbandonedBuilds(Path cache) throws IOException {
    String prefix = "." + cache.getFileName() + ".building-";
    try (java.util.stream.Stream<Path> entries = Files.list(cache.getParent())) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<LoadSteps.Step> build(Path building, Path previous, List<Path> assetFiles,
      List<Path> errorFiles, RunInfo run) throws SQLException, IOException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + building);
        Statement statement = db.createStatement()) {
      LoadSteps sql = new LoadSteps(statement);
      // Rows may land in any order (whatever keeps both cores busy and memory low): every table
      // whose order matters is built with an ORDER BY.
      sql.execute("SET preserve_insertion_order = false");
      CacheSchema.create(statement);
      if (!assetFiles.isEmpty()) {
        String assets = parquetList(assetFiles);
        sql.execute("INSERT INTO assets SELECT content_hash, media_type, format, writable, mime, size_bytes,"
            + " description, generated_prompt, provider, model, prompt,"
            + " TRY_CAST(generated_at AS TIMESTAMPTZ), TRY_CAST(processed_at AS TIMESTAMPTZ),"
            + " metadata_version, metadata_json::JSON, metadata_conflict, len(locations),"
            + " list_transform(locations, l -> {'path': l.path, 'storage_type': l.storage_type,"
            + "   'last_verified': TRY_CAST(l.last_verified AS TIMESTAMPTZ),"
            + "   'metadata_version': l.metadata_version, 'size_bytes': l.size_bytes,"
            + "   'last_modified': make_timestamptz(l.last_modified_ms * 1000),"
            + "   'hash_source': l.hash_source, 'has_metadata': l.has_metadata}),"
            + " width, height, duration_seconds, video_codec, audio_codec, sample_rate, channels, camera,"
            + " software, TRY_CAST(created_at AS TIMESTAMP), standard_json::JSON,"
            + " description_source, title, rating, label, TRY_CAST(taken_at AS TIMESTAMP), gps_lat, gps_lon"
            + " FROM read_parquet(" + assets + ")");
        sql.execute("INSERT INTO locations (content_hash, path, storage_type, last_verified, metadata_version,"
            + " size_bytes, last_modified, hash_source, has_metadata, format, media_type, mime, processed_at, metadata,"
            + " has_standard, standard, signature)"
            + " SELECT content_hash, l.path, l.storage_type, TRY_CAST(l.last_verified AS TIMESTAMPTZ),"
            + " l.metadata_version, l.size_bytes, make_timestamptz(l.last_modified_ms * 1000), l.hash_source,"
            + " l.has_metadata, l.format, l.media_type, l.mime, l.processed_at, l.metadata_json::JSON, l.has_standard,"
            // a copy's standard values are kept only where they differ from the asset's as the cache types them
            // (a reused copy's come from the cache, a read copy's from the file: the same values may be
            // written differently, e.g. a creation time)
            + " CASE WHEN l.standard IS NOT NULL AND " + CacheSchema.standardStruct("l.standard")
            + "   IS DISTINCT FROM " + CacheSchema.standardStruct("asset") + " THEN "
            + CacheSchema.standardStruct("l.standard") + " END, l.signature"
            + " FROM (SELECT content_hash, unnest(locations) AS l, {'width': width, 'height': height,"
            + "   'duration_seconds': duration_seconds, 'video_codec': video_codec, 'audio_codec': audio_codec,"
            + "   'sample_rate': sample_rate, 'channels': channels, 'camera': camera, 'software': software,"
            + "   'created_at': created_at, 'json': standard_json} AS asset FROM read_parquet(" + assets + "))");
        sql.execute("INSERT INTO tags SELECT content_hash, t.category, t.value"
            + " FROM (SELECT content_hash, unnest(tags) AS t FROM read_parquet(" + assets + "))");
      }
      if (!errorFiles.isEmpty()) {
        sql.execute("INSERT INTO errors SELECT path, stage, reason, TRY_CAST(seen_at AS TIMESTAMPTZ)"
            + " FROM read_parquet(" + parquetList(errorFiles) + ")");
      }
      boolean kept = KeptLocations.keepPreviousRows(db, previous, run.roots());
      // the search tables, from the rows above and the term lists the pipeline computed (kept assets
      // have none: then every asset's text is split in SQL, which gives the same index)
      SearchIndex.build(sql,
          assetFiles.isEmpty() || kept ? null : "read_parquet(" + parquetList(assetFiles) + ")");
      copyRunHistory(db, previous);
      RunsTable.insert(db, run);
      sql.execute("CHECKPOINT");
      return sql.steps();
    }
  }

  /** Keeps the runs of earlier rebuilds when the old cache is still readable (it is only history). */
  private static void copyRunHistory(Connection db, Path previous) {
    if (!Files.isRegularFile(previous)) {
      return;
    }
    // A statement of its own: DuckDB closes a statement whose query failed.
    try (Statement sql = db.createStatement()) {
      sql.execute("ATTACH '" + escape(previous.toString()) + "' AS previous (READ_ONLY)");
      // by name: the runs of a cache made before a column was added keep what they have
      sql.execute("INSERT INTO runs BY NAME SELECT * FROM previous.runs");
      sql.execute("DETACH previous");
    } catch (SQLException e) {
      // A corrupt or older cache: its history is lost, nothing else is.
    }
  }


  private static void moveIntoPlace(Path building, Path cache) throws IOException {
    try {
      Files.move(building, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(cache + ": the file system cannot replace the cache atomically", e);
    }
  }

  static String parquetList(List<Path> files) {
    return files.stream().map(p -> "'" + escape(p.toAbsolutePath().toString()) + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String escape(String s) {
    return s.replace("'", "''");
  }
}
