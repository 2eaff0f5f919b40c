package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "locations",
    mixinStandardHelpOptions = true,
    description = {
      "Where the media with this content hash lives (like 'git annex whereis').",
      "",
      "Every copy the last rebuild found. HASH is sha256:... or at least 8 of its hex digits.",
      ""
    },
    footer = {"", "Example: alice locations 3f5a9c01"})
final class LocationsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "HASH", description = "Content hash or a unique prefix (8+ hex digits).")
  String hash;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Override
  public Integer call() throws Exception {
    if (!CacheReports.looksLikeHash(hash)) {
      throw new IllegalArgumentException("'" + hash + "' is not a content hash (sha256:... or 8+ hex digits)");
    }
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      CacheReports reports = new CacheReports(db);
      String full = reports.resolveHash(hash).orElse(null);
      if (full == null) {
        System.err.println("alice locations: " + hash + ": not in the cache");
        return 1;
      }
      List<CacheReports.Location> copies = reports.locations(full);
      System.out.println("whereis " + full + " (" + copies.size() + (copies.size() == 1 ? " copy)" : " copies)"));
      for (CacheReports.Location l : copies) {
        System.out.printf("  %-7s %s  [%s, verified %s]%n", l.storageType(), Reasons.printable(l.path()), l.state(),
            l.lastVerified() == null ? "never" : l.lastVerified());
      }
    }
    return 0;
  }
}
