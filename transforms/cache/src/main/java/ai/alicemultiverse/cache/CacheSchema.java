package ai.alicemultiverse.cache;

import ai.alicemultiverse.codec.MediaFormat;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB cache's tables. The cache is derived data: every row comes from the files, so the
 * schema can change freely between versions (a rebuild recreates it).
 */
public final class CacheSchema {
  public static final int VERSION = 4;

  private CacheSchema() {}

  static final String LOCATION_STRUCT =
      "STRUCT(path VARCHAR, storage_type VARCHAR, last_verified TIMESTAMPTZ, metadata_version INTEGER,"
          + " size_bytes BIGINT, last_modified TIMESTAMPTZ, hash_source VARCHAR, has_metadata BOOLEAN)";

  /** One copy's standard values, as the asset's standard columns keep them. */
  static final String STANDARD_STRUCT =
      "STRUCT(width INTEGER, height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR, audio_codec VARCHAR,"
          + " sample_rate INTEGER, channels INTEGER, camera VARCHAR, software VARCHAR, created_at TIMESTAMP, json JSON)";

  /**
   * Columns that only caches of this version have, by table: an older cache lacks what an in-place update needs
   * (each copy's change signature since schema 3; the typed columns of other tools' metadata since schema 4,
   * whose copies' standard values also lack the XMP properties those columns come from, so an incremental run
   * must not reuse them).
   */
  private static final String[][] CURRENT_MARKERS = {{"locations", "signature"}, {"assets", "taken_at"}};

  /**
   * The fields of {@code s} (a Parquet {@code Standard} record, or a row's alias) as a {@link
   * #STANDARD_STRUCT}.
   */
  static String standardStruct(String s) {
    return "{'width': " + s + ".width, 'height': " + s + ".height,"
        + " 'duration_seconds': " + s + ".duration_seconds, 'video_codec': " + s + ".video_codec,"
        + " 'audio_codec': " + s + ".audio_codec, 'sample_rate': " + s + ".sample_rate, 'channels': " + s + ".channels,"
        + " 'camera': " + s + ".camera, 'software': " + s + ".software,"
        + " 'created_at': TRY_CAST(" + s + ".created_at AS TIMESTAMP), 'json': " + s + ".json::JSON}::" + STANDARD_STRUCT;
  }

