package ai.alicemultiverse.bench;

import ai.alicemultiverse.samples.SampleMaker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Regenerates the sample media set (for maintainers; the set ships in src/samples). */
@Command(name = "make-samples", hidden = true, mixinStandardHelpOptions = true,
    description = "Write the sample media set into DIR (as shipped in src/samples).")
final class MakeSamplesCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Target folder.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    SampleMaker.make(dir);
    System.out.println("samples written to " + dir);
    return 0;
  }
}
