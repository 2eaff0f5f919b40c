package ai.alicemultiverse.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * A reader that holds a cache for long, as a long {@code alice sql} does: {@code HoldCache CACHE SECONDS
 * READY_FILE} opens the cache read-only, creates READY_FILE, and keeps the connection for SECONDS.
 */
public final class HoldCache {
  private HoldCache() {}

  public static void main(String[] args) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly)) {
      Files.createFile(Path.of(args[2]));
      Thread.sleep(Long.parseLong(args[1]) * 1000);
    }
  }

  /** Starts the holder in a child JVM on the test class path and waits until it holds the cache. */
  static Process start(Path cache, int seconds, Path work) throws Exception {
    Path ready = work.resolve("holder-ready");
    Files.deleteIfExists(ready);
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldCache.class.getName(), cache.toString(),
        String.valueOf(seconds), ready.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("holder.log").toFile()).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(ready)) {
      if (!holder.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the reader did not open the cache: " + Files.readString(work.resolve("holder.log")));
      }
      Thread.sleep(50);
    }
    return holder;
  }
}