  static final String[] DDL = {
    // One row per content hash, with all its locations (the file_tracking shape) and typed columns.
    // No PRIMARY KEY: the pipeline's GroupByKey already makes content_hash unique, and its index
    // (an ART over a million random hashes) was the slowest part of loading a cache.
    "CREATE TABLE assets ("
        + " content_hash VARCHAR NOT NULL,"
        + " media_type VARCHAR NOT NULL,"
        + " format VARCHAR NOT NULL,"
        // false for the formats alice reads only (HEIC, FLAC, RAW...): tag refuses them
        + " writable BOOLEAN,"
        + " mime VARCHAR NOT NULL,"
        + " size_bytes BIGINT NOT NULL,"
        + " description VARCHAR,"
        + " generated_prompt VARCHAR,"
        + " provider VARCHAR,"
        + " model VARCHAR,"
        + " prompt VARCHAR,"
        + " generated_at TIMESTAMPTZ,"
        + " processed_at TIMESTAMPTZ,"
        + " metadata_version INTEGER,"
        + " metadata JSON,"
        + " metadata_conflict BOOLEAN NOT NULL,"
        + " location_count INTEGER NOT NULL,"
        + " locations " + LOCATION_STRUCT + "[] NOT NULL,"
        // standard metadata from the container (Tika); created_at as the file says, without zone
        + " width INTEGER, height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR, audio_codec VARCHAR,"
        + " sample_rate INTEGER, channels INTEGER, camera VARCHAR, software VARCHAR, created_at TIMESTAMP,"
        + " standard JSON,"
        // what other tools wrote (AssetFields: XMP before IPTC before EXIF before the container's tags);
        // taken_at is the capture time as the file writes it, without zone
        + " description_source VARCHAR, title VARCHAR, rating INTEGER, label VARCHAR, taken_at TIMESTAMP,"
        + " gps_lat DOUBLE, gps_lon DOUBLE)",
    // The same locations flattened, for queries by path or storage.
    "CREATE TABLE locations ("
        + " content_hash VARCHAR NOT NULL,"
        + " path VARCHAR NOT NULL,"
        + " storage_type VARCHAR NOT NULL,"
        + " last_verified TIMESTAMPTZ,"
        + " metadata_version INTEGER,"
        + " size_bytes BIGINT,"
        + " last_modified TIMESTAMPTZ,"
        + " hash_source VARCHAR,"
        + " has_metadata BOOLEAN,"
        // What the merge rule reads of each copy, so that ingest, scan and watch merge an asset again from
        // its present copies alone (AssetMerge). The copy's metadata and standard values are kept only when
        // they differ from the asset's (null: the same as the asset's, or none as has_* says).
        + " format VARCHAR, media_type VARCHAR, mime VARCHAR, processed_at VARCHAR, metadata JSON,"
        + " has_standard BOOLEAN, standard " + STANDARD_STRUCT + ","
        // The copy's change signature as the listing gave it (size, times, inode; an object's ETag or MD5), or
        // null: an incremental run reuses this row without opening the file while the listing gives the same.
        + " signature VARCHAR,"
        + " state VARCHAR NOT NULL DEFAULT 'present')",
    "CREATE TABLE tags (content_hash VARCHAR NOT NULL, category VARCHAR NOT NULL, value VARCHAR NOT NULL)",
    "CREATE TABLE errors (path VARCHAR NOT NULL, stage VARCHAR NOT NULL, reason VARCHAR NOT NULL,"
        + " seen_at TIMESTAMPTZ)",
    "CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,"
        + " roots VARCHAR[], runner VARCHAR, files_matched BIGINT, files_indexed BIGINT,"
        + " unique_hashes BIGINT, errors BIGINT, seconds DOUBLE,"
        // 'full' (every file read) or 'incremental' (unchanged locations reused without opening them)
        + " kind VARCHAR, files_read BIGINT, files_reused BIGINT,"
        // files under the roots that are not media, by kind (extension): nothing is left out silently
        + " skipped_by_kind MAP(VARCHAR, BIGINT))",
    "CREATE TABLE cache_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
  };

  /**
   * Refuses an in-place update of a cache made before the locations kept each copy's metadata: its
   * assets cannot be merged again from their copies, and guessing would make a cache no rebuild makes.
   */
  static void requireCurrent(Statement sql, java.nio.file.Path cache) throws SQLException {
    if (!isCurrent(sql)) {
      throw new SQLException(cache + ": this cache was made by an older version of alice and cannot be updated in"
          + " place; rebuild needed: run `alice rebuild` over its folders (searches and reports still read it)");
    }
  }

  /** Whether the open cache is of this version (it has the newest columns). */
  static boolean isCurrent(Statement sql) throws SQLException {
    StringBuilder markers = new StringBuilder();
    for (String[] marker : CURRENT_MARKERS) {
      markers.append(markers.length() == 0 ? "" : " OR ").append("(table_name = '").append(marker[0])
          .append("' AND column_name = '").append(marker[1]).append("')");
    }
    return SqlValues.single(sql, "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database()"
        + " AND schema_name = 'main' AND (" + markers + ")") == CURRENT_MARKERS.length;
  }

  /** SQL for whether alice writes the format in column {@code format} (see {@code MediaFormat#writable}). */
  static String writable(String format) {
    return "(" + format + " IN (" + java.util.Arrays.stream(MediaFormat.values()).filter(MediaFormat::writable)
        .map(f -> "'" + f.name().toLowerCase(java.util.Locale.ROOT) + "'")
        .collect(java.util.stream.Collectors.joining(", ")) + "))";
  }

  static void create(Statement sql) throws SQLException {
    for (String ddl : DDL) {
      sql.execute(ddl);
    }
    sql.execute("INSERT INTO cache_info VALUES ('schema_version', '" + VERSION + "')");
  }
}
