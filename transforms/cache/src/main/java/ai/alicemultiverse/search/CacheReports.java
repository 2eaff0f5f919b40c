package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the cache knows about one asset, its copies, and the whole library. */
public final class CacheReports {
  private static final Pattern HEX_PREFIX = Pattern.compile("(sha256:)?[0-9a-fA-F]{8,64}");

  private final Connection db;

  public CacheReports(Connection db) {
    this.db = db;
  }

  /** One copy of an asset. */
  public record Location(String path, String storageType, Instant lastVerified, Integer metadataVersion,
      Long sizeBytes, Instant lastModified, String hashSource, Boolean hasMetadata, String state) {}

  /** Everything the cache holds for one content hash. */
  public record Asset(String contentHash, String mediaType, String format, String mime, long sizeBytes,
      String description, String provider, String model, String prompt, Instant generatedAt,
      Instant processedAt, Integer metadataVersion, boolean metadataConflict, String metadataJson,
      Map<String, List<String>> tags, List<Location> locations) {}

  /** Library totals; each map is ordered by count, largest first. */
  public record Stats(long assets, long locations, long totalBytes, long errors, Map<String, Long> byMediaType,
      Map<String, Long> byStorage, Map<String, Long> byProvider, Instant builtAt, Instant lastRunStarted,
      String lastRunRoots, Double lastRunSeconds, long readOnlyAssets, Map<String, Long> lastRunSkipped) {}

  /** A file the last run could not read, and why. */
  public record FileProblem(String path, String reason) {}

  /** The first problems by path, and how many there are in all. */
  public record Problems(List<FileProblem> first, long total) {}

  /** True for a full hash or a prefix of at least 8 hex digits (with or without {@code sha256:}). */
  public static boolean looksLikeHash(String text) {
    return HEX_PREFIX.matcher(text).matches();
  }

  /**
   * The full content hash that {@code hashOrPrefix} names, if any.
   *
   * @throws IllegalArgumentException when the prefix names several assets
   */
  public Optional<String> resolveHash(String hashOrPrefix) throws SQLException {
    String hex = hashOrPrefix.toLowerCase(Locale.ROOT);
    String prefix = hex.startsWith("sha256:") ? hex : "sha256:" + hex;
    List<String> found = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement(
        "SELECT content_hash FROM assets WHERE starts_with(content_hash, ?) ORDER BY content_hash LIMIT 6")) {
      statement.setString(1, prefix);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(hashOrPrefix + " is the start of several hashes (" + String.join(", ",
          found.subList(0, Math.min(found.size(), 5))) + (found.size() > 5 ? ", ..." : "") + "); give more digits");
    }
    return found.stream().findFirst();
  }

  public Optional<Asset> asset(String contentHash) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement("SELECT content_hash, media_type, format, mime,"
        + " size_bytes, description, provider, model, prompt, generated_at, processed_at, metadata_version,"
        + " metadata_conflict, metadata::VARCHAR FROM assets WHERE content_hash = ?")) {
      statement.setString(1, contentHash);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new Asset(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
            rows.getLong(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
            CacheSearch.instant(rows, 10), CacheSearch.instant(rows, 11), (Integer) rows.getObject(12),
            rows.getBoolean(13), rows.getString(14), tags(contentHash), locations(contentHash)));
      }
    }
  }

  public List<Location> locations(String contentHash) throws SQLException {
    List<Location> out = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement("SELECT path, storage_type, last_verified,"
        + " metadata_version, size_bytes, last_modified, hash_source, has_metadata, state"
        + " FROM locations WHERE content_hash = ? ORDER BY CASE storage_type WHEN 'local' THEN 0"
        + " WHEN 'network' THEN 1 WHEN 's3' THEN 2 ELSE 3 END, path")) {
      statement.setString(1, contentHash);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(new Location(rows.getString(1), rows.getString(2), CacheSearch.instant(rows, 3),
              (Integer) rows.getObject(4), (Long) rows.getObject(5), CacheSearch.instant(rows, 6),
              rows.getString(7), (Boolean) rows.getObject(8), rows.getString(9)));
        }
      }
    }
    return out;
  }

  private Map<String, List<String>> tags(String contentHash) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (PreparedStatement statement = db.prepareStatement(
        "SELECT DISTINCT category, value FROM tags WHERE content_hash = ? ORDER BY category, value")) {
      statement.setString(1, contentHash);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
        }
      }
    }
    return out;
  }

  /** The errors table: the first {@code limit} rows by path and the count of all. */
  public Problems errors(int limit) throws SQLException {
    List<FileProblem> first = new ArrayList<>();
    long total = 0;
    try (PreparedStatement statement = db.prepareStatement(
        "SELECT path, reason, count(*) OVER () FROM errors ORDER BY path LIMIT ?")) {
      statement.setLong(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          first.add(new FileProblem(rows.getString(1), rows.getString(2)));
          total = rows.getLong(3);
        }
      }
    }
    return new Problems(first, total);
  }

  public Stats stats() throws SQLException {
    try (Statement sql = db.createStatement()) {
      long assets;
      long bytes;
      try (ResultSet rows = sql.executeQuery("SELECT count(*), coalesce(sum(size_bytes), 0) FROM assets")) {
        rows.next();
        assets = rows.getLong(1);
        bytes = rows.getLong(2);
      }
      long locations = SqlValues.single(sql, "SELECT count(*) FROM locations");
      long errors = SqlValues.single(sql, "SELECT count(*) FROM errors");
      Instant builtAt = null;
      Instant started = null;
      String roots = null;
      Double seconds = null;
      try (ResultSet rows = sql.executeQuery("SELECT finished_at, started_at, array_to_string(roots, ', '),"
          + " seconds FROM runs ORDER BY finished_at DESC LIMIT 1")) {
        if (rows.next()) {
          builtAt = CacheSearch.instant(rows, 1);
          started = CacheSearch.instant(rows, 2);
          roots = rows.getString(3);
          seconds = rows.getDouble(4);
        }
      }
      return new Stats(assets, locations, bytes, errors,
          counts(sql, "SELECT media_type, count(*) FROM assets GROUP BY 1 ORDER BY 2 DESC, 1"),
          counts(sql, "SELECT storage_type, count(*) FROM locations GROUP BY 1 ORDER BY 2 DESC, 1"),
          counts(sql, "SELECT coalesce(provider, '(none)'), count(*) FROM assets GROUP BY 1 ORDER BY 2 DESC, 1"),
          builtAt, started, roots, seconds,
          hasColumn(sql, "assets", "writable") ? SqlValues.single(sql, "SELECT count(*) FROM assets WHERE NOT writable") : 0,
          hasColumn(sql, "runs", "skipped_by_kind") ? counts(sql, "SELECT unnest(map_keys(skipped_by_kind)),"
              + " unnest(map_values(skipped_by_kind)) FROM (SELECT skipped_by_kind FROM runs"
              + " ORDER BY finished_at DESC LIMIT 1) ORDER BY 2 DESC, 1") : Map.of());
    }
  }

  /** Whether the cache has {@code table.column}: a cache made by an older alice may lack newer columns. */
  private static boolean hasColumn(Statement sql, String table, String column) throws SQLException {
    return SqlValues.single(sql, "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database()"
        + " AND schema_name = 'main' AND table_name = '" + table + "' AND column_name = '" + column + "'") > 0;
  }

  private static Map<String, Long> counts(Statement sql, String query) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        out.put(rows.getString(1), rows.getLong(2));
      }
    }
    return out;
  }
}
