package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CopyReports;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dupes",
    mixinStandardHelpOptions = true,
    description = {
      "Media stored more than once, and the bytes deleting the extra copies would free.",
      "",
      "Same content hash, several locations; largest savings first. Nothing is deleted. Copies are "
          + "grouped by the metadata embedded in them: [A] is the metadata the cache shows (the newest "
          + "copy's), [B], [C]... other tags, descriptions or no metadata that some copies carry. One copy "
          + "of each group is marked 'keep' (local first, then by path); the others, marked 'same', carry "
          + "exactly the metadata of a kept copy and are the reclaimable ones. A copy whose metadata no "
          + "other copy has is never reclaimable: deleting it would lose what only it says (compare with "
          + "'alice show HASH', tag the copy you keep, and the next rebuild counts it again). The bytes are "
          + "each reclaimable copy's own size.",
      "The opposite report, media with too few copies, is 'alice coverage'.",
      ""
    },
    footer = {"", "Examples:",
      "  alice dupes --limit 10",
      "  alice dupes --json | jq -r '.[] | select(.reclaimable) | .SourceFile'"})
final class DupesCommand implements Callable<Integer> {
  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "List at most N media (default ${DEFAULT-VALUE}); the totals count them all.")
  int limit;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array with one object per copy: SourceFile, content_hash, storage_type,"
          + " size_bytes, metadata (A, B...), copy (keep or same) and reclaimable.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(library.cache(cache))) {
      CopyReports reports = new CopyReports(db);
      List<CopyReports.Duplicate> duplicates = reports.duplicates(limit);
      if (json) {
        printJson(duplicates);
        return 0;
      }
      for (CopyReports.Duplicate d : duplicates) {
        long variants = d.variants();
        System.out.println(d.contentHash() + "  " + d.copies().size() + " copies"
            + (variants == 1 ? "" : ", " + variants + " different metadata") + ", "
            + StatsCommand.bytes(d.reclaimableBytes()) + " reclaimable");
        for (CopyReports.Copy c : d.copies()) {
          System.out.printf("  %-4s [%s]  %s  (%s, %s)%n", role(c), c.variant(), Reasons.printable(c.path()),
              c.storageType(), StatsCommand.bytes(c.sizeBytes()));
        }
      }
      CopyReports.DuplicateTotals totals = reports.duplicateTotals();
      System.out.println(totals.hashes() + " duplicated hashes; " + StatsCommand.bytes(totals.reclaimableBytes())
          + " reclaimable by deleting the copies marked 'same'" + (totals.mixed() == 0 ? ""
              : "; " + totals.mixed() + " of them have copies with different metadata, each kept"));
    }
    return 0;
  }

  private static String role(CopyReports.Copy c) {
    return c.reclaimable() ? "same" : "keep";
  }

  private static void printJson(List<CopyReports.Duplicate> duplicates) {
    JsonOutput out = new JsonOutput();
    for (CopyReports.Duplicate d : duplicates) {
      for (CopyReports.Copy c : d.copies()) {
        out.file(c.path()).put("content_hash", d.contentHash()).put("storage_type", c.storageType())
            .put("size_bytes", c.sizeBytes()).put("metadata", String.valueOf(c.variant())).put("copy", role(c))
            .put("reclaimable", c.reclaimable());
      }
    }
    out.print();
  }
}
