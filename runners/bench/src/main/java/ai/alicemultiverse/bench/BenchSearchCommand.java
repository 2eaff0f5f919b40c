package ai.alicemultiverse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench-search",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {"Build a synthetic cache and time tag, text and combined searches (p50/p95).", ""})
final class BenchSearchCommand implements Callable<Integer> {
  @Option(names = "--assets", defaultValue = "1000000", description = "Synthetic assets (default ${DEFAULT-VALUE}).")
  int assets;

  @Option(names = "--rounds", defaultValue = "50", description = "Queries timed per kind (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--dir", description = "Work folder (default: a new temporary folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    SearchBench.run(assets, dir != null ? dir : Files.createTempDirectory("alice-bench"), rounds, System.out);
    return 0;
  }
}
