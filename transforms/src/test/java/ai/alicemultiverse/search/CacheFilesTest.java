package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.RunInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader waits for another process's write to the cache instead of failing on DuckDB's file lock. */
class CacheFilesTest {
  @TempDir Path dir;

  @Test
  void aReaderWaitsForAWriterInAnotherProcess() throws Exception {
    Path cache = dir.resolve("alice.duckdb");
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, List.of(), List.of(), new RunInfo("test", now, now, List.of(), "test", 0, 0, 0, 0));
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Writer.class.getName(), cache.toString(), "1500")
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("holding");
      long start = System.nanoTime();
      try (Connection db = CacheFiles.openReadOnly(cache);
          ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM runs")) {
        rows.next();
        assertThat(rows.getLong(1)).as("the writer's run is there once it committed").isEqualTo(2);
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for the writer")
          .isGreaterThan(500);
    } finally {
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Another process: holds the cache open for writing, adds a run, then commits after a pause. */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
        db.setAutoCommit(false);
        db.createStatement().execute("INSERT INTO runs (run_id) VALUES ('writer')");
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[1]));
        db.commit();
      }
    }
  }
}
