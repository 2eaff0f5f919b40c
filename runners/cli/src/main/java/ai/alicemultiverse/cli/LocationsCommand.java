package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import java.nio.file.Files;
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
      "Where the media with this content hash, or this file's media, lives (like 'git annex whereis').",
      "",
      "Every copy the last rebuild found. HASH is sha256:... or at least 8 of its hex digits. A FILE is "
          + "hashed first (from its media, as 'alice hash' does), so it need not be in the cache itself: a "
          + "copy brought from elsewhere shows where else that content lives.",
      ""
    },
    footer = {"", "Examples:",
      "  alice locations 3f5a9c01",
      "  alice locations ~/Downloads/render.png",
      "  alice locations render.png --json | jq -r '.[].SourceFile'"})
final class LocationsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "HASH|FILE", arity = "1..*",
      description = "Content hashes or unique prefixes (8+ hex digits), or media files.")
  List<String> targets;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array, one object per copy: SourceFile (the copy), content_hash, storage_type,"
          + " state, last_verified, size_bytes; {SourceFile, Error} for an argument that is not in the cache.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    for (String target : targets) {
      if (!CacheReports.looksLikeHash(target) && !Files.exists(Path.of(target))) {
        throw new IllegalArgumentException("'" + Reasons.printable(target)
            + "' is neither a content hash (sha256:... or 8+ hex digits) nor a file");
      }
    }
    JsonOutput out = new JsonOutput();
    int failures = 0;
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      CacheReports reports = new CacheReports(db);
      for (String target : targets) {
        String full;
        try {
          full = CachedAssetView.isHash(target) ? reports.resolveHash(target).orElse(null)
              : HashCommand.contentHash(Path.of(target));
          if (full != null && reports.asset(full).isEmpty()) {
            full = null;
          }
        } catch (Exception | Error e) { // a file that cannot be hashed is that argument's failure
          failed(out, target, Reasons.of(e));
          failures++;
          continue;
        }
        if (full == null) {
          failed(out, target, "not in the cache");
          failures++;
          continue;
        }
        List<CacheReports.Location> copies = reports.locations(full);
        if (!json) {
          System.out.println("whereis " + full + (CachedAssetView.isHash(target) ? "" : " = " + Reasons.printable(target))
              + " (" + copies.size() + (copies.size() == 1 ? " copy)" : " copies)"));
        }
        for (CacheReports.Location l : copies) {
          String verified = l.lastVerified() == null ? null : l.lastVerified().toString();
          if (json) {
            out.file(l.path()).put("content_hash", full).put("storage_type", l.storageType()).put("state", l.state())
                .put("last_verified", verified).put("size_bytes", l.sizeBytes());
          } else {
            System.out.printf("  %-7s %s  [%s, verified %s]%n", l.storageType(), Reasons.printable(l.path()),
                l.state(), verified == null ? "never" : verified);
          }
        }
      }
    }
    if (json) {
      out.print();
    }
    return failures == 0 ? 0 : 1;
  }

  private void failed(JsonOutput out, String target, String reason) {
    System.err.println("alice locations: " + Reasons.printable(target) + ": " + reason);
    if (json) {
      out.error(target, reason);
    }
  }
}
