package ai.alicemultiverse.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "bench-hash",
    mixinStandardHelpOptions = true,
    description = {
      "Measure content-hash throughput against sha256sum on the same files.",
      "",
      "Hashes the media payload of every media file under DIR on one thread (as 'alice hash' does) and runs "
          + "sha256sum over the same files, alternating, after one warm-up pass of each; prints the best MB/s "
          + "of each and ends with 'ratio hash_vs_sha256sum=X.XX'. A benchmark, not a test.",
      ""
    },
    footer = {"", "Example (a corpus made by 'alice bench --dir'):", "  alice bench-hash /scratch/alice-bench"})
final class BenchHashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "1..*", description = "Folders (or files) with media.")
  List<Path> roots;

  @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    HashBench.run(roots, rounds, System.out);
    return 0;
  }
}
