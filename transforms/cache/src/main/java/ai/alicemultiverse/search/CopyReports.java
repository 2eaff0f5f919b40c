package ai.alicemultiverse.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many copies of each medium there are: too many ({@link #duplicates}) and too few ({@link
 * #coverage}). Only present copies count (a copy a scan found gone is no copy).
 *
 * <p>A copy's embedded metadata is the asset's when the locations row keeps none of its own
 * ({@code metadata} is null) and it carries metadata exactly when the asset does ({@code
 * has_metadata}); otherwise the row holds the copy's own. Copies are grouped by their metadata
 * (variant A is the asset's, B, C… others); one copy of each variant is kept and only the other
 * copies of the same variant are reclaimable, so deleting what is reclaimable never loses a tag or
 * a description that only one copy carries.
 */
public final class CopyReports {
  private static final String STORAGE_RANK =
      "CASE l.storage_type WHEN 'local' THEN 0 WHEN 'network' THEN 1 WHEN 's3' THEN 2 ELSE 3 END";

  /**
   * Every present copy of a medium stored more than once: its metadata variant ('' for the asset's,
   * else the copy's own JSON, or 'none'), and whether it is reclaimable (a copy of its variant other
   * than the first, local first, then by path). A copy's own size counts: copies of the same media
   * differ by their metadata's size.
   */
  private static final String COPIES = "WITH copies AS (SELECT l.content_hash, l.path, l.storage_type,"
      + " coalesce(l.size_bytes, a.size_bytes) AS size_bytes, " + STORAGE_RANK + " AS storage_rank,"
      + " CASE WHEN l.metadata IS NULL AND coalesce(l.has_metadata, a.metadata IS NOT NULL) = (a.metadata IS NOT NULL)"
      + " THEN '' WHEN l.metadata IS NULL THEN 'none' ELSE l.metadata::VARCHAR END AS variant,"
      + " count(*) OVER (PARTITION BY l.content_hash) AS n"
      + " FROM locations l JOIN assets a USING (content_hash) WHERE l.state = 'present'),"
      + " ranked AS (SELECT *, row_number() OVER (PARTITION BY content_hash, variant"
      + " ORDER BY storage_rank, path) > 1 AS reclaimable FROM copies WHERE n > 1)";

  private final Connection db;

  public CopyReports(Connection db) {
    this.db = db;
  }

  /**
   * One copy of a duplicated medium; {@code variant} names its metadata: 'A' for the asset's (what
   * the cache shows), 'B', 'C'… for other metadata some copies carry.
   */
  public record Copy(String path, String storageType, long sizeBytes, char variant, boolean reclaimable) {}

  /** A medium stored more than once, its copies by variant, the kept one of each first. */
  public record Duplicate(String contentHash, List<Copy> copies) {
    /** Bytes freed by deleting the reclaimable copies (each counted at its own size). */
    public long reclaimableBytes() {
      return copies.stream().filter(Copy::reclaimable).mapToLong(Copy::sizeBytes).sum();
    }

    /** How many different metadata its copies carry (1: all the same). */
    public long variants() {
      return copies.stream().map(Copy::variant).distinct().count();
    }
  }

  /** Over every duplicated medium, not only the listed ones; {@code mixed}: those whose copies differ. */
  public record DuplicateTotals(long hashes, long reclaimableBytes, long mixed) {}

  /** Media with fewer copies than asked, on one combination of storages (e.g. {@code local+s3}). */
  public record CoverageGroup(String storage, long media, long bytes) {}

  /** A medium with too few copies. */
  public record Underkept(String contentHash, String storage, long sizeBytes, List<String> paths) {}

  /** Media with fewer than {@code copies} copies: groups by storage, the first listed, and the totals. */
  public record Coverage(int copies, List<CoverageGroup> groups, List<Underkept> first, long media,
      long mediaInAll) {}

  /** Media stored more than once, most reclaimable bytes first. */
  public List<Duplicate> duplicates(int limit) throws SQLException {
    requireCopyColumns();
    Map<String, List<Copy>> found = new LinkedHashMap<>();
    Map<String, Map<String, Character>> variants = new LinkedHashMap<>();
    try (PreparedStatement statement = db.prepareStatement(COPIES + ", ordered AS (SELECT *,"
        + " dense_rank() OVER (ORDER BY freed DESC, content_hash) AS position FROM (SELECT *,"
        + " sum(CASE WHEN reclaimable THEN size_bytes ELSE 0 END) OVER (PARTITION BY content_hash) AS freed"
        + " FROM ranked))"
        + " SELECT content_hash, path, storage_type, size_bytes, variant, reclaimable FROM ordered"
        + " WHERE position <= ? ORDER BY position, variant, reclaimable, storage_rank, path")) {
      statement.setLong(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Map<String, Character> named = variants.computeIfAbsent(rows.getString(1), k -> new LinkedHashMap<>());
          char variant = named.computeIfAbsent(rows.getString(5), k -> (char) ('A' + named.size()));
          found.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new Copy(rows.getString(2),
              rows.getString(3), rows.getLong(4), variant, rows.getBoolean(6)));
        }
      }
    }
    List<Duplicate> out = new ArrayList<>();
    found.forEach((hash, copies) -> out.add(new Duplicate(hash, List.copyOf(copies))));
    return out;
  }

  public DuplicateTotals duplicateTotals() throws SQLException {
    requireCopyColumns();
    try (Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery(COPIES + " SELECT count(DISTINCT content_hash),"
            + " coalesce(sum(CASE WHEN reclaimable THEN size_bytes ELSE 0 END), 0),"
            + " count(DISTINCT content_hash) FILTER (WHERE variant <> '') FROM ranked")) {
      rows.next();
      return new DuplicateTotals(rows.getLong(1), rows.getLong(2), rows.getLong(3));
    }
  }

  /**
   * Media with fewer than {@code copies} present copies (backup coverage), grouped by where their
   * copies are; the first {@code limit} by storage, then path.
   */
  public Coverage coverage(int copies, String storage, int limit) throws SQLException {
    if (copies < 2) {
      throw new IllegalArgumentException("--copies must be at least 2 (got " + copies + ")");
    }
    if (storage != null && !List.of("local", "network", "s3", "gcs").contains(storage)) {
      throw new IllegalArgumentException("--storage '" + storage + "' is not one of local, network, s3, gcs");
    }
    String perAsset = "WITH per_asset AS (SELECT l.content_hash, count(*) AS copies,"
        + " array_to_string(list_sort(list_distinct(list(l.storage_type))), '+') AS storage,"
        + " list(l.path ORDER BY l.path) AS paths, any_value(a.size_bytes) AS size_bytes"
        + " FROM locations l JOIN assets a USING (content_hash) WHERE l.state = 'present' GROUP BY l.content_hash),"
        + " few AS (SELECT * FROM per_asset WHERE copies < ? AND (? IS NULL OR list_contains(string_split(storage, '+'), ?)))";
    List<CoverageGroup> groups = new ArrayList<>();
    long media = 0;
    try (PreparedStatement statement = db.prepareStatement(perAsset
        + " SELECT storage, count(*), sum(size_bytes) FROM few GROUP BY storage ORDER BY 2 DESC, 1")) {
      bind(statement, copies, storage);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          groups.add(new CoverageGroup(rows.getString(1), rows.getLong(2), rows.getLong(3)));
          media += rows.getLong(2);
        }
      }
    }
    List<Underkept> first = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement(perAsset
        + " SELECT content_hash, storage, size_bytes, paths FROM few ORDER BY storage, paths[1] LIMIT ?")) {
      bind(statement, copies, storage);
      statement.setLong(4, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          first.add(new Underkept(rows.getString(1), rows.getString(2), rows.getLong(3), strings(rows.getArray(4))));
        }
      }
    }
    long all;
    try (Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(DISTINCT content_hash) FROM locations WHERE state = 'present'")) {
      rows.next();
      all = rows.getLong(1);
    }
    return new Coverage(copies, groups, first, media, all);
  }

  private static void bind(PreparedStatement statement, int copies, String storage) throws SQLException {
    statement.setInt(1, copies);
    statement.setString(2, storage);
    statement.setString(3, storage);
  }

  private static List<String> strings(Array array) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      out.add((String) o);
    }
    return out;
  }

  /** A cache made before the locations kept each copy's metadata cannot tell same copies from differing ones. */
  private void requireCopyColumns() throws SQLException {
    try (Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*) FROM duckdb_columns() WHERE database_name ="
            + " current_database() AND schema_name = 'main' AND table_name = 'locations' AND column_name = 'metadata'")) {
      rows.next();
      if (rows.getLong(1) == 0) {
        throw new IllegalStateException("this cache was made by an older version of alice and does not say which"
            + " copies carry the same metadata; rebuild needed: run `alice rebuild` over its folders");
      }
    }
  }
}
