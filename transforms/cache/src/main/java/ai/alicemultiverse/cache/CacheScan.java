package ai.alicemultiverse.cache;

import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.Root;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the locations under some roots up to date from a scan run's Parquet rows, in place: paths
 * found are added (or re-pointed) by their content hash; known locations under a root that the scan
 * did not find have vanished (moved, when the same media appeared elsewhere in the scan, else gone):
 * their rows are removed, as a rebuild of the same files would not have them. Every asset the scan touched is then
 * merged again from all its present copies by the rebuild's rule ({@link AssetRecompute}): a newer
 * copy found gives it its metadata, tags, size and standard values, copies that disagree flag it, a
 * copy gone leaves it as the remaining ones make it, and one with no copy left is removed. Nothing under a folder the
 * scan could not read (an error of stage {@link FileError#LIST}) is judged vanished.
 */
public final class CacheScan {
  /** {@link Root#contains} over {@code scan_roots}, for the path column given. */
  private static final String UNDER_ROOT = "(%1$s = r.own OR starts_with(%1$s, r.below))";

  private CacheScan() {}

  /** One moved file: where it was and where it is now. */
  public record Move(String contentHash, String from, String to) {}

  /** What the scan changed; paths sorted. */
  public record Changes(List<Move> moved, List<String> appeared, List<String> vanished, long seen) {}

  /**
   * @param roots the scanned roots; locations are judged vanished only under these ({@link Root#contains}:
   *     the root's own file, or below it by whole segments)
   */
  public static Changes apply(Path cacheFile, List<Root> roots, List<Path> assetFiles, List<Path> errorFiles,
      RunInfo run) throws IOException {
    return CacheUpserter.withCache(cacheFile, db -> {
      try (Statement sql = db.createStatement()) {
        CacheUpserter.stageIncoming(sql, assetFiles);
        // Root#contains in SQL: the root's own file (a local one), or a path starting with its below()
        sql.execute("CREATE TEMP TABLE scan_roots (own VARCHAR, below VARCHAR)");
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO scan_roots VALUES (?, ?)")) {
          for (Root root : roots) {
            insert.setString(1, root.isObjectStore() ? null : root.toString());
            insert.setString(2, root.below());
            insert.execute();
          }
        }
        stageUnreadable(sql, errorFiles);
        sql.execute("CREATE TEMP TABLE appeared AS SELECT i.content_hash, i.path FROM incoming_locations i"
            + " WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.path = i.path"
            + "   AND l.content_hash = i.content_hash AND l.state = 'present')");
        sql.execute("CREATE TEMP TABLE vanished AS SELECT l.content_hash, l.path FROM locations l"
            + " WHERE l.state = 'present' AND l.path NOT IN (SELECT path FROM incoming_locations)"
            + " AND EXISTS (SELECT 1 FROM scan_roots r WHERE " + UNDER_ROOT.formatted("l.path") + ")"
            + " AND NOT EXISTS (SELECT 1 FROM unreadable u"
            + "   WHERE l.path = u.path OR starts_with(l.path, u.path || '/'))");
        // a hash that vanished from one path and appeared at another in the same scan has moved
        sql.execute("CREATE TEMP TABLE moves AS SELECT v.content_hash, v.path AS from_path,"
            + " min(a.path) AS to_path FROM vanished v JOIN appeared a USING (content_hash)"
            + " GROUP BY v.content_hash, v.path");
        Changes changes = new Changes(
            moves(sql),
            paths(sql, "SELECT path FROM appeared WHERE path NOT IN (SELECT to_path FROM moves) ORDER BY path"),
            paths(sql, "SELECT path FROM vanished WHERE path NOT IN (SELECT from_path FROM moves) ORDER BY path"),
            SqlValues.single(sql, "SELECT count(*) FROM incoming_locations"));
        // copies marked missing by scans of earlier versions, under these roots: a rebuild has no such rows
        sql.execute("CREATE TEMP TABLE forgotten AS SELECT l.content_hash, l.path FROM locations l"
            + " WHERE l.state <> 'present' AND l.path NOT IN (SELECT path FROM incoming_locations)"
            + " AND EXISTS (SELECT 1 FROM scan_roots r WHERE " + UNDER_ROOT.formatted("l.path") + ")");
        sql.execute("CREATE TEMP TABLE affected AS SELECT content_hash FROM incoming"
            + " UNION SELECT content_hash FROM vanished UNION SELECT content_hash FROM forgotten"
            + " UNION SELECT content_hash FROM locations WHERE path IN (SELECT path FROM incoming_locations)");
        // a file gone (moved or deleted) is no location any more, and an asset left with no copy goes with
        // it: the cache holds what a rebuild of the same files would, and search finds only what is there
        sql.execute("DELETE FROM locations WHERE path IN (SELECT path FROM vanished UNION SELECT path FROM forgotten)");
        CacheUpserter.replaceLocations(sql);
        AssetRecompute.recompute(db, sql, "affected");
        // the scan's errors are all there is to say under its roots now: a file that failed before and is
        // gone or read now, a folder that could be read again, is no longer an error (one that still
        // cannot is again below)
        sql.execute("DELETE FROM errors WHERE EXISTS (SELECT 1 FROM scan_roots r WHERE "
            + UNDER_ROOT.formatted("errors.path") + " OR starts_with(errors.path || '/', r.below))");
        CacheUpserter.replaceErrors(sql, errorFiles);
        CacheUpserter.finish(db, sql, run);
        return changes;
      }
    });
  }

  /** {@code unreadable}: the paths of the folders this scan could not list (nothing under them vanished). */
  private static void stageUnreadable(Statement sql, List<Path> errorFiles) throws SQLException {
    sql.execute("CREATE TEMP TABLE unreadable (path VARCHAR)");
    if (!errorFiles.isEmpty()) {
      sql.execute("INSERT INTO unreadable SELECT path FROM read_parquet(" + CacheLoader.parquetList(errorFiles) + ")"
          + " WHERE stage = '" + FileError.LIST + "'");
    }
  }

  private static List<Move> moves(Statement sql) throws SQLException {
    List<Move> moves = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery("SELECT content_hash, from_path, to_path FROM moves ORDER BY from_path")) {
      while (rows.next()) {
        moves.add(new Move(rows.getString(1), rows.getString(2), rows.getString(3)));
      }
    }
    return moves;
  }

  private static List<String> paths(Statement sql, String query) throws SQLException {
    List<String> paths = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        paths.add(rows.getString(1));
      }
    }
    return paths;
  }
}
