package ai.alicemultiverse.cli;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Loads, on a second core, what every pipeline command needs later and pays for once per process:
 * DuckDB's native library (copied out of its jar on first use, ~0.7 s) and Tika's MIME registry
 * (~0.4 s). Started before Beam reads its options, which keeps one core busy for ~1.5 s validating
 * every registered options interface, so both costs leave the critical path. Only a warm-up:
 * whatever fails here fails again, and is reported, where it is really used.
 */
final class Warmup {
  private static volatile boolean started;

  private Warmup() {}

  static synchronized void begin() {
    if (started) {
      return;
    }
    started = true;
    Thread thread = new Thread(Warmup::run, "alice-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try (Connection ignored = DriverManager.getConnection("jdbc:duckdb:")) {
      // its static set-up reads Tika's MIME registry
      Class.forName(ai.alicemultiverse.extract.TikaExtractor.class.getName(), true, Warmup.class.getClassLoader());
    } catch (Exception | LinkageError e) {
      // reported where it is really used
    }
  }
}
