package ai.alicemultiverse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.search.CacheFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB lets one process write a file or several read it: a search and an in-place change each
 * wait for the other, here held by a real second process, instead of failing on the file lock.
 */
class CacheConnectionsTest {
  @TempDir Path dir;
  Path cache;
  Instant now = Instant.now();

  @BeforeEach
  void emptyCache() throws Exception {
    cache = dir.resolve("alice.duckdb");
    CacheLoader.rebuild(cache, List.of(), List.of(), new RunInfo("first", now, now, List.of(), "test", 0, 0, 0, 0));
  }

  @Test
  void aSearchWaitsForAnUpdateInAnotherProcess() throws Exception {
    long waited = whileHeldBy(Writer.class, () -> {
      try (Connection db = CacheFiles.openReadOnly(cache)) {
        assertThat(runs(db)).as("the writer's run is there once it committed").isEqualTo(2);
      }
    });
    assertThat(waited).as("ms waited for the writer").isGreaterThan(500);
  }

  @Test
  void anUpdateWaitsForASearchInAnotherProcess() throws Exception {
    long waited = whileHeldBy(Reader.class, () ->
        CacheUpserter.upsert(cache, List.of(), List.of(), new RunInfo("second", now, now, List.of(), "test", 0, 0, 0, 0)));
    assertThat(waited).as("ms waited for the reader").isGreaterThan(500);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache)) {
      assertThat(runs(db)).isEqualTo(2);
    }
  }

  interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} while {@code holder} (a main of this class) holds the cache in a child JVM; the ms it took. */
  private long whileHeldBy(Class<?> holder, Work work) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), holder.getName(), cache.toString(), "1500")
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("holding");
      long start = System.nanoTime();
      work.run();
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    } finally {
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static long runs(Connection db) throws Exception {
    try (ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM runs")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Another process writing: adds a run in a transaction and commits after a pause. */
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

  /** Another process reading, as a search does: the cache open read-only for a while. */
  public static final class Reader {
    public static void main(String[] args) throws Exception {
      Properties readOnly = new Properties();
      readOnly.setProperty("duckdb.read_only", "true");
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly)) {
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[1]));
      }
    }
  }
}
