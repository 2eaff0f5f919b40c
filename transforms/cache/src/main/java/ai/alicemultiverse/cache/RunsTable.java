package ai.alicemultiverse.cache;

import ai.alicemultiverse.model.Root;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** Writes one run into the cache's {@code runs} table (rebuilds and in-place updates alike). */
final class RunsTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunsTable() {}

  static void insert(Connection db, RunInfo run) throws SQLException, IOException {
    try (PreparedStatement insert = db.prepareStatement(
        "INSERT INTO runs VALUES (?, ?, ?, from_json(?, '[\"VARCHAR\"]'), ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " MAP(from_json(?, '[\"VARCHAR\"]'), from_json(?, '[\"BIGINT\"]')))")) {
      insert.setString(1, run.runId());
      insert.setTimestamp(2, Timestamp.from(run.startedAt()));
      insert.setTimestamp(3, Timestamp.from(run.finishedAt()));
      insert.setString(4, JSON.writeValueAsString(absolute(run.roots())));
      insert.setString(5, run.runner());
      insert.setLong(6, run.filesMatched());
      insert.setLong(7, run.filesIndexed());
      insert.setLong(8, run.uniqueHashes());
      insert.setLong(9, run.errors());
      insert.setDouble(10, run.seconds());
      insert.setString(11, run.kind());
      insert.setLong(12, run.filesRead());
      insert.setLong(13, run.filesReused());
      insert.setString(14, JSON.writeValueAsString(run.skippedByKind().keySet()));
      insert.setString(15, JSON.writeValueAsString(run.skippedByKind().values()));
      insert.execute();
    }
  }

  /**
   * The roots as absolute paths (object-store prefixes as named): a root typed relative to the working folder
   * would not say, once that folder is forgotten, which locations made the cache.
   */
  static List<String> absolute(List<String> roots) {
    return roots.stream().map(root -> Root.parse(root).absolute()).toList();
  }
}
