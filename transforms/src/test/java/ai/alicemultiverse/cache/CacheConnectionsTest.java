package ai.alicemultiverse.cache;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-place change waits for a search reading the cache in another process, instead of failing. */
class CacheConnectionsTest {
  @TempDir Path dir;

  @Test
  void anUpdateWaitsForAReaderInAnotherProcess() throws Exception {
    Path cache = dir.resolve("alice.duckdb");
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, List.of(), List.of(), new RunInfo("first", now, now, List.of(), "test", 0, 0, 0, 0));
    Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Reader.class.getName(), cache.toString(), "1500")
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("reading");
      long start = System.nanoTime();
      CacheUpserter.upsert(cache, List.of(), List.of(), new RunInfo("second", now, now, List.of(), "test", 0, 0, 0, 0));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for the reader")
          .isGreaterThan(500);
    } finally {
      assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM runs")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(2);
    }
  }

  /** Another process: holds the cache open read-only for a while, as a search does. */
  public static final class Reader {
    public static void main(String[] args) throws Exception {
      Properties readOnly = new Properties();
      readOnly.setProperty("duckdb.read_only", "true");
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly)) {
        System.out.println("reading");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[1]));
      }
    }
  }
}
