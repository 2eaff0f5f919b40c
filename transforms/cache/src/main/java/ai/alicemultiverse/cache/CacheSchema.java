package ai.alicemultiverse.cache;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB cache's tables. The cache is derived data: every row comes from the files, so the
 * schema can change freely between versions (a rebuild recreates it).
 */
public final class CacheSchema {
  public static final int VERSION = 1;

  private CacheSchema() {}

  static final String LOCATION_STRUCT =
      "STRUCT(path VARCHAR, storage_type VARCHAR, last_verified TIMESTAMPTZ, metadata_version INTEGER,"
          + " size_bytes BIGINT, last_modified TIMESTAMPTZ, hash_source VARCHAR, has_metadata BOOLEAN)";

  static final String[] DDL = {
    // One row per content hash, with all its locations (the file_tracking shape) and typed columns.
    // No PRIMARY KEY: the pipeline's GroupByKey already makes content_hash unique, and its index
    // (an ART over a million random hashes) was the slowest part of loading a cache.
    "CREATE TABLE assets ("
        + " content_hash VARCHAR NOT NULL,"
        + " media_type VARCHAR NOT NULL,"
        + " format VARCHAR NOT NULL,"
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
        + " standard JSON)",
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
        + " state VARCHAR NOT NULL DEFAULT 'present')",
    "CREATE TABLE tags (content_hash VARCHAR NOT NULL, category VARCHAR NOT NULL, value VARCHAR NOT NULL)",
    "CREATE TABLE errors (path VARCHAR NOT NULL, stage VARCHAR NOT NULL, reason VARCHAR NOT NULL,"
        + " seen_at TIMESTAMPTZ)",
    "CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,"
        + " roots VARCHAR[], runner VARCHAR, files_matched BIGINT, files_indexed BIGINT,"
        + " unique_hashes BIGINT, errors BIGINT, seconds DOUBLE)",
    "CREATE TABLE cache_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
  };

  static void create(Statement sql) throws SQLException {
    for (String ddl : DDL) {
      sql.execute(ddl);
    }
    sql.execute("INSERT INTO cache_info VALUES ('schema_version', '" + VERSION + "')");
  }
}
