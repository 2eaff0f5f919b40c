package ai.alicemultiverse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extract bench reads every sample each pass and prints its figures (their values are not asserted). */
class ExtractBenchTest {
  @Test
  void everyPassReadsEveryFileAndTheLastLineIsTheWarmFigure() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<ExtractBench.Pass> passes =
        ExtractBench.run(List.of(Samples.dir()), 2, false, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);

    assertThat(passes).hasSize(2).allSatisfy(pass -> {
      assertThat(pass.files()).isEqualTo(8);
      assertThat(pass.errors()).isEqualTo(1); // the damaged sample
      assertThat(pass.cpuSeconds()).isPositive().isGreaterThanOrEqualTo(pass.inspectSeconds() + pass.tikaSeconds());
    });
    assertThat(printed).startsWith("files: 8, one thread, embedded content hashes trusted");
    assertThat(printed).containsPattern("(?m)^pass 2: [0-9.]+ s, [0-9.]+ CPU s, [0-9.]+ CPU ms/file \\(inspect [0-9.]+, Tika [0-9.]+\\), errors: 1$");
    assertThat(printed.strip()).endsWith(String.format(java.util.Locale.ROOT, "warm cpu_ms_per_file=%.3f",
        passes.get(1).cpuMillisPerFile()));
  }
}
