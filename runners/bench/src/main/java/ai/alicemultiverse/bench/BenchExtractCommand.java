package ai.alicemultiverse.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "bench-extract",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the CPU a rebuild spends per file once its code is warm.",
      "",
      "Runs the rebuild's per-file work (read the embedded metadata and content hash, extract standard fields "
          + "with Tika) over every media file under DIR on one thread, without Beam, start-up or the cache load, "
          + "pass after pass. Prints each pass's CPU milliseconds per file and ends with "
          + "'warm cpu_ms_per_file=X.XXX' from the last pass: the floor under 'alice rebuild''s CPU per file "
          + "('alice bench' prints the whole rebuild's CPU). A benchmark, not a test.",
      ""
    },
    footer = {"", "Example (a corpus made by 'alice bench --dir'):", "  alice bench-extract /scratch/alice-bench/corpus"})
final class BenchExtractCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "1..*", description = "Folders (or files) with media.")
  List<Path> roots;

  @Option(names = "--passes", defaultValue = "4", description = "Passes over the files; the first warms up"
      + " (default: ${DEFAULT-VALUE}).")
  int passes;

  @Option(names = "--verify", description = "Compute every content hash, as 'alice rebuild --verify' does.")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    if (passes < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--passes must be at least 1");
    }
    ExtractBench.run(roots, passes, verify, System.out);
    return 0;
  }
}
