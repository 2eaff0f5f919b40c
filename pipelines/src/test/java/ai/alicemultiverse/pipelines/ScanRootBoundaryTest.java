package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.understanding.OfflineProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan of one file touches what is at that path only: not a folder whose name merely starts with it. */
class ScanRootBoundaryTest {
  @TempDir Path work;

  @Test
  void scanningAFileKeepsTheErrorOfAFolderNamedLikeIt() throws Exception {
    Path root = Files.createDirectories(work.resolve("a"));
    Path photo = root.resolve("y.jpg");
    Files.copy(IngestPipelineTest.vector("plain.jpg"), photo);
    photo.toFile().setWritable(true);
    Path cache = work.resolve("alice.duckdb");
    IngestPipelineTest.ingest(root, cache, new OfflineProvider(), false, false);
    String unreadable = root.resolve("y.jpg.d").toString(); // a folder a rebuild could not list
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement()) {
      sql.execute("INSERT INTO errors VALUES ('" + unreadable + "', 'list', 'permission denied', now())");
    }

    ScanPipeline.run(new ScanConfig(List.of(photo.toString()), cache), IngestPipelineTest.directRunner(),
        IngestPipelineTest.QUIET);

    assertThat(CacheRows.query(cache, "SELECT path, stage FROM errors"))
        .containsExactly(List.of(unreadable, "list"));
  }
}
