package ai.alicemultiverse.cli;

import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {"Counts by media type, storage and provider, total bytes, read-only assets, the files the last"
        + " run skipped by kind, and how old the cache is.", ""})
final class StatsCommand implements Callable<Integer> {
  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = {"-j", "--json"}, description = "Print one JSON object with the same counts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      CacheReports.Stats s = new CacheReports(db).stats();
      if (json) {
        JsonOutput.print(toJson(s));
        return 0;
      }
      System.out.println("assets      " + s.assets() + " (" + bytes(s.totalBytes()) + ")");
      System.out.println("locations   " + s.locations());
      System.out.println("errors      " + s.errors() + (s.errors() > 0 ? " (SELECT * FROM errors)" : ""));
      counts("media type", s.byMediaType());
      counts("storage", s.byStorage());
      counts("provider", s.byProvider());
      if (s.readOnlyAssets() > 0) {
        System.out.println("read-only   " + s.readOnlyAssets() + " (formats alice indexes but does not write)");
      }
      if (!s.lastRunSkipped().isEmpty()) {
        counts("skipped by the last run (not media)", s.lastRunSkipped());
      }
      if (s.builtAt() != null) {
        System.out.println("built       " + s.builtAt() + " (" + age(Duration.between(s.builtAt(), Instant.now()))
            + " ago)");
        System.out.printf(Locale.ROOT, "last run    %s over %s, %.1f s%n", s.lastRunStarted(), s.lastRunRoots(),
            s.lastRunSeconds());
      }
    }
    return 0;
  }

  private static ObjectNode toJson(CacheReports.Stats s) {
    ObjectNode n = JsonOutput.MAPPER.createObjectNode();
    n.put("assets", s.assets()).put("total_bytes", s.totalBytes()).put("locations", s.locations())
        .put("errors", s.errors());
    s.byMediaType().forEach(n.putObject("media_types")::put);
    s.byStorage().forEach(n.putObject("storage")::put);
    s.byProvider().forEach(n.putObject("providers")::put);
    n.put("built_at", s.builtAt() == null ? null : s.builtAt().toString());
    n.put("last_run_started", s.lastRunStarted() == null ? null : s.lastRunStarted().toString());
    n.put("last_run_roots", s.lastRunRoots());
    n.put("last_run_seconds", s.lastRunSeconds());
    return n;
  }

  private static void counts(String name, Map<String, Long> counts) {
    System.out.println(name + ":");
    counts.forEach((k, v) -> System.out.printf("  %-20s %d%n", k, v));
  }

  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " days";
  }

  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double v = n;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
