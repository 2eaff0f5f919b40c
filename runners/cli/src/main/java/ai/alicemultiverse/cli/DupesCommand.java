package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dupes",
    mixinStandardHelpOptions = true,
    description = {
      "Media stored more than once, and the bytes one copy of each would free.",
      "",
      "Same content hash, several locations; largest savings first. Nothing is deleted.",
      ""
    })
final class DupesCommand implements Callable<Integer> {
  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "List at most N (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      CacheReports reports = new CacheReports(db);
      for (CacheReports.Duplicate d : reports.duplicates(limit)) {
        System.out.println(d.contentHash() + "  " + d.paths().size() + " copies, " + StatsCommand.bytes(d.sizeBytes())
            + " each, " + StatsCommand.bytes(d.reclaimableBytes()) + " reclaimable");
        d.paths().forEach(p -> System.out.println("  " + Reasons.printable(p)));
      }
      long[] totals = reports.duplicateTotals();
      System.out.println(totals[0] + " duplicated hashes; " + StatsCommand.bytes(totals[1])
          + " reclaimable by keeping one copy of each");
    }
    return 0;
  }
}
