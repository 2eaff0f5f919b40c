package ai.alicemultiverse.export;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cache's tables ({@code assets}, {@code locations}, {@code tags}, {@code errors}) as views over
 * the rebuild pipeline's Parquet shards, with the cache's column names and types (the same mapping
 * {@code CacheLoader} loads). A query written for the cache runs unchanged on an export from files,
 * and DuckDB streams the shards instead of loading them.
 */
public final class ShardViews {
  private ShardViews() {}

  public static void create(Statement sql, List<Path> assetShards, List<Path> errorShards) throws SQLException {
    String assets = assetShards.isEmpty() ? null : "read_parquet(" + list(assetShards) + ")";
    if (assets == null) {
      // No media found: empty tables of the right shape, so a query still plans.
      sql.execute("CREATE VIEW asset_shards AS SELECT * FROM (SELECT NULL::VARCHAR AS content_hash,"
          + " NULL::VARCHAR AS media_type, NULL::VARCHAR AS format, NULL::VARCHAR AS mime, NULL::BIGINT AS size_bytes,"
          + " NULL::VARCHAR AS description, NULL::VARCHAR AS generated_prompt, NULL::VARCHAR AS provider,"
          + " NULL::VARCHAR AS model, NULL::VARCHAR AS prompt, NULL::VARCHAR AS generated_at,"
          + " NULL::VARCHAR AS processed_at, NULL::INTEGER AS metadata_version, NULL::VARCHAR AS metadata_json,"
          + " NULL::BOOLEAN AS metadata_conflict,"
          + " []::STRUCT(path VARCHAR, storage_type VARCHAR, last_verified VARCHAR, metadata_version INTEGER,"
          + "   size_bytes BIGINT, last_modified_ms BIGINT, hash_source VARCHAR, has_metadata BOOLEAN)[] AS locations,"
          + " []::STRUCT(category VARCHAR, value VARCHAR)[] AS tags) WHERE false");
    } else {
      sql.execute("CREATE VIEW asset_shards AS SELECT * FROM " + assets);
    }
    sql.execute("CREATE VIEW assets AS SELECT content_hash, media_type, format, mime, size_bytes,"
        + " description, generated_prompt, provider, model, prompt,"
        + " TRY_CAST(generated_at AS TIMESTAMPTZ) AS generated_at, TRY_CAST(processed_at AS TIMESTAMPTZ) AS processed_at,"
        + " metadata_version, metadata_json::JSON AS metadata, metadata_conflict, len(locations)::INTEGER AS location_count,"
        + " list_transform(locations, l -> {'path': l.path, 'storage_type': l.storage_type,"
        + "   'last_verified': TRY_CAST(l.last_verified AS TIMESTAMPTZ),"
        + "   'metadata_version': l.metadata_version, 'size_bytes': l.size_bytes,"
        + "   'last_modified': make_timestamptz(l.last_modified_ms * 1000),"
        + "   'hash_source': l.hash_source, 'has_metadata': l.has_metadata}) AS locations"
        + " FROM asset_shards");
    sql.execute("CREATE VIEW locations AS SELECT content_hash, l.path, l.storage_type, l.last_verified,"
        + " l.metadata_version, l.size_bytes, l.last_modified, l.hash_source, l.has_metadata, 'present' AS state"
        + " FROM (SELECT content_hash, unnest(locations) AS l FROM assets)");
    sql.execute("CREATE VIEW tags AS SELECT content_hash, t.category, t.value"
        + " FROM (SELECT content_hash, unnest(tags) AS t FROM asset_shards)");
    if (errorShards.isEmpty()) {
      sql.execute("CREATE VIEW errors AS SELECT NULL::VARCHAR AS path, NULL::VARCHAR AS stage,"
          + " NULL::VARCHAR AS reason, NULL::TIMESTAMPTZ AS seen_at WHERE false");
    } else {
      sql.execute("CREATE VIEW errors AS SELECT path, stage, reason, TRY_CAST(seen_at AS TIMESTAMPTZ) AS seen_at"
          + " FROM read_parquet(" + list(errorShards) + ")");
    }
  }

  private static String list(List<Path> files) {
    return files.stream().map(p -> "'" + ExportSql.quote(p.toAbsolutePath().toString()) + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
