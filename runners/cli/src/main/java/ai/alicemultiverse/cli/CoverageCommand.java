package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CopyReports;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    description = {
      "Media with fewer copies than they should have (backup coverage), grouped by where the copies are.",
      "",
      "The opposite of 'alice dupes', like git-annex's numcopies: by default every medium that exists in "
          + "one place only, so one lost disk or deleted object loses it. The group names the storages its "
          + "copies are on (local, network, s3, gcs; 'local+s3' for a medium on both). Two copies on the "
          + "same disk count as two: the group shows that they are both local. A command of its own rather "
          + "than a dupes option, because it answers the opposite question and its list is what to copy, "
          + "never what to delete.",
      ""
    },
    footer = {"", "Examples:",
      "  alice coverage                       # media with a single copy",
      "  alice coverage --copies 3 --storage local",
      "  alice coverage --json | jq -r '.[].SourceFile'"})
final class CoverageCommand implements Callable<Integer> {
  @Option(names = "--copies", paramLabel = "N", defaultValue = "2",
      description = "Report media with fewer than N present copies (default ${DEFAULT-VALUE}: a single copy).")
  int copies;

  @Option(names = "--storage", paramLabel = "KIND",
      description = "Only media with a copy on this storage: local, network, s3 or gcs.")
  String storage;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "List at most N media (default ${DEFAULT-VALUE}); the counts cover them all.")
  int limit;

  @Option(names = "--cache", paramLabel = "FILE", defaultValue = "alice.duckdb",
      description = "The DuckDB cache (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array with one object per medium: SourceFile (its first copy), content_hash,"
          + " storage, copies, size_bytes and locations.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Connection db = CacheFiles.openReadOnly(cache)) {
      CopyReports.Coverage coverage = new CopyReports(db).coverage(copies, storage, limit);
      if (json) {
        JsonOutput out = new JsonOutput();
        for (CopyReports.Underkept u : coverage.first()) {
          ObjectNode node = out.file(u.paths().get(0)).put("content_hash", u.contentHash())
              .put("storage", u.storage()).put("copies", u.paths().size()).put("size_bytes", u.sizeBytes());
          u.paths().forEach(node.putArray("locations")::add);
        }
        out.print();
        return 0;
      }
      String fewer = copies == 2 ? "a single copy" : "fewer than " + copies + " copies";
      for (CopyReports.CoverageGroup g : coverage.groups()) {
        System.out.printf("%-12s %d media with %s (%s)%n", g.storage(), g.media(), fewer, StatsCommand.bytes(g.bytes()));
      }
      String group = null;
      for (CopyReports.Underkept u : coverage.first()) {
        if (!u.storage().equals(group)) {
          group = u.storage();
          System.out.println();
          System.out.println(group + ":");
        }
        System.out.println("  " + u.contentHash().substring(0, Math.min(u.contentHash().length(), 19)) + "  "
            + String.join("  ", u.paths().stream().map(Reasons::printable).toList()));
      }
      if (!coverage.first().isEmpty()) {
        System.out.println();
      }
      System.out.println(coverage.media() + " of " + coverage.mediaInAll() + " media have " + fewer
          + (coverage.media() > coverage.first().size() ? "; " + coverage.first().size() + " listed (--limit)" : ""));
    }
    return 0;
  }
}
