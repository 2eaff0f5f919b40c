package ai.alicemultiverse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
    name = "bench-errors",
    mixinStandardHelpOptions = true,
    description = {
      "Measure what an unreadable file costs the rebuild against a valid one.",
      "",
      "Makes N unreadable 13-byte *.jpg files and N small valid JPEGs, rebuilds each folder into its own "
          + "cache as a whole 'alice rebuild' process, alternating, after one warm-up run of each, and ends "
          + "with 'ratio junk_vs_valid=X.XX' (best junk time over best valid time; target: at most 1.2). "
          + "A benchmark, not a test: other work on the machine changes the figures.",
      ""
    },
    footer = {"", "Beam pipeline options pass through to the rebuilds.", "Example:",
        "  alice bench-errors --files 600 --dir /scratch/alice-errors"})
final class BenchErrorsCommand implements Callable<Integer> {
  @Option(names = "--files", paramLabel = "N", defaultValue = "600",
      description = "Files of each kind (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--rounds", defaultValue = "2", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Folder for the two corpora and caches, kept afterwards. Default: a temporary folder, deleted at the end.")
  Path dir;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (files < 1 || rounds < 1) {
      throw new IllegalArgumentException("--files and --rounds must be at least 1");
    }
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("alice-bench-errors-") : dir.toAbsolutePath().normalize();
    try {
      return ErrorCostBench.run(work, files, rounds, beamArgs, System.out) ? 0 : 1;
    } finally {
      if (temporary) {
        BenchCorpus.deleteTree(work);
      }
    }
  }
}
